"""The "basic training loops" guide's Keras model keeps its slope and intercept as `tf.Variable`s.

The report follows the TensorFlow guide: `MyModelKeras(tf.keras.Model)` sets `self.w = tf.Variable(5.0)`
and `self.b = tf.Variable(0.0)` in `__init__`, and the guide's own training loop (and later `fit`) is
reused on it. On Keras 3 (TF 2.16+) `fit` warns "The model does not have any trainable weights."
Rewritten with the guide's hand-written loop over `model.trainable_variables` (not run at import).
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/97599"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py d_training_loop_guide_model_tf_variables.py:
as returned: MyModelKeras, count_params() = count_params() raised ValueError, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


class MyModelKeras(tf.keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.w = tf.Variable(5.0)
        self.b = tf.Variable(0.0)

    def call(self, x):
        return self.w * x + self.b


def train(model, x, y, learning_rate=0.1, epochs=10):
    for _ in range(epochs):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(y - model(x)))
        grads = tape.gradient(loss, model.trainable_variables)
        for variable, grad in zip(model.trainable_variables, grads):
            variable.assign_sub(learning_rate * grad)


def build_model():
    x = np.linspace(-2, 2, 16).astype("float32")
    return MyModelKeras(), x
