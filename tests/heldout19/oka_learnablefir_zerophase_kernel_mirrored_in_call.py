"""Learnable linear/zero-phase FIR filterbank: only half of each filter is a weight, the full kernel is mirrored in `call()`.

From mHealthBuet/LearnableFIR (`custom_layers.py`, heart-sound front end). `Conv1D_zerophase_linear`
halves the requested kernel size in `__init__`, creates the half kernel and the bias with `add_weight`
in `build()` (ending with `self.built = True`, no `super().build()`), and in `call()` rebuilds the
symmetric FIR kernel every time (`tf.reverse` of the half kernel, `tf.concat` with it), then filters
forwards, reverses time, filters again and reverses back (zero-phase filtering). Looks like a kernel
derived from a weight and reused, but the derivation happens inside `call()`, so every step trains the
stored half kernel.

Porting edits: `keras.engine.topology.Layer`/`InputSpec` -> `keras.layers.Layer`/`keras.layers.InputSpec`;
`K.conv1d`/`K.bias_add` -> `tf.nn.conv1d`/`tf.nn.bias_add`; `conv_utils.normalize_*` replaced by plain
tuples/strings; `get_config` and `compute_output_shape` kept minimal; `build_model()` applies it to a
1 s, 1 kHz signal (3 filters of 61 taps) followed by a small classifier, as in the README.
"""

SOURCE = "https://github.com/mHealthBuet/LearnableFIR/blob/693676b36df2f08f1731f295e0c79c2480f74a90/custom_layers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout19/_measure.py tests/heldout19/oka_learnablefir_zerophase_kernel_mirrored_in_call.py:
as returned: Functional, count_params() = 242, 6 weights, unbuilt: none
after call: count_params() = 242, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv1d_zerophase_linear': 96}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine19a/trainprobe.py, one SGD step): all 6 trainable weights change, including the (31, 1, 3) half kernel mirrored into the 61-tap FIR kernel inside call()."""

import keras
import tensorflow as tf
from keras import activations, initializers, regularizers, constraints
from keras.layers import InputSpec, Layer


class Conv1D_zerophase_linear(Layer):

    def __init__(self, filters, kernel_size, rank=1, strides=1, padding='valid', data_format='channels_last',
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer='glorot_uniform',
                 bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super(Conv1D_zerophase_linear, self).__init__(**kwargs)
        self.rank = rank
        self.filters = filters
        self.kernel_size_ = kernel_size
        if kernel_size % 2:
            self.kernel_size = (kernel_size // 2 + 1,)
        else:
            self.kernel_size = (kernel_size // 2,)
        self.strides = (strides,)
        self.padding = padding.upper()
        self.data_format = data_format
        self.dilation_rate = (dilation_rate,)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def build(self, input_shape):
        if self.data_format == 'channels_first':
            channel_axis = 1
        else:
            channel_axis = -1
        if input_shape[channel_axis] is None:
            raise ValueError('The channel dimension of the inputs '
                             'should be defined. Found `None`.')
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
        # Set input spec.
        self.input_spec = InputSpec(ndim=self.rank + 2,
                                    axes={channel_axis: input_dim})
        self.built = True

    def call(self, inputs):

        if self.kernel_size[0] % 2 == 0:
            flipped = tf.reverse(self.kernel, axis=[0])
        else:
            flipped = tf.reverse(self.kernel[1:, :, :], axis=[0])
        conv_kernel = tf.concat([flipped, self.kernel], axis=0)

        outputs = tf.nn.conv1d(
            inputs,
            conv_kernel,
            stride=self.strides[0],
            padding='SAME',
            dilations=self.dilation_rate[0])
        outputs = tf.reverse(outputs, axis=[1])
        outputs = tf.nn.conv1d(
            outputs,
            conv_kernel,
            stride=self.strides[0],
            padding=self.padding,
            dilations=self.dilation_rate[0])
        outputs = tf.reverse(outputs, axis=[1])
        if self.use_bias:
            outputs = tf.nn.bias_add(outputs, self.bias)

        if self.activation is not None:
            return self.activation(outputs)

        return outputs

    def get_config(self):
        config = {'filters': self.filters, 'kernel_size': self.kernel_size_}
        base_config = super(Conv1D_zerophase_linear, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    x = keras.Input((1000, 1))
    h = Conv1D_zerophase_linear(3, 61, padding='same')(x)  # filterbank of 3 FIR filters
    h = keras.layers.Conv1D(8, 5, padding='same', activation='relu')(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    y = keras.layers.Dense(2, activation='softmax')(h)
    return keras.Model(x, y)
