"""A progressive-GAN `EqualizeLearningRate` wrapper (the equalized-learning-rate trick) keeps the wrapped
layer's kernel as `self.v` and, in `call()`, overwrites the wrapped layer's `kernel` attribute with the
scaled tensor `self.v * self.he_constant` before calling it.

From henry32144/pggan-tensorflow (`modules.md`, where the author collected the key modules of the
`PGGAN-Tensorflow.ipynb` notebook: `EqualizeLearningRate`, `PixelNormalization`, `MinibatchSTDDEV`).
The wrapper was adapted from TF-Addons' WeightNormalization: on tf.keras 2 assigning a tensor to
`layer.kernel` replaced the attribute, so the wrapped Conv2D/Dense ran with the rescaled kernel and the
gradient reached `self.v`. On Keras 3, `Conv2D.kernel` / `Dense.kernel` are read-only properties over the
tracked variable. Wiring the functional model still succeeds (Keras 3 takes the output shape from the
wrapper's `compute_output_shape` and never traces `call()`), the summary counts the wrapped weights, and
the first real call on data raises `AttributeError: property 'kernel' of 'Conv2D' object has no setter`. The He constant itself is a
non-trainable `tf.Variable` made in `build()`, which Keras 3 does not track either.

Porting edits: none to the classes except `compute_output_shape` taking `tuple(...)` of the wrapped
layer's shape instead of `.as_list()` (Keras 3 returns a tuple, not a TensorShape; without this edit the
wiring itself raises an AttributeError that is a porting artifact, not the author's bug); a small discriminator
block as in the module's docstring: Input(8x8x3) -> EqualizeLearningRate(Conv2D(4, 1)) -> LeakyReLU ->
PixelNormalization -> MinibatchSTDDEV -> Flatten -> EqualizeLearningRate(Dense(1)).
"""

SOURCE = "https://github.com/henry32144/pggan-tensorflow/blob/94eae7dbe9792a84d2af9c79b99bdacc269a9602/modules.md"
CODES = ("LD010", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/h_pggan_equalized_lr_wrapper_overwrites_kernel_property.py:
as returned: Functional, count_params() = 337, 4 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling EqualizeLearningRate.call().
Own script (/tmp/mine23a/eqcall.py): model.weights = the wrapped conv2d kernel/bias and dense kernel/bias
only (the two He-constant tf.Variables are untracked); calling on a (4, 8, 8, 3) batch raises
AttributeError "property 'kernel' of 'Conv2D' object has no setter" from `self.layer.kernel = kernel`."""

import numpy as np
import tensorflow as tf


class EqualizeLearningRate(tf.keras.layers.Wrapper):
    """
    Reference from WeightNormalization implementation of TF Addons
    EqualizeLearningRate wrapper works for keras CNN and Dense (RNN not tested).
    """

    def __init__(self, layer, **kwargs):
        super(EqualizeLearningRate, self).__init__(layer, **kwargs)
        self._track_trackable(layer, name='layer')
        self.is_rnn = isinstance(self.layer, tf.keras.layers.RNN)

    def build(self, input_shape):
        """Build `Layer`"""
        input_shape = tf.TensorShape(input_shape)
        self.input_spec = tf.keras.layers.InputSpec(
            shape=[None] + input_shape[1:])

        if not self.layer.built:
            self.layer.build(input_shape)

        kernel_layer = self.layer.cell if self.is_rnn else self.layer

        if not hasattr(kernel_layer, 'kernel'):
            raise ValueError('`EqualizeLearningRate` must wrap a layer that'
                             ' contains a `kernel` for weights')

        if self.is_rnn:
            kernel = kernel_layer.recurrent_kernel
        else:
            kernel = kernel_layer.kernel

        # He constant
        self.fan_in, self.fan_out= self._compute_fans(kernel.shape)
        self.he_constant = tf.Variable(1.0 / np.sqrt(self.fan_in), dtype=tf.float32, trainable=False)

        self.v = kernel
        self.built = True

    def call(self, inputs, training=True):
        """Call `Layer`"""

        with tf.name_scope('compute_weights'):
            # Multiply the kernel with the he constant.
            kernel = tf.identity(self.v * self.he_constant)

            if self.is_rnn:
                print(self.is_rnn)
                self.layer.cell.recurrent_kernel = kernel
                update_kernel = tf.identity(self.layer.cell.recurrent_kernel)
            else:
                self.layer.kernel = kernel
                update_kernel = tf.identity(self.layer.kernel)

            # Ensure we calculate result after updating kernel.
            with tf.control_dependencies([update_kernel]):
                outputs = self.layer(inputs)
                return outputs

    def compute_output_shape(self, input_shape):
        return tf.TensorShape(
            tuple(self.layer.compute_output_shape(input_shape)))

    def _compute_fans(self, shape, data_format='channels_last'):
        if len(shape) == 2:
            fan_in = shape[0]
            fan_out = shape[1]
        elif len(shape) in {3, 4, 5}:
            if data_format == 'channels_first':
                receptive_field_size = np.prod(shape[2:])
                fan_in = shape[1] * receptive_field_size
                fan_out = shape[0] * receptive_field_size
            elif data_format == 'channels_last':
                receptive_field_size = np.prod(shape[:-2])
                fan_in = shape[-2] * receptive_field_size
                fan_out = shape[-1] * receptive_field_size
            else:
                raise ValueError('Invalid data_format: ' + data_format)
        else:
            fan_in = np.sqrt(np.prod(shape))
            fan_out = np.sqrt(np.prod(shape))
        return fan_in, fan_out


class PixelNormalization(tf.keras.layers.Layer):
    def __init__(self, epsilon=1e-8):
        super(PixelNormalization, self).__init__()
        self.epsilon = epsilon

    def call(self, inputs):
        return inputs / tf.sqrt(tf.reduce_mean(tf.square(inputs), axis=-1, keepdims=True) + self.epsilon)

    def compute_output_shape(self, input_shape):
        return input_shape


class MinibatchSTDDEV(tf.keras.layers.Layer):
    def __init__(self, group_size=4):
        super(MinibatchSTDDEV, self).__init__()
        self.group_size = group_size

    def call(self, inputs):
        group_size = tf.minimum(self.group_size, tf.shape(inputs)[0])
        s = inputs.shape
        y = tf.reshape(inputs, [group_size, -1, s[1], s[2], s[3]])
        y = tf.cast(y, tf.float32)
        y -= tf.reduce_mean(y, axis=0, keepdims=True)
        y = tf.reduce_mean(tf.square(y), axis=0)
        y = tf.sqrt(y + 1e-8)
        y = tf.reduce_mean(y, axis=[1,2,3], keepdims=True)
        y = tf.cast(y, inputs.dtype)
        y = tf.tile(y, [group_size, s[1], s[2], 1])
        return tf.concat([inputs, y], axis=-1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1], input_shape[2], input_shape[3] + 1)


def build_model():
    inputs = tf.keras.Input((8, 8, 3))
    x = EqualizeLearningRate(tf.keras.layers.Conv2D(4, 1, padding='same'))(inputs)
    x = tf.keras.layers.LeakyReLU(negative_slope=0.2)(x)
    x = PixelNormalization()(x)
    x = MinibatchSTDDEV()(x)
    x = tf.keras.layers.Flatten()(x)
    outputs = EqualizeLearningRate(tf.keras.layers.Dense(1))(x)
    return tf.keras.Model(inputs, outputs)
