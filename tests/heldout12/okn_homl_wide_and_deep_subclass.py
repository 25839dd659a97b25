"""Hands-On ML study notebook: WideAndDeepModel subclass with a main and an auxiliary Dense output.

A student's notebook for Hands-On Machine Learning (ch. 10, "Using the Subclassing API to Build Dynamic
Models") on the California housing data: `WideAndDeepModel(keras.Model)` creates `hidden1`, `hidden2`,
`main_output` and `aux_output` in `__init__` (renamed because "keras models have an output attribute"),
and `call()` takes the pair (wide input, deep input) and returns both heads. No `build()`, four Dense
sublayers held as attributes, two outputs, one of them only used by the auxiliary loss: all of it looks
like the usual "unbuilt sublayer / unused head" patterns, but every Dense is called in `call()` and is
built and trained on Keras 3.
"""

SOURCE = "https://github.com/sezginisg/deep_neural_networks_study"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okn_homl_wide_and_deep_subclass.py:
as returned: WideAndDeepModel, count_params() = 1207, 8 weights, unbuilt: none
after call: count_params() = 1207, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


class WideAndDeepModel(keras.Model):
    def __init__(self, units=30, activation='relu', **kwargs):
        super().__init__(**kwargs)  # handles standard args (e.g., name)
        self.hidden1 = keras.layers.Dense(units, activation=activation)
        self.hidden2 = keras.layers.Dense(units, activation=activation)
        self.main_output = keras.layers.Dense(1)  # keras models have an output attribute, that's why we renamed it to main_output
        self.aux_output = keras.layers.Dense(1)

    def call(self, inputs):
        input_A, input_B = inputs
        hidden1 = self.hidden1(input_B)
        hidden2 = self.hidden2(hidden1)
        concat = keras.layers.concatenate([input_A, hidden2])
        main_output = self.main_output(concat)
        aux_output = self.aux_output(hidden2)
        return main_output, aux_output


def load_fake_housing(n=64, seed=42):
    # stands in for fetch_california_housing + train_test_split + StandardScaler
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 8)).astype("float32")
    y = rng.normal(size=(n, 1)).astype("float32")
    return X, y


def build_model():
    X_train, y_train = load_fake_housing()
    X_train_A, X_train_B = X_train[:, :5], X_train[:, 2:]
    model = WideAndDeepModel(30, activation="relu")
    model.compile(loss=["mse", "mse"], loss_weights=[0.9, 0.1], optimizer=keras.optimizers.SGD(learning_rate=1e-3))
    inputs = [X_train_A[:2], X_train_B[:2]]
    model(inputs)
    return model, inputs


if __name__ == "__main__":
    model, _ = build_model()
    X, y = load_fake_housing()
    history = model.fit((X[:, :5], X[:, 2:]), (y, y), epochs=2, verbose=0)
    model.summary()
