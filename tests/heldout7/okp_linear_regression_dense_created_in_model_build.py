"""Correct: a `LinearRegression(keras.Model)` creates its only Dense layer inside `build()` (not `__init__`) and trains it with a custom `train_step`.

From a TensorFlow Forum post comparing a hand-written MSE with `compiled_loss` inside a
custom `train_step` (GradientTape over `self.trainable_variables`). The model has no `__init__`:
`build(self, input_shapes)` assigns `self.layer = keras.layers.Dense(1, kernel_initializer="zeros")`
and `call` returns `self.layer(input_data)`. A sublayer born in `build()` looks like it could be
missed, but the model is built on its first call, the Dense is tracked and built by that call, and
its kernel and bias get gradients.
"""

SOURCE = "https://discuss.tensorflow.org/t/potential-issue-difference-in-behavior-between-loss-function-and-model-compiled-loss/19359"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py okp_linear_regression_dense_created_in_model_build.py:
as returned: LinearRegression, count_params() = count_params() raised ValueError, 0 weights, unbuilt: none
after call: count_params() = 4, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


def mse(y_true, y_pred):
    return tf.reduce_mean(tf.math.square(y_true - y_pred))


class LinearRegression(keras.Model):
    def build(self, input_shapes):
        self.layer = keras.layers.Dense(1, kernel_initializer="zeros")

    def call(self, input_data, training=None):
        return self.layer(input_data)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            prediction = self(x, training=True)
            loss = mse(y, prediction)
        trainable_vars = self.trainable_variables
        gradients = tape.gradient(loss, trainable_vars)
        self.optimizer.apply_gradients(zip(gradients, trainable_vars))
        return {"loss": loss}


def build_model():
    linear_model = LinearRegression()
    linear_model.compile(optimizer=keras.optimizers.SGD(), loss=mse)
    x = np.random.default_rng(0).random((4, 3)).astype("float32")
    return linear_model, x
