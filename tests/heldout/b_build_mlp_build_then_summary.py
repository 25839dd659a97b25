"""`model.build((1, 3))` on a three-Dense subclassed MLP, then `summary()`: the tf.keras 2 recipe, run on Keras 3.

The TF 2.0 report compared a Sequential MLP with the same MLP written as a subclass, built with
`model.build((1, 3))`, and found `summary()`, `input_shape` and `output_shape` missing or "multiple".
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/33946"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py b_build_mlp_build_then_summary.py:
warning: `build()` was called on layer 'mlp', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite not
as returned: MLP, count_params() = 0, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2']
no inputs known: not called"""

import keras


class MLP(keras.Model):
    def __init__(self):
        super().__init__()
        self.fc1 = keras.layers.Dense(4)
        self.fc2 = keras.layers.Dense(3, activation="relu")
        self.fc3 = keras.layers.Dense(2, activation="softmax")

    def call(self, x):
        x = self.fc1(x)
        x = self.fc2(x)
        return self.fc3(x)


def build_model():
    model = MLP()
    model.build((1, 3))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
