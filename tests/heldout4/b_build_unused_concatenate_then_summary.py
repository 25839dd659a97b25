"""A subclassed model declares a `Concatenate` (and a Dense head for it) it never calls, then `model.build((16, 16))`.

The reporter's model kept a `Concatenate` layer in `__init__` from an earlier design while `call`
only used the Dense; `model.build((16, 16))` then `model.summary()` raised "You tried to call
`count_params` on concatenate, but the layer isn't built". A maintainer reduced it and called it
"not a bug": the unused layer is never built. Here the leftover branch also has a Dense
(`merge_head`) that `call` skips. Measured on Keras 3.15.1: `model.build((16, 16))` on this model
(no `build()` of its own) does not run `call` at all; it warns "looks like it has unbuilt state"
and marks the model built with every sublayer, used or not, unbuilt (count_params() == 0). The
same holds without the leftover layers: the explicit build is what leaves the sublayers unbuilt.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/36198"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py b_build_unused_concatenate_then_summary.py:
warning: `build()` was called on layer 'my_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despit
as returned: MyModel, count_params() = 0, 0 weights, unbuilt: ['Dense:dense', 'Concatenate:concatenate', 'Dense:dense_1']
no inputs known: not called"""

import keras
from keras import layers


class MyModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(16)
        self.concat = layers.Concatenate(axis=1)
        self.merge_head = layers.Dense(8)

    def call(self, inputs):
        return self.dense(inputs)


def build_model():
    model = MyModel()
    model.build((16, 16))
    return model
