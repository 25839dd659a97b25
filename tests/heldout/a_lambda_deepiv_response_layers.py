"""The response network of a DeepIV tutorial, run inside a `Lambda` whose function calls Dense layers built outside it.

The EconML DeepIV notebook warned that Dense kernels and biases (dense_10 ... dense_13) "were used in a
Lambda layer's call but are not present in its tracked objects". The layers are created in a list
next to the model and applied from a Python function wrapped in a `Lambda`.
"""

SOURCE = "https://github.com/py-why/EconML/issues/606"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py a_lambda_deepiv_response_layers.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 8 variables the model does not track: ['functional/lambda/dense/kernel:0', 'functional/lambda/dense/bias:0', 'functional/lambda/dense_1/kernel:0', 'functional/lambda/dense_1/bias:0', 'functional/lambda/dense_2/kernel:0', 'functional/lambda/dense_2/bias:0']
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers

response_layers = [
    layers.Dense(128, activation="relu"),
    layers.Dense(64, activation="relu"),
    layers.Dense(32, activation="relu"),
    layers.Dense(1),
]


def response(tensors):
    t = keras.ops.concatenate(tensors, axis=-1)
    for layer in response_layers:
        t = layer(t)
    return t


def build_model():
    treatment = keras.Input((1,), name="treatment")
    features = keras.Input((1,), name="features")
    outcome = layers.Lambda(response, output_shape=(1,))([treatment, features])
    model = keras.Model([treatment, features], outcome)
    model.compile("adam", "mse")
    return model
