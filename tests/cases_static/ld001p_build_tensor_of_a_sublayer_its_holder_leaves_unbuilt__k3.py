# LD001 raw-tensor-state: a tensor made with a TensorFlow op in build() (`self.scale = tf.sqrt(gain / fan_in)`)
# by a layer that another layer of the file makes in its build() without building it (tests/heldout24
# StyleGAN EqualizedDense inside AdaIN): in a functional model the holder's first call is symbolic, traced in a
# scratch graph, so the sublayer is built there and the tensor belongs to that graph. A warning: a first call
# on real values builds it eagerly and works.
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f23/measure_ld001p.py): wired functionally,
# Style's predict() raises TypeError "... is out of scope and cannot be used here"; BuildingStyle (its build()
# builds the sublayer) predicts; Style called first on a tf.constant predicts too.
import keras
import tensorflow as tf


class ScaledDense(keras.layers.Layer):
    def __init__(self, units, gain=2.0, **kwargs):
        super().__init__(**kwargs)
        self.units, self.gain = units, gain

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.scale = tf.sqrt(self.gain / input_shape[-1])  # LD001 (warning: built inside the holder's trace)

    def call(self, x):
        return tf.matmul(x, self.w * self.scale)


class Style(keras.layers.Layer):
    def build(self, input_shape):
        self.dense = ScaledDense(4)

    def call(self, x):
        return self.dense(x)


class BuildingStyle(Style):
    def build(self, input_shape):
        super().build(input_shape)
        self.dense.build(input_shape)


def wired(layer):
    inputs = keras.Input((3,))
    return keras.Model(inputs, layer(inputs))
