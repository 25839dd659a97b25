"""A subclassed model that defines a Conv1D in `__init__` and never calls it: after training calls it stays unbuilt.

The wandb integration crashed with "You tried to call `count_params` on layer conv1d, but the layer
isn't built" for a Keras model that defines a layer in `__init__` and does not use it in `call()`; the
reporter expected leftover layers to be harmless.
"""

SOURCE = "https://github.com/wandb/wandb/issues/6046"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py b_unbuilt_layer_defined_but_not_called.py:
warning: `build()` was called on layer 'my_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despit
as returned: MyModel, count_params() = 90, 2 weights, unbuilt: ['Conv1D:conv1d']
after call: count_params() = 90, 2 trainable weights, unbuilt: ['Conv1D:conv1d']; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras


class MyModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = keras.layers.Conv1D(16, 3, activation="relu")
        self.pool = keras.layers.GlobalAveragePooling1D()
        self.dense = keras.layers.Dense(10, activation="softmax")

    def call(self, inputs):
        return self.dense(self.pool(inputs))


def build_model():
    model = MyModel()
    x = keras.ops.ones((2, 20, 8))
    model(x)
    return model, x
