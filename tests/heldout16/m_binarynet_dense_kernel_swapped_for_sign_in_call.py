"""BinaryConnect/BinaryNet layers (vadimq/binary-net) that binarise the kernel by assigning
`self.kernel = self.quantization(self.kernel)` inside `call()`, running the parent `Dense.call`,
and putting the variable back: on Keras 3 `Dense.kernel` is a read-only property, so the first
real forward pass raises `AttributeError: ... has no setter`.

`binary_net.Dense` subclasses `tf.keras.layers.Dense`; `build()` lets the parent create the kernel
and stores a learning-rate scale; `call()` temporarily replaces the kernel attribute by its sign
(a `tf.custom_gradient` straight-through estimator) so that the inherited matmul uses binary weights,
then restores the full-precision variable that the optimizer and the clipping step in `train()`
update. That swap needs `kernel` to be a plain attribute, as it was in tf.keras 2. Under Keras 3
the MNIST model of the repository still builds (Dense's `compute_output_shape` is used for the
symbolic pass, so `call()` does not run) and counts its parameters, then fails on the first batch.

Porting edits: `tf.keras.*` -> `keras.*` (the quantizers stay `tf.*` custom gradients, as written);
the Conv2D twin, the training loop and the data loading left out; the MNIST MLP shrunk to 784 -> 32
-> 10 with one hidden block (Dropout, binary Dense, BatchNormalization, sign activation, Dropout).
"""

SOURCE = "https://github.com/vadimq/binary-net/blob/a766804f96fffa9b70856694047ff73d81c73c3a/binary_net.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/m_binarynet_dense_kernel_swapped_for_sign_in_call.py:
as returned: Functional, count_params() = 25618, 12 weights, unbuilt: none
call 1 raised TypeError: Exception encountered when calling Dense.call().
Full message of the eager call: "@tf.custom_gradient grad_fn must accept keyword argument 'variables', since function uses
variables: [<tf.Variable 'dense/kernel:0' ...>]" - the quantizer receives the Keras variable itself (tf.keras 2 gave it a plain
tf.Variable inside a graph-mode train step). Own script (/tmp/mine16a/t_bin2.py), the repository's path: the model called inside
a @tf.function (as its train() does) raises AttributeError: property 'kernel' of 'Dense' object has no setter, at
`self.kernel = self.quantization(self.kernel)`. Either way no forward pass with binary weights runs; building the model does not
run call() (count_params() 25618 as returned)."""

import tensorflow as tf
import keras
from keras import layers


@tf.custom_gradient
def sign_d_clipped(x):
    def grad(dy):
        return tf.where(tf.abs(x) <= 1, dy, tf.zeros_like(x))
    return tf.where(x < 0, -tf.ones_like(x), tf.ones_like(x)), grad


@tf.custom_gradient
def sign(x):
    def grad(dy):
        return dy
    return tf.where(x < 0, -tf.ones_like(x), tf.ones_like(x)), grad


def quantization(thresh):
    @tf.custom_gradient
    def q(x):
        def grad(dy):
            return dy
        return tf.sign(tf.where(tf.abs(x) < thresh, tf.zeros_like(x), x)), grad
    return q


class Dense(keras.layers.Dense):
    def __init__(self, units, thresh=0, w_lr_scale="Glorot",
                 kernel_initializer=keras.initializers.RandomUniform(-1, 1),
                 **kwargs):
        super(Dense, self).__init__(units,
                                    kernel_initializer=kernel_initializer,
                                    **kwargs)
        self.quantization = quantization(thresh) if thresh else sign
        self.w_lr_scale = w_lr_scale

    def build(self, input_shape):
        super(Dense, self).build(input_shape)
        if self.w_lr_scale == "Glorot":
            init = tf.sqrt(6 / (input_shape[-1] + self.units))
            # The BinaryConnect paper says that such scaling improves the
            # effectiveness, but doesn't say why.
            init /= 2
            self.w_lr_scale = tf.cast(1 / init, self.dtype)

    def call(self, inputs):
        kernel = self.kernel
        self.kernel = self.quantization(self.kernel)
        rvalue = super(Dense, self).call(inputs)
        self.kernel = kernel
        return rvalue


class Clip(keras.constraints.Constraint):
    def __call__(self, w):
        return tf.clip_by_value(w, -1, 1)


def build_model(units=32, momentum=.9, dropout_in=.2, dropout_hidden=.5, w_lr_scale="Glorot"):
    inputs = keras.Input(shape=(784,))
    x = layers.Dropout(dropout_in)(inputs)
    x = Dense(units, w_lr_scale=w_lr_scale)(x)
    x = layers.BatchNormalization(momentum=momentum, epsilon=1e-4)(x)
    x = layers.Activation(sign_d_clipped)(x)
    x = layers.Dropout(dropout_hidden)(x)
    x = Dense(10, w_lr_scale=w_lr_scale)(x)
    outputs = layers.BatchNormalization(momentum=momentum, epsilon=1e-4)(x)
    return keras.Model(inputs=inputs, outputs=outputs)
