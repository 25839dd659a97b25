"""A subclassed model with a `make(input_shape)` helper that wraps `self.call(Input)` in a functional Model for `summary()`.

In the thread on `summary()` showing "multiple" after `model.build()`, one answer builds
`keras.Model(inputs=[x], outputs=self.call(x))` from a `keras.Input`: calling the layers on a
symbolic input builds every one of them, so the summary has shapes and parameter counts.
"""

SOURCE = "https://github.com/keras-team/keras/issues/13782"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_subclass_make_functional_for_summary.py:
as returned: Functional, count_params() = 30840, 4 weights, unbuilt: none
after call: count_params() = 30840, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras


class DeepNN(keras.Model):
    def __init__(self):
        super().__init__()
        self.flat = keras.layers.Flatten()
        self.fc1 = keras.layers.Dense(10, activation="relu")
        self.fc2 = keras.layers.Dense(10, activation="relu")

    def call(self, x):
        return self.fc2(self.fc1(self.flat(x)))

    def make(self, input_shape=(32, 32, 3)):
        x = keras.Input(shape=input_shape)
        return keras.Model(inputs=[x], outputs=self.call(x), name="actor")


def build_model():
    model = DeepNN()
    return model.make()
