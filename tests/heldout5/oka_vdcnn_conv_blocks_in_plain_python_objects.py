"""Correct: VDCNN conv blocks are plain Python objects holding a Sequential, called once each while wiring.

A Toxic-comment competition solution builds VDCNN with `ConvBlockVDCNN(object)`: a plain class
(not a Layer) whose `__init__` fills `self.model = Sequential()` with two Conv1D/BatchNorm/ReLU
units and whose `__call__` returns `self.model(inputs)`. The model-building function creates one
block per stage and calls it on the running tensor; k-max pooling is a Lambda around
`tf.nn.top_k`. Layers hidden in a non-Layer object, and a top-k in the graph, look like untracked
state and a gradient break, but each block's Sequential is called on a symbolic tensor and so is
wired into the functional graph (tracked, counted, trained), and `top_k` values (not indices)
carry gradients. Only the frozen pre-trained embedding is non-trainable, as written.
"""

SOURCE = "https://github.com/thinline72/toxic/blob/master/astsepanenka/vdcnn_layers.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oka_vdcnn_conv_blocks_in_plain_python_objects.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Functional, count_params() = 10536054, 57 weights, unbuilt: none
after call: count_params() = 10536054, 40 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 40 trainable weights: []
tape watched 1 variables the model does not track: ['embs/embeddings:0']
second call: 0 variables watched that the first call did not use
extra check (python: build_model().non_trainable_weights, layer types): the one watched-but-untrained variable is
'embs/embeddings', the frozen (trainable=False) embedding, tracked in model.non_trainable_weights; the model's
layers include the 4 blocks' Sequential models."""

import numpy as np
import tensorflow as tf
from keras.layers import Activation, BatchNormalization, Conv1D, Dense, Dropout, Embedding, Input, Lambda, MaxPooling1D
from keras.models import Model, Sequential


class ConvBlockVDCNN(object):
    def __init__(self, input_shape, num_filters):
        self.model = Sequential()
        self.model.add(Conv1D(filters=num_filters, kernel_size=3, strides=1, padding="same", input_shape=input_shape))
        self.model.add(BatchNormalization())
        self.model.add(Activation("relu"))

        self.model.add(Conv1D(filters=num_filters, kernel_size=3, strides=1, padding="same"))
        self.model.add(BatchNormalization())
        self.model.add(Activation("relu"))

    def __call__(self, inputs):
        return self.model(inputs)


def VDCNN_model(input_shape, num_classes, num_words, emb_size, emb_matrix, num_filters, top_k=8, emb_trainable=False):
    inputs = Input(shape=(input_shape,), dtype="int32", name="inputs")
    embedded_sent = Embedding(num_words, emb_size, weights=[emb_matrix], trainable=emb_trainable, name="embs")(inputs)
    conv = Conv1D(filters=64, kernel_size=3, strides=2, padding="same")(embedded_sent)

    for i in range(len(num_filters)):
        conv = ConvBlockVDCNN(conv.shape[1:], num_filters[i])(conv)
        conv = MaxPooling1D(pool_size=3, strides=2, padding="same")(conv)

    def k_max_pooling(x):
        x = tf.transpose(x, [0, 2, 1])
        k_max = tf.nn.top_k(x, k=top_k)
        return tf.reshape(k_max[0], (-1, num_filters[-1] * top_k))

    k_max = Lambda(k_max_pooling, output_shape=(num_filters[-1] * top_k,))(conv)

    fc1 = Dropout(0.2)(Dense(4096, activation="relu", kernel_initializer="he_normal")(k_max))
    fc2 = Dropout(0.2)(Dense(2048, activation="relu", kernel_initializer="he_normal")(fc1))
    fc3 = Dense(num_classes, activation="sigmoid")(fc2)
    return Model(inputs=inputs, outputs=fc3)


def build_model():
    emb_matrix = np.random.default_rng(0).normal(size=(100, 16)).astype("float32")
    return VDCNN_model(512, 6, 100, 16, emb_matrix, num_filters=[8, 16, 32, 64])
