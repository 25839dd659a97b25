# LD010 variable-shadowed: a Dense subclass rebinds self.kernel in call() to a tensor of an alias made in build()
import keras
import tensorflow as tf

CASE, TITLE = "LD010y", "self.kernel rebound in call() from `self.v = self.kernel` made in build() (NeurST's QuantDense)"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s38/probe/ld010y.py): calling QuantDense on a tensor raises AttributeError
# "property 'kernel' of 'QuantDense' object has no setter"; LocalQuantDense (the quantized kernel in a local) runs
# and its kernel gets a gradient.


class QuantDense(keras.layers.Dense):
    def build(self, input_shape):
        super().build(input_shape)
        self.v = self.kernel

    def call(self, inputs):
        self.kernel = tf.cast(tf.round(self.v * 8.0) / 8.0, inputs.dtype)  # LD010
        return super().call(inputs)


class LocalQuantDense(keras.layers.Dense):
    """Correct: the quantized kernel is a local (with a straight-through gradient)."""

    def call(self, inputs):
        quantized = self.kernel + tf.stop_gradient(tf.round(self.kernel * 8.0) / 8.0 - self.kernel)
        return self.activation(tf.matmul(inputs, quantized) + self.bias)


def make_quant_dense():
    return QuantDense(3)


def make_local_quant_dense():
    return LocalQuantDense(3)
