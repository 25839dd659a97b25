"""A BiDAF embedding layer builds its word and character sublayers but never calls `super().__init__()`.

The repository ports BiDAF (question answering) from PyTorch to TensorFlow. Its `Embedding(Layer)`
sets the GloVe matrix, the frozen word `Embedding`, a character `Embedding` and a dict of
`Conv1D`/`MaxPool1D` per kernel size in `__init__` -- without ever calling the base constructor,
as a PyTorch module written in a hurry might. Completed here so that `call()` embeds context and
question words and characters; on Keras 3 the layer cannot even be constructed: assigning the first
attribute fails because `Layer.__init__` never ran.
"""

SOURCE = "https://github.com/StephenZou/BiDAF-pytorch/blob/382d0aa1a8d3a138d8a470a8fda39aa6321e723b/layers/embedding.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py c_ld013_bidaf_char_word_embedding_never_calls_super_init.py:
build_model() raised RuntimeError: In layer 'Embedding', you forgot to call `super().__init__()` as the first statement in the `__init__()` method. Go add it!"""

import keras
import numpy as np
import tensorflow as tf

max_char_len = 8


class Embedding(keras.layers.Layer):
    def __init__(self, glove_weight, char_vocab_size=0):
        self.glove_weight = glove_weight
        self.char_vocab_size = char_vocab_size
        self.word_vocab_size = glove_weight.shape[0]
        self.emb_size = glove_weight.shape[1]
        self.word_embedding = keras.layers.Embedding(
            self.word_vocab_size, self.emb_size,
            embeddings_initializer=keras.initializers.Constant(glove_weight), trainable=False)
        self.char_embedding = keras.layers.Embedding(self.char_vocab_size, self.emb_size,
                                                     embeddings_initializer="uniform")
        self.kernel_size = [2, 3, 4]
        self.conv1d_mapper = {
            size: keras.layers.Conv1D(filters=2, kernel_size=size, strides=1)
            for size in self.kernel_size
        }
        self.pool_mapper = {
            size: keras.layers.MaxPool1D(pool_size=max_char_len - size + 1)
            for size in self.kernel_size
        }

    def multi_conv1d(self, x_emb):
        # x_emb: [batch, words, chars, emb] -> one vector per word from each kernel size
        batch, words = tf.shape(x_emb)[0], x_emb.shape[1]
        chars = tf.reshape(x_emb, [-1, max_char_len, self.emb_size])
        pooled = [self.pool_mapper[k](self.conv1d_mapper[k](chars)) for k in self.kernel_size]
        return tf.reshape(tf.concat(pooled, axis=-1), [batch, words, 2 * len(self.kernel_size)])

    def call(self, cinn_word, qinn_word, cinn_char, qinn_char):
        cemb = self.word_embedding(cinn_word)
        qemb = self.word_embedding(qinn_word)
        c_char_emb = self.multi_conv1d(self.char_embedding(cinn_char))
        q_char_emb = self.multi_conv1d(self.char_embedding(qinn_char))
        return tf.concat([cemb, c_char_emb], -1), tf.concat([qemb, q_char_emb], -1)


def build_model():
    glove = np.random.default_rng(0).normal(size=(50, 6)).astype("float32")
    layer = Embedding(glove, char_vocab_size=30)
    rng = np.random.default_rng(1)
    c_word, q_word = rng.integers(0, 50, (2, 12)), rng.integers(0, 50, (2, 5))
    c_char, q_char = rng.integers(0, 30, (2, 12, max_char_len)), rng.integers(0, 30, (2, 5, max_char_len))
    layer(c_word, q_word, c_char, q_char)
    return layer
