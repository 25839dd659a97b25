"""Freezing one weight of a custom layer through the symbolic tensor: `out._keras_history[0].kernel._trainable = False`.

The reporter wanted the kernel of their `EmbeddingMax` layer (a learned per-dimension weighting of the
embedding) to stay fixed inside a text classifier built by a factory function, and reached the layer
through the functional tensor's `_keras_history` to flip the private `_trainable` flag of the variable.
In 2019 Keras ignored the flag and trained the kernel anyway. On Keras 3 the same private-attribute code
does what it intends: the layer is still tracked, the kernel is counted as non-trainable (8 params) and
every other weight stays trainable. It looks like a private weight-list hack, but no weight goes missing.
"""

SOURCE = "https://github.com/keras-team/keras/issues/12296"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okg_keras_freeze_custom_kernel_via_keras_history.py:
as returned: Functional, count_params() = 389386, 22 weights, unbuilt: none
after call: count_params() = 389386, 21 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 21 trainable weights: []
tape watched 1 variables the model does not track: ['embedding_max/kernel:0']
params of the case's own layers: {'embedding_max': 8}
second call: 0 variables watched that the first call did not use
(own script: model.non_trainable_weights == ['embedding_max/kernel']: the "untracked" variable above is the
intentionally frozen kernel, which _measure.py only compares against the trainable list; it is counted and saved)"""

import numpy as np
from keras.layers import Input, Embedding, Layer, Conv1D, Activation, GlobalMaxPooling1D, Concatenate, Dense, Dropout
from keras.models import Model


class EmbeddingMax(Layer):
    """Scales each embedding dimension by a learned weight and keeps, per position, the re-weighted vector."""

    def __init__(self, **kwargs):
        super(EmbeddingMax, self).__init__(**kwargs)

    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1],), initializer="ones", trainable=True)
        super(EmbeddingMax, self).build(input_shape)

    def call(self, x):
        return x * self.kernel

    def compute_output_shape(self, input_shape):
        return input_shape


def ATSc(pretrained_weights=None, input_size=(120,), embedding_layer=None):
    inputs = Input(input_size)
    embedding = embedding_layer(inputs)
    embmax = EmbeddingMax()(embedding)
    embmax._keras_history[0].kernel._trainable = False
    convs = []
    ngram_filters = [9, 18, 27, 36]
    n_filters = 64
    counter = 0
    for n_gram in ngram_filters:
        l_conv1 = Conv1D(filters=n_filters, kernel_size=1)(embmax)
        l_relu1 = Activation("relu")(l_conv1)
        l_conv2 = Conv1D(filters=n_filters, kernel_size=n_gram, padding="same")(l_relu1)
        l_relu2 = Activation("relu")(l_conv2)
        l_pool = GlobalMaxPooling1D()(l_relu2)
        convs.append(l_pool)
        counter += 1
    l_merge = Concatenate(axis=1)(convs)
    l_dense = Dense(64, activation="relu")(l_merge)
    l_dense = Dropout(0.5)(l_dense)
    outputs = Dense(2, activation="softmax")(l_dense)
    model = Model(inputs, outputs)
    if pretrained_weights:
        model.load_weights(pretrained_weights)
    return model


def build_model():
    vocab, dim = 200, 8
    embedding_layer = Embedding(vocab, dim, embeddings_initializer="uniform", name="word_embedding")
    return ATSc(embedding_layer=embedding_layer)
