"""Correct: one Dense instance handed to two wrapper layers so they share weights on purpose.

The reporter instantiated a bias-free `Dense` once and passed it to two `MyLayer` wrappers
(`dense1`, `dense2`) held by a subclassed Model, so two different computations share one matrix.
On TF 1.14/2.0 the shared variable appeared twice in the model's variables and got duplicated
gradients. On Keras 3 the model lists it once and it gets one (summed) gradient.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/30712"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after one call count_params() == 16 and model.trainable_weights holds the shared kernel once
(my_model/my_layer/dense/kernel); it gets one gradient under tf.GradientTape; no warning."""

import keras
from keras import ops


class MyLayer(keras.layers.Layer):
    def __init__(self, dense, **kwargs):
        super().__init__(**kwargs)
        self.dense = dense

    def call(self, inputs):
        return self.dense(inputs)


class MyModel(keras.Model):
    def __init__(self, dense1, dense2, **kwargs):
        super().__init__(**kwargs)
        self.dense1 = dense1
        self.dense2 = dense2

    def call(self, inputs):
        return ops.tanh(self.dense1(inputs)) + ops.square(self.dense2(inputs))


def build_model():
    dense = keras.layers.Dense(4, use_bias=False)
    model = MyModel(MyLayer(dense), MyLayer(dense))
    model(ops.ones((2, 4)))
    return model
