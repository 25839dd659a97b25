"""Correct: subclassed model built by calling it once on dummy data before `summary()`.

The workaround posted on the TensorFlow issue about broken summaries of subclassed models on
Keras 3: instead of `model.build(...)`, pass a sample tensor through the model once
(`model(tf.ones((1, 10)))`), which runs `call()` and builds every sublayer.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/65436"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after model(tf.ones((1, 10))): dense1 and dense2 built, count_params() == 517, summary lists
352 and 165; no warning; both kernels and biases get gradients under GradientTape."""

import tensorflow as tf

import keras


class MyModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense1 = keras.layers.Dense(32, activation="relu")
        self.dense2 = keras.layers.Dense(5, activation="softmax")

    def call(self, inputs):
        x = self.dense1(inputs)
        return self.dense2(x)


def build_model():
    model = MyModel()
    model(tf.ones((1, 10)))
    return model
