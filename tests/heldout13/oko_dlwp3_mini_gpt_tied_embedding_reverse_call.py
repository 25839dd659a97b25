"""Deep Learning with Python (3rd ed., Keras 3), chapter 16 mini-GPT: the token embedding is reused as
the output projection through `PositionalEmbedding(..., reverse=True)`.

The book's `PositionalEmbedding` holds two `Embedding` layers; when called with `reverse=True` it
returns `ops.matmul(inputs, ops.transpose(self.token_embeddings.embeddings))`, i.e. it reads the
embedding matrix directly and transposes it inside `call()`.  The same `embedding` object is called
twice in the functional model: once on the token ids and once, reversed, on the decoder output.
The `TransformerDecoder` blocks are made in a Python loop.  A transposed weight and a layer called a
second time with a different signature look like LD010 (variable replaced by a derived tensor) and
LD008 (incompatible reuse), but the transpose is recomputed on every call (never stored on self),
so the tied embedding is counted once and receives gradient from both uses.
Hyperparameters are scaled down (book: hidden 512, 8 layers, 8 heads, vocab from the tokenizer,
mixed_float16 policy) so that the check is cheap; the code is otherwise the book's.
"""

SOURCE = ("https://github.com/fchollet/deep-learning-with-python-notebooks/blob/"
          "dea84a4e12cc3bb3cb61ce952a0168bca113d315/chapter16_text-generation.ipynb")
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oko_dlwp3_mini_gpt_tied_embedding_reverse_call.py:
as returned: Functional, count_params() = 20864, 36 weights, unbuilt: none
after call: count_params() = 20864, 36 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 36 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'positional_embedding': 3712, 'transformer_decoder': 8544, 'transformer_decoder_1': 8544}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers
from keras import ops


class TransformerDecoder(keras.Layer):
    def __init__(self, hidden_dim, intermediate_dim, num_heads):
        super().__init__()
        key_dim = hidden_dim // num_heads
        self.self_attention = layers.MultiHeadAttention(
            num_heads, key_dim, dropout=0.1
        )
        self.self_attention_layernorm = layers.LayerNormalization()
        self.feed_forward_1 = layers.Dense(intermediate_dim, activation="relu")
        self.feed_forward_2 = layers.Dense(hidden_dim)
        self.feed_forward_layernorm = layers.LayerNormalization()
        self.dropout = layers.Dropout(0.1)

    def call(self, inputs):
        residual = x = inputs
        x = self.self_attention(query=x, key=x, value=x, use_causal_mask=True)
        x = self.dropout(x)
        x = x + residual
        x = self.self_attention_layernorm(x)
        residual = x
        x = self.feed_forward_1(x)
        x = self.feed_forward_2(x)
        x = self.dropout(x)
        x = x + residual
        x = self.feed_forward_layernorm(x)
        return x


class PositionalEmbedding(keras.Layer):
    def __init__(self, sequence_length, input_dim, output_dim):
        super().__init__()
        self.token_embeddings = layers.Embedding(input_dim, output_dim)
        self.position_embeddings = layers.Embedding(sequence_length, output_dim)

    def call(self, inputs, reverse=False):
        if reverse:
            token_embeddings = self.token_embeddings.embeddings
            return ops.matmul(inputs, ops.transpose(token_embeddings))
        positions = ops.cumsum(ops.ones_like(inputs), axis=-1) - 1
        embedded_tokens = self.token_embeddings(inputs)
        embedded_positions = self.position_embeddings(positions)
        return embedded_tokens + embedded_positions


def build_model(sequence_length=16, vocab_size=100, hidden_dim=32,
                intermediate_dim=64, num_heads=4, num_layers=2):
    inputs = keras.Input(shape=(None,), dtype="int32", name="inputs")
    embedding = PositionalEmbedding(sequence_length, vocab_size, hidden_dim)
    x = embedding(inputs)
    x = layers.LayerNormalization()(x)
    for i in range(num_layers):
        x = TransformerDecoder(hidden_dim, intermediate_dim, num_heads)(x)
    outputs = embedding(x, reverse=True)
    mini_gpt = keras.Model(inputs, outputs)
    return mini_gpt, keras.ops.convert_to_numpy(keras.ops.ones((2, sequence_length), dtype="int32"))
