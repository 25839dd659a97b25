"""A dependency parser's biaffine arc scorer ("Dozat" layer, after Dozat & Manning) creates its biaffine
matrix, its `Dropout` and both `Dense` projections inside `call()`, on top of a BiLSTM over word and POS
embeddings.

From JeeYz/git_from_the_hell (`Keras_parsing/module/custom_layer_0.py` at 7ee5e7fa, used by
`Keras_parsing/keras_11_biLSTM_prac_one_example_2.py` of the same commit). Every call makes a fresh random
matrix `m` and two fresh `Dense` layers that are locals of `call()`: none of them is a weight of the
layer or the model, so the scorer has 0 parameters, each call scores with new random weights, and
training only ever updates the embeddings and the BiLSTM.

Porting edits: `keras.engine.topology.Layer` -> `keras.layers.Layer`; `K.random_uniform_variable((128,
128), 0, 1, seed=1)` (gone from Keras 3) -> `keras.Variable(keras.random.uniform(..., seed=1))`;
`K.permute_dimensions` / `K.dot` / `K.batch_dot` -> `tf.transpose` / `tf.tensordot` / `tf.matmul` on the
same axes; `activations.softmax` kept inside the author's `Lambda`; W_VEC_SIZE = P_VEC_SIZE 128 -> 8,
BiLSTM 128 -> 4 (so its concatenated output is 8 wide, as the author's 256 fed 128-wide Dense layers),
sentence length 21 -> 6 with the author's (length, 2) word/POS id pairs; the fastText matrices replaced
by random 20x8 / 10x8 tables; data loading, compile and the fit loop left out; `build_model()` returns
the functional model.
"""

SOURCE = "https://github.com/JeeYz/git_from_the_hell/blob/7ee5e7fa73a8d128d6a5391fb948a02f41307a2f/Keras_parsing/module/custom_layer_0.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/f_jeeyz_dozat_biaffine_parser_dense_and_matrix_made_in_call.py:
as returned: Functional, count_params() = 1424, 8 weights, unbuilt: none
after call: count_params() = 1424, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 5 variables the model does not track: ['functional/dozat/variable:0', 'functional/dozat/dense/kernel:0', 'functional/dozat/dense/bias:0', 'functional/dozat/dense_1/kernel:0', 'functional/dozat/dense_1/bias:0']
params of the case's own layers: {'dozat': 0}
second call: 5 variables watched that the first call did not use
(the Dozat layer counts 0 parameters; its matrix and both Dense layers, 5 variables, are created anew on every call and watched by the tape but owned by nothing; the 8 tracked weights are the two embeddings and the BiLSTM.)"""

import numpy as np
import tensorflow as tf
import keras
from keras import layers
from keras import activations
from keras.layers import Layer, Lambda, Dense, Dropout
from keras.layers import Input, Embedding, Reshape, LSTM, Bidirectional
from keras.models import Model
from keras.initializers import Constant

W_VEC_SIZE = 8
P_VEC_SIZE = 8
SENT_LEN = 6


def find_softmax(tensors):
    return activations.softmax(tensors, axis=-1)

def output_of_lambda(input_shape):
    return (input_shape[0], input_shape[1])


class Dozat(Layer):

    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(Dozat, self).__init__(**kwargs)

    def call(self, x):
        m = keras.Variable(keras.random.uniform((W_VEC_SIZE, W_VEC_SIZE), 0, 1, seed=1))

        x = Dropout(rate=0.4)(x)
        a = layers.Dense(W_VEC_SIZE, activation='relu')(x)
        b = layers.Dense(W_VEC_SIZE, activation='relu')(x)
        b = tf.transpose(b, (0, 2, 1))
        x = tf.tensordot(a, m, axes=[[2], [0]])
        x = tf.matmul(x, b)
        x = Lambda(find_softmax, output_shape=output_of_lambda)(x)
        return x

    def compute_output_shape(self, input_shape):
        return (1, self.output_dim, self.output_dim)


def build_model():
    rng = np.random.default_rng(0)
    words_matrix = rng.random((20, W_VEC_SIZE)).astype("float32")
    pos_matrix = rng.random((10, P_VEC_SIZE)).astype("float32")

    w = Input(shape=(SENT_LEN, 2), dtype='int32', name='words')
    p = Input(shape=(SENT_LEN, 2), dtype='int32', name='pos')

    embedding_layer1 = Embedding(len(words_matrix), W_VEC_SIZE,
                                 embeddings_initializer=Constant(words_matrix))
    embedding_layer2 = Embedding(len(pos_matrix), P_VEC_SIZE,
                                 embeddings_initializer=Constant(pos_matrix))
    ew1 = embedding_layer1(w)
    ep1 = embedding_layer2(p)
    ew1 = Reshape((-1, W_VEC_SIZE*2))(ew1)
    ep1 = Reshape((-1, P_VEC_SIZE*2))(ep1)
    es = layers.concatenate([ew1, ep1], axis=-1) ## es = embedded_sequences
    x = Bidirectional(LSTM(4, return_sequences=True), merge_mode='concat')(es)
    x = Dozat(SENT_LEN)(x) # custom Lambda layer
    network = Model([w, p], x)
    return network
