"""A course homework's `Transformer(Layer)` block never calls `super().__init__()`: it assigns its
MultiHeadAttention, LayerNorms, Dense and Add sublayers straight away; on Keras 3 the model still
constructs, but its first forward pass raises and no weight of the block is ever created.

From Erik-Nickel/iannwtfael (`Homework_11/Transformer.py`, homework 11 of the Osnabrück course
"Implementing Artificial Neural Networks with TensorFlow": a one-block transformer text generator
trained on the Bible with a SentencePiece tokenizer). `Transformer.__init__(self, embedding_size)`
sets `self.attention = MultiHeadAttention(4, embedding_size)`, two LayerNormalizations, a Dropout,
two Dense layers and two Add layers, and has no `super().__init__()` call anywhere; `call()` is a
post-norm attention + feed-forward block. `TextGeneratorModel(tf.keras.Model)` (in
`TextGeneratorModel.py`) creates a `SentencePieceEmbedding`, this block, a GlobalAvgPool1D and a
vocabulary Dense in its own `__init__`; the model constructs, and fails at its first call.

Porting edits: none to the block. The model class is copied from `TextGeneratorModel.py` without its
text-generation helpers (`generate_text` and two private stubs); the embedding layer from
`SentencePieceEmbedding.py` kept as written. build_model(): `TextGeneratorModel(tokenizer=None,
sequence_len=8, vocab_sice=50, embedding_sice=16)` as `hw11.py` builds it (the SentencePiece tokenizer
object is not needed to construct the model), then its first forward pass on a batch of two 8-token
sequences; on Keras 3 construction succeeds and that call raises, as the user would see it (the
catalog row says Keras raises when super().__init__() is never called: here not at construction but
at the first call, with an AttributeError rather than Keras's explicit message, which appears only when
the block itself is called directly, see MEASURED).
"""

SOURCE = "https://github.com/Erik-Nickel/iannwtfael/blob/e37a0b80e0f3a26166dcfafdec87f96a648939d2/Homework_11/Transformer.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py aq_eriknickeliannwtf_transformer_block_never_calls_super_init.py:
build_model() raised AttributeError: 'Transformer' object has no attribute '_losses' (from Layer._clear_losses during model(tokens))
probe (_probe_nosuper.py, in this folder, run on the model before its first call): construction succeeds;
model.layers: ['SentencePieceEmbedding', 'Transformer', 'GlobalAveragePooling1D', 'Dense']; Transformer has no `built`;
model.count_params() raised ValueError (model not built); calling the block alone on a (2, 8, 16) tensor raised
RuntimeError: In layer 'Transformer', you forgot to call `super().__init__()` as the first statement in the `__init__()` method."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Layer, Dense, MultiHeadAttention, LayerNormalization, Dropout, Add
from tensorflow.keras.layers import Embedding, GlobalAvgPool1D


class Transformer(Layer):

    def __init__(self, embedding_size):
        self.attention = MultiHeadAttention(4, embedding_size)
        self.norm1 = LayerNormalization(epsilon=1e-6)
        self.norm2 = LayerNormalization(epsilon=1e-6)
        self.dropout = Dropout(0.1)
        self.dense1 = Dense(128, activation=tf.nn.relu)  # 32-256
        self.dense2 = Dense(embedding_size)
        self.add1 = Add()
        self.add2 = Add()

    def call(self, inputs, training):
        x = self.attention(inputs, inputs, inputs)
        x = self.dropout(x, training)
        x = self.add1([x, inputs])
        ln_out = self.norm1(x)
        x = self.dense1(ln_out)
        x = self.dense2(x)
        x = self.add2([x, ln_out])
        x = self.norm2(x)
        return x


class SentencePieceEmbedding(Layer):

    def __init__(self, vocabulary_sice, embedding_sice, sequence_len):
        super(SentencePieceEmbedding, self).__init__()
        self.positional_embedding = Embedding(sequence_len, embedding_sice)
        self.token_embedding = Embedding(vocabulary_sice, embedding_sice)
        self.add_layer = Add()

    def call(self, inputs, *args, **kwargs):
        (batch_size, seq_len) = inputs.shape()
        positions = tf.range(seq_len)  # TODO: batch_size?
        x_p = self.positional_embedding(positions)
        x_t = self.token_embedding(inputs)
        out = self.add_layer([x_p, x_t])
        return out


class TextGeneratorModel(tf.keras.Model):

    def __init__(self, tokenizer, sequence_len, vocab_sice, embedding_sice=256):
        super(TextGeneratorModel, self).__init__()
        self.sequence_len = sequence_len
        self.tokenizer = tokenizer
        self.emb = SentencePieceEmbedding(vocab_sice, embedding_sice, sequence_len)
        self.trans = Transformer(embedding_sice)
        self.pooling = GlobalAvgPool1D()
        self.dense = Dense(vocab_sice)

    @tf.function
    def call(self, inputs, is_training=False):
        x = self.emb(inputs)
        x = self.trans(x)
        x = self.pooling(x)
        x = self.dense(x)
        return x


def build_model():
    model = TextGeneratorModel(tokenizer=None, sequence_len=8, vocab_sice=50, embedding_sice=16)
    tokens = np.ones((2, 8), dtype="int32")
    model(tokens)  # the first forward pass of hw11.py's training loop
    return model, tokens
