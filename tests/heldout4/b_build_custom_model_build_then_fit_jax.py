"""A subclassed model is built with `model.build(X.shape)` before `compile`/`fit`; its Dense stays unbuilt.

Reported while trying Keras Core: `MyCustomModel` (one `Dense` created in `__init__`, used in
`call`, plus `get_config`/`from_config`) is built with `model.build(X.shape)` and then fitted; on
the JAX backend `fit` crashed with `IndexError: list index out of range`, and the crash went away
when the `model.build` line was removed. Measured on Keras 3.15.1 (TensorFlow backend): the
explicit build does not run `call`; it warns that the model "looks like it has unbuilt state" and
leaves `hidden1` unbuilt with 0 weights, so anything that snapshots the variables after build
(the JAX trainer's state) sees none of them.
"""

SOURCE = "https://github.com/keras-team/keras-core/issues/335"
CODES = ("LD005",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py b_build_custom_model_build_then_fit_jax.py:
warning: `build()` was called on layer 'my_custom_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built,
as returned: MyCustomModel, count_params() = 0, 0 weights, unbuilt: ['Dense:dense']
no inputs known: not called"""

import keras
import numpy as np


class MyCustomModel(keras.Model):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden1 = keras.layers.Dense(self.units)

    def call(self, inputs):
        return self.hidden1(inputs)

    def get_config(self):
        return {"units": self.units}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def build_model():
    X = np.random.rand(100, 3)
    model = MyCustomModel(2)
    model.build(X.shape)
    model.compile(loss="mse", optimizer="nadam")
    return model
