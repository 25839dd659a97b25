"""A course-project Dense: kernel from add_weight in build(), bias as a tf.Variable in __init__.

Only half of the layer is lost on Keras 3: the kernel made by `add_weight` is tracked and trained,
the bias made with `tf.Variable` in `__init__` is not, so the summary looks plausible.
"""

SOURCE = "https://github.com/ChrisGold/DM873-Project-2/blob/master/layers/Dense.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
Sequential(Input(6), MyDense(4), MyDense(1)): count_params() == 28 (kernels 24 + 4) instead of 33;
model.weights holds only the two add_weight kernels; the two bias tf.Variables are watched by
tf.GradientTape but are not in model.trainable_weights (never trained, never saved); no warning."""

import tensorflow as tf
from tensorflow.keras.layers import Layer
from tensorflow import keras


class MyDense(Layer):
    def __init__(self, units=32, **kwargs):
        super(MyDense, self).__init__(**kwargs)
        self.units = units
        bias_init = tf.zeros_initializer()
        self.bias = tf.Variable(initial_value=bias_init(shape=(self.units,), dtype="float32"), trainable=True)
        self.w = None  # created in build

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer=tf.keras.initializers.random_normal(),
            trainable=True,
        )
        super(MyDense, self).build(input_shape)

    def call(self, x, **kwargs):
        return tf.nn.relu(tf.matmul(x, self.w) + self.bias)


def build_model():
    return keras.Sequential([keras.Input((6,)), MyDense(4), MyDense(1)])
