"""A from-scratch "Attention Is All You Need" encoder: a `PositionalEmbedding` layer that embeds
`tf.range(length)` inside `call()`, a hand-written `MultiHeadAttention` called with keyword `q=, k=, v=`
tensors, and a `TransformerEncoder` whose feed-forward is a `keras.Sequential` held as an attribute.

From kozuedoingregression/attention-is-all-you-need (`encoder.py`, `multiHeadAttention.py`,
`positionalEmbedding.py`, `scaledDotProductAttention.py`). Looks like the position-table-on-a-constant
and unbuilt-sublayer traps (the position `Embedding` is called on a `tf.range`, nothing has a `build()`,
the attention is called with three keyword tensors), but the range is made inside `call()` from the
symbolic input's length, so on Keras 3 every embedding, projection and norm weight is tracked, built on
the first call and gets a gradient.

Porting edits: the four files put in one (imports added); the module-level test of
`scaled_dot_product_attention` and the causal-mask helper left out; vocabulary 50, length 6, width 8,
2 heads, feed-forward 16; a pooled Dense head added so `build_model()` returns a functional classifier.
"""

SOURCE = "https://github.com/kozuedoingregression/attention-is-all-you-need/blob/2b1a6978c0bed84f17c5d6505f7e2682992b56c1/encoder.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/okf_kozuedoing_transformer_encoder_custom_mha_keyword_qkv.py:
warning: Layer 'transformer_encoder' (of type TransformerEncoder) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. D
as returned: Functional, count_params() = 1075, 20 weights, unbuilt: none
after call: count_params() = 1075, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'positional_embedding': 448, 'transformer_encoder': 600, 'multi_head_attention': 288}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras


# Scaled Dot-Product Attention
def scaled_dot_product_attention(q, k, v, use_causal_mask=False):
    d_k = tf.cast(tf.shape(k)[-1], tf.float32)
    scores = tf.matmul(q, k, transpose_b=True)
    scaled_scores = scores / tf.math.sqrt(d_k)
    weights = tf.nn.softmax(scaled_scores, axis=-1)
    output = tf.matmul(weights, v)
    return output


class MultiHeadAttention(keras.layers.Layer):
    def __init__(self, embed_dim, h, **kwargs):
        super().__init__(**kwargs)
        self.embed_dim = embed_dim
        self.h = h
        if embed_dim % h != 0:
            raise ValueError(
                f"dimension of the embedding space = {embed_dim} should be divisible by number of heads = {h}"
            )
        self.q_linear = keras.layers.Dense(embed_dim)
        self.k_linear = keras.layers.Dense(embed_dim)
        self.v_linear = keras.layers.Dense(embed_dim)
        self.concat_linear = keras.layers.Dense(embed_dim)

    def split_heads(self, x, batch_size):
        x = tf.reshape(x, shape=(batch_size, -1, self.h, self.embed_dim // self.h))
        return tf.transpose(x, perm=[0, 2, 1, 3])

    def concat_heads(self, x, batch_size):
        x = tf.transpose(x, perm=[0, 2, 1, 3])
        return tf.reshape(x, (batch_size, -1, self.embed_dim))

    def call(self, q, k, v, use_causal_mask=False):
        batch_size = tf.shape(k)[0]
        q = self.q_linear(q)
        k = self.k_linear(k)
        v = self.v_linear(v)
        q = self.split_heads(q, batch_size)
        k = self.split_heads(k, batch_size)
        v = self.split_heads(v, batch_size)
        attention = scaled_dot_product_attention(q, k, v, use_causal_mask)
        concat = self.concat_heads(attention, batch_size)
        concat = self.concat_linear(concat)
        return concat


class PositionalEmbedding(keras.layers.Layer):
    def __init__(self, sequence_length, input_dim, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.token_embeddings = keras.layers.Embedding(input_dim=input_dim, output_dim=output_dim)
        self.position_embeddings = keras.layers.Embedding(input_dim=sequence_length, output_dim=output_dim)
        self.sequence_length = sequence_length
        self.input_dim = input_dim
        self.output_dim = output_dim

    def call(self, inputs):
        embedded_tokens = self.token_embeddings(inputs)
        length = tf.shape(inputs)[-1]
        positions = tf.range(start=0, limit=length, delta=1)
        embedded_positions = self.position_embeddings(positions)
        return embedded_tokens + embedded_positions

    def compute_mask(self, inputs, mask=None):
        return keras.ops.not_equal(inputs, 0)


class TransformerEncoder(keras.layers.Layer):
    def __init__(self, embed_dim, dense_dim, num_heads, **kwargs):
        super().__init__(**kwargs)
        self.embed_dim = embed_dim
        self.dense_dim = dense_dim
        self.num_heads = num_heads
        self.layer_norm_1 = keras.layers.LayerNormalization()
        self.layer_norm_2 = keras.layers.LayerNormalization()
        self.global_self_attention = MultiHeadAttention(embed_dim=embed_dim, h=num_heads)
        self.feed_forward = keras.Sequential(
            [keras.layers.Dense(dense_dim, activation="relu"),
             keras.layers.Dense(embed_dim),]
        )

    def call(self, x):
        # Post layer normalization + residual connections
        x = self.layer_norm_1(x + self.global_self_attention(q=x, k=x, v=x))
        x = self.layer_norm_2(x + self.feed_forward(x))
        return x


def build_model():
    inputs = keras.Input(shape=(6,), dtype="int64")
    x = PositionalEmbedding(6, 50, 8)(inputs)
    x = TransformerEncoder(8, 16, 2)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(3, activation="softmax")(x)
    return keras.Model(inputs, outputs)
