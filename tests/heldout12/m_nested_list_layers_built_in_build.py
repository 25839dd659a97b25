"""Custom layer builds a 2x2 grid of Dense layers in build() as a list of lists filled through an alias.

From a Keras 3 bug report ("layers in nested list in custom layers can not be saved/loaded
correctly"): `build()` does `self.l1 = []`, then for each row creates a plain list `l2`,
appends it to `self.l1`, and only afterwards appends the Dense layers to `l2`; `call()` runs
through `self.l1` row by row. The flat-list variant (`self.l1.append(Dense(...))`) works. The
report saw weights dropped on save/load. Measured on 3.15.1 the loss is worse: when `l2` is
appended to the tracked `self.l1`, Keras stores a tracked copy of the (still empty) list, so the
Dense layers later appended to the original `l2` are never tracked at all: the model reports 0
weights / 0 params, yet every forward pass uses four Dense layers whose kernels are never trained
or saved.
"""

SOURCE = "https://github.com/keras-team/keras/issues/20598"
CODES = ("LD011",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py m_nested_list_layers_built_in_build.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 8 variables the model does not track: ['ng_layer/kernel:0', 'ng_layer/bias:0', 'ng_layer/kernel:0', 'ng_layer/bias:0', 'ng_layer/kernel:0', 'ng_layer/bias:0']
params of the case's own layers: {'ng_layer': 0}
second call: 0 variables watched that the first call did not use
own script (/tmp/mine12b/ok.py): the flat-list OKLayer variant of the same model has count_params() = 380; the nested NGLayer reports 0 while its 4 Dense layers (8 variables) run in every call."""

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="MyLayers")
class NGLayer(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.l1 = []
        for i in range(2):
            l2 = []
            self.l1.append(l2)
            for j in range(2):
                l2.append(keras.layers.Dense(10, name=f"dense_{i}_{j}"))

    def call(self, x):
        for l in self.l1:
            for d in l:
                x = d(x)
        return x


@keras.saving.register_keras_serializable(package="MyLayers")
class OKLayer(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.l1 = []
        for i in range(4):
            self.l1.append(keras.layers.Dense(10, name=f"dense_{i}"))

    def call(self, x):
        for d in self.l1:
            x = d(x)
        return x


def get_model(is_OK=True):
    inputs = keras.Input(shape=(4,))
    if is_OK:
        outputs = OKLayer()(inputs)
    else:
        outputs = NGLayer()(inputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="mse")
    return model


def build_model():
    return get_model(is_OK=False)
