"""Study-notes pattern: a "custom layer" made with Lambda over a tf.Variable weight matrix defined outside it.

The TF2 study-notes post "Day 6: TensorFlow2 model subclassing API" contrasts a quick Lambda custom layer with
a subclassed Layer; TensorFlow triage later pointed a user to that post (tensorflow/tensorflow#61658) while
quoting its Lambda example: a `tf.Variable` weight matrix and a constant bias created at module level and
captured by `tf.keras.layers.Lambda(lambda x: tf.add(tf.matmul(x, weights), bias))`. The Lambda layer owns
nothing: the weight matrix is not in the layer's or the model's weights, the summary counts only the Dense
head, `fit()` never changes `weights`, and saving drops it. This case is that example wired into a small
functional regressor the way the notes use it. (The post itself was not readable from here; the code follows
the quoted example.)
"""

SOURCE = "https://programming.vip/docs/day-6-tensorflow2-model-subclassing-api.html"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py n_day6_lambda_matmul_outside_variable.py:
as returned: Functional, count_params() = 3, 2 weights, unbuilt: none
after call: count_params() = 3, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['w:0']
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf

# custom layer parameters (w trainable, b fixed)
weights = tf.Variable(tf.random.normal((4, 2)), name="w")
bias = tf.ones((1, 2), name="b")

# lambda custom layer
mylayer1 = tf.keras.layers.Lambda(lambda x: tf.add(tf.matmul(x, weights), bias), name="lambda1")


def get_model():
    inputs = tf.keras.Input(shape=(4,), name="x_input")
    h = mylayer1(inputs)
    h = tf.keras.layers.Activation("relu")(h)
    outputs = tf.keras.layers.Dense(1, name="head")(h)
    model = tf.keras.Model(inputs=inputs, outputs=outputs, name="lambda_linear_model")
    return model


def build_model():
    model = get_model()
    model.compile(optimizer="sgd", loss="mse")
    return model


if __name__ == "__main__":
    x_input = tf.range(12.).numpy().reshape(-1, 4)
    print(mylayer1(x_input))
    model = build_model()
    model.summary()
    model.fit(np.random.rand(16, 4), np.random.rand(16, 1), epochs=2, verbose=0)
