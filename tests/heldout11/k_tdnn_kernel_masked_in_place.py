"""Sub-sampled TDNN layer (Conv1D subclass) masks its kernel with `self.kernel *= self.mask` inside call().

A time-delay neural network layer for speech/sequence models, written as a subclass of the Keras
convolution base (`_Conv`; ported to a `Layer` with `keras.ops.conv`, since Keras 3 has no such
base and its `Conv1D.kernel` is a read-only property): `build()` re-creates `kernel`/`bias` with `add_weight` and, for sub-sampling, a
NumPy mask that keeps only the first and last taps of the context window. `call()` then does
`self.kernel *= self.mask` before delegating to the parent convolution. The in-place multiply
rebinds the `kernel` attribute to a tensor derived from the variable (in the functional build, a
symbolic tensor), so the variable stays listed and counted but the layer no longer reads it.
"""

SOURCE = "https://github.com/dangyuuki123/nlp_set_commons/blob/main/TDNN.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py k_tdnn_kernel_masked_in_place.py:
as returned: Functional, count_params() = 1059, 8 weights, unbuilt: none
call 1 raised NotImplementedError: Exception encountered when calling TDNN.call().
Own check: after build_model(), model.get_layer('tdnn2').kernel is a tensorflow SymbolicTensor (weights still list tdnn2/kernel, tdnn2/bias); the eager call fails with 'Cannot convert a symbolic tf.Tensor (Mul:0) to a numpy array'."""

import numpy as np
import keras
from keras.layers import InputSpec


class TDNN(keras.layers.Layer):
    # Original TDNN
    # A. Waibel, T. Hanazawa, G. Hinton, K. Shikano and K. J. Lang,
    # "Phoneme recognition using time-delay neural networks,"
    # IEEE Transactions on Acoustics, Speech, and Signal Processing, 1989.
    #
    # Architecture implemented in this Layer
    # Peddinti, Vijayaditya et al.
    # "A time delay neural network architecture for efficient modeling of long temporal contexts."
    # INTERSPEECH (2015).

    def __init__(self,
                 input_context,
                 sub_sampling=False,
                 filters=1,
                 strides=1,
                 padding='valid',
                 data_format='channels_last',
                 dilation_rate=1,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        if padding == 'causal':
            if data_format != 'channels_last':
                raise ValueError('When using causal padding in `Conv1D`, '
                                 '`data_format` must be "channels_last" (temporal data).')
        self.input_context = input_context
        self.sub_sampling = sub_sampling
        super(TDNN, self).__init__(activity_regularizer=activity_regularizer, **kwargs)
        # was: keras.layers.convolutional._Conv(rank=1, ...), a private base gone from Keras 3
        self.rank = 1
        self.filters = filters
        self.kernel_size = (self.input_context[1] - self.input_context[0] + 1,)
        self.strides = strides
        self.padding = padding
        self.data_format = data_format
        self.dilation_rate = dilation_rate
        self.activation = keras.activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.kernel_constraint = keras.constraints.get(kernel_constraint)
        self.bias_constraint = keras.constraints.get(bias_constraint)

    def build(self, input_shape):
        if self.data_format == 'channels_first':
            channel_axis = 1
        else:
            channel_axis = -1
        if input_shape[channel_axis] is None:
            raise ValueError('The channel dimension of the inputs should be defined. Found `None`.')
        input_dim = input_shape[channel_axis]
        kernel_shape = self.kernel_size + (input_dim, self.filters)

        self.kernel = self.add_weight(shape=kernel_shape,
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.filters,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        if self.sub_sampling:
            self.mask = np.zeros(kernel_shape, dtype='float32')
            self.mask[0][0] = 1
            self.mask[self.input_context[1] - self.input_context[0]][0] = 1
        else:
            self.mask = None
        # Set input spec.
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={channel_axis: input_dim})
        self.built = True

    def call(self, inputs):
        if self.sub_sampling:
            self.kernel *= self.mask
        outputs = keras.ops.conv(inputs, self.kernel, strides=self.strides, padding=self.padding,
                                 data_format=self.data_format, dilation_rate=self.dilation_rate)
        if self.use_bias:
            outputs = outputs + self.bias
        return self.activation(outputs)

    def get_config(self):
        config = super(TDNN, self).get_config()
        config.update({'input_context': self.input_context, 'sub_sampling': self.sub_sampling,
                       'filters': self.filters, 'strides': self.strides, 'padding': self.padding})
        return config


def xvector_frames(n_frames=20, n_feats=6, n_classes=3):
    inputs = keras.Input(shape=(n_frames, n_feats))
    x = TDNN(input_context=[-2, 2], sub_sampling=False, filters=8, activation='relu', name='tdnn1')(inputs)
    x = TDNN(input_context=[-2, 2], sub_sampling=True, filters=8, activation='relu', name='tdnn2')(x)
    x = TDNN(input_context=[-3, 3], sub_sampling=True, filters=8, activation='relu', name='tdnn3')(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(n_classes, activation='softmax')(x)
    return keras.Model(inputs, outputs, name='tdnn_xvector')


def build_model():
    return xvector_frames()
