"""A weight-decomposed low-rank Dense (DoRA) sets every weight attribute to `None` in `__init__` and
creates them in `build()`, with the pretrained kernel frozen (`trainable=False`).

KerasHub's `DoRADense` declares `self.kernel = None`, `self.lora_a = None`, ... in `__init__`, keeps an
optional Dropout sublayer that may be `None`, and in `build()` replaces each attribute with
`self.add_weight(...)`; `call()` combines them with `keras.ops`. It looks like attributes being
re-assigned and a frozen weight, but everything is tracked. Rewritten smaller, in my own words.
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/master/keras_hub/src/layers/modeling/dora_dense.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_lowrank_dense_weights_none_then_built.py:
as returned: Functional, count_params() = 121, 6 weights, unbuilt: none
after call: count_params() = 121, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'low_rank_magnitude_dense': 114}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class LowRankMagnitudeDense(keras.layers.Layer):
    def __init__(self, units, rank=2, alpha=4.0, dropout=0.1, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.rank = rank
        self.scaling = alpha / rank
        self.dropout_layer = keras.layers.Dropout(dropout) if dropout > 0 else None
        self.kernel = None
        self.lora_a = None
        self.lora_b = None
        self.magnitude = None

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.kernel = self.add_weight(name="kernel", shape=(input_dim, self.units), trainable=False)
        self.lora_a = self.add_weight(name="lora_a", shape=(input_dim, self.rank), initializer="he_uniform")
        self.lora_b = self.add_weight(name="lora_b", shape=(self.rank, self.units), initializer="zeros")
        self.magnitude = self.add_weight(name="magnitude", shape=(self.units,), initializer="ones")

    def call(self, inputs, training=None):
        if self.dropout_layer is not None:
            inputs = self.dropout_layer(inputs, training=training)
        combined = self.kernel + ops.matmul(self.lora_a, self.lora_b) * self.scaling
        norms = ops.maximum(ops.sqrt(ops.sum(ops.square(combined), axis=0, keepdims=True)), 1e-8)
        return ops.matmul(inputs, combined / norms * self.magnitude[None, :])


def build_model():
    inputs = keras.Input((12,))
    x = LowRankMagnitudeDense(6)(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
