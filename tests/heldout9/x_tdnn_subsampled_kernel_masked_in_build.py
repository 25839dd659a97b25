"""TDNN (Peddinti et al.) layer that multiplies its kernel by the sub-sampling mask once, in build().

findnitai/TDNN-layer implements a Kaldi-style time-delay layer for speech: `build()` creates
`self.kernel` with `add_weight`, builds a NumPy mask keeping only the two extreme taps, and when
`sub_sampling=True` replaces the attribute: `self.kernel = self.kernel * self.mask`. From then on
`call()` convolves with that product, a constant computed when the layer was built. The variable is
still registered (the summary counts it), but the forward pass no longer reads it: it gets no
gradient and `fit` never changes it. Layers with `sub_sampling=False` mask inside `call()`
(`self.kernel * self.mask` as an expression) and train normally. The original calls the nonexistent
`K.conv1D(..., stride=1, padding=0)` on a 2-D kernel and returns a 2-D output shape; here `conv1d`
gets the kernel with an added output-channel axis and the output keeps its channel axis (the last
layer's softmax over time is applied after a Flatten), so the Peddinti test model runs.
"""

SOURCE = "https://github.com/findnitai/TDNN-layer/blob/0b3f052338802631ffd95ebeee3f5b18d007b60e/TDNN_layer.py"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py x_tdnn_subsampled_kernel_masked_in_build.py:
as returned: Sequential, count_params() = 25, 4 weights, unbuilt: none
after call: count_params() = 25, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 3 of 4 trainable weights: ['sequential/tdnn_layer_1/kernel', 'sequential/tdnn_layer_2/kernel', 'sequential/tdnn_layer_3/kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tdnn_layer': 5, 'tdnn_layer_1': 4, 'tdnn_layer_2': 6, 'tdnn_layer_3': 10}
second call: 0 variables watched that the first call did not use
Own check (/tmp/mine9c/tdnn.py): one epoch of model.fit (Adam, categorical crossentropy, 64 samples) warns "Gradients do not exist for variables [tdnn_layer_1/kernel, tdnn_layer_2/kernel, tdnn_layer_3/kernel]"; only tdnn_layer/kernel (sub_sampling=False) changes, the three sub-sampled kernels keep their initial values."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer, Input, Flatten, Activation
from tensorflow.keras import activations
from tensorflow.keras.models import Sequential


class TDNNLayer(Layer):
    """TDNNLayer

    TDNNLayer sounds like 1D conv with extra steps. Why not doing it with Keras ?

    This layer inherits the Layer class from Keras and is inspired by conv1D layer.
    """

    def __init__(self,
                 input_context=[-2, 2],
                 sub_sampling=False,
                 initializer='uniform',
                 activation=None,
                 **kwargs):

        self.input_context = input_context
        self.sub_sampling = sub_sampling
        self.initializer = initializer
        self.activation = activations.get(activation)
        super(TDNNLayer, self).__init__(**kwargs)

    def build(self, input_shape):

        kernel_shape = (self.input_context[1]-self.input_context[0]+1,1)
        self.kernel = self.add_weight(name='kernel',
                                      shape=kernel_shape,
                                      initializer=self.initializer,
                                      trainable=True)
        self.mask = np.zeros(kernel_shape, dtype='float32')
        self.mask[0][0] = 1
        self.mask[self.input_context[1]-self.input_context[0]][0] = 1

        if self.sub_sampling:
            self.kernel = self.kernel * self.mask

        super(TDNNLayer, self).build(input_shape)  # Be sure to call this at the end

    def call(self,
             inputs,
             mask=None,
             training=None,
             initial_state=None,
             constants=None):
        if self.sub_sampling:
            output = K.conv1d(inputs,
                              K.expand_dims(self.kernel, -1),
                              strides=1,
                              padding="valid",
                              )
        else:
            output = K.conv1d(inputs,
                              K.expand_dims(self.kernel * self.mask, -1),
                              strides=1,
                              padding="valid",
                              )
        if self.activation is not None:
            return self.activation(output)
        return output

    def compute_output_shape(self, input_shape):
        return input_shape[0], input_shape[1]-self.input_context[1]+self.input_context[0], 1


class PeddintiModel:

    def __init__(self):
        self.model = None
        self.input_dim = 0

    def create_model(self, input_dim):
        self.input_dim = input_dim
        self.model = Sequential()
        self.model.add(Input(shape=(input_dim, 1)))
        self.model.add(TDNNLayer([-2, 2], sub_sampling=False))
        self.model.add(TDNNLayer([-1, 2], sub_sampling=True))
        self.model.add(TDNNLayer([-3, 2], sub_sampling=True))
        self.model.add(TDNNLayer([-7, 2], sub_sampling=True))
        # the original put activation="softmax" on the last TDNN layer, meant over the 11 time
        # steps (its truth tensor is (N, input_dim - 21)); with the channel axis kept it is applied here
        self.model.add(Flatten())
        self.model.add(Activation("softmax"))
        self.model.compile(optimizer='Adam', loss="categorical_crossentropy", metrics=['accuracy'])


def build_model():
    peddinti = PeddintiModel()
    peddinti.create_model(32)
    return peddinti.model
