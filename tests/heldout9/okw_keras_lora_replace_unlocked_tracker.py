"""LoRA helper swaps built Dense layers for low-rank wrappers by unlocking the layer tracker.

From the Keras issue asking for sublayer reassignment (keras-team/keras #18601): because Keras 3
locks tracking after `build()`, the KerasNLP LoRA prototype replaced a child layer with a helper
that temporarily sets `parent._tracker.locked = False`, assigns the replacement, and patches the
parent's `_layers` list in place. It looks like the kind of private-list surgery that loses
weights, but on Keras 3.15.1 the replacement's weights are tracked, counted and trained (the old
Dense is no longer listed; the LoRA wrapper holds it and freezes it).
"""

SOURCE = "https://github.com/keras-team/keras/issues/18601"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okw_keras_lora_replace_unlocked_tracker.py:
as returned: Functional, count_params() = 673, 12 weights, unbuilt: ['LoraDense:lora_dense_1', 'LoraDense:lora_dense']
after call: count_params() = 673, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 4 variables the model does not track: ['attention_projections/kernel:0', 'attention_projections/bias:0', 'attention_projections/kernel:0', 'attention_projections/bias:0']
params of the case's own layers: {'attention_projections': 656, 'lora_dense_1': 192, 'lora_dense': 192}
second call: 0 variables watched that the first call did not use
own probe (/tmp/mine9b/p2.py, p3.py): the 4 "watched but not tracked" variables are the frozen
query/value kernels and biases, which ARE in model.non_trainable_weights (paths
attention_projections/query/kernel etc.); model.weights has 12 distinct variables, each counted
once (656 = 2 x 192 LoRA-wrapped + 272 output Dense); all 8 trainable weights get a gradient.
LoraDense shows built=False only because it has no build() (its weights are made in __init__)."""

import keras
import numpy as np
from keras import layers, ops


class LoraDense(keras.layers.Layer):
    """Wraps a built Dense: frozen base kernel plus a trainable rank-r update."""

    def __init__(self, inner_dense, rank=4, alpha=8.0, **kwargs):
        super().__init__(**kwargs)
        self.inner_dense = inner_dense
        self.rank = rank
        self.alpha = alpha
        self.inner_dense.trainable = False
        in_dim = inner_dense.kernel.shape[0]
        out_dim = inner_dense.units
        self.lora_a = self.add_weight(
            name="lora_a", shape=(in_dim, rank), initializer="he_uniform"
        )
        self.lora_b = self.add_weight(name="lora_b", shape=(rank, out_dim), initializer="zeros")

    def call(self, inputs):
        base = self.inner_dense(inputs)
        update = ops.matmul(ops.matmul(inputs, self.lora_a), self.lora_b)
        return base + update * (self.alpha / self.rank)


def replace(parent, name, replacement):
    locked = parent._tracker.locked
    parent._tracker.locked = False
    target = getattr(parent, name)
    setattr(parent, name, replacement)
    parent._layers[parent._layers.index(target)] = replacement
    parent._tracker.locked = locked


class AttentionProjections(keras.layers.Layer):
    def __init__(self, dim=16, **kwargs):
        super().__init__(**kwargs)
        self.query_dense = layers.Dense(dim, name="query")
        self.value_dense = layers.Dense(dim, name="value")
        self.output_dense = layers.Dense(dim, name="output")

    def call(self, x):
        q = self.query_dense(x)
        v = self.value_dense(x)
        return self.output_dense(ops.tanh(q) * v)


def build_model():
    inputs = keras.Input(shape=(8,))
    block = AttentionProjections(16)
    hidden = block(inputs)
    outputs = layers.Dense(1)(hidden)
    model = keras.Model(inputs, outputs)
    for name in ("query_dense", "value_dense"):
        replace(block, name, LoraDense(getattr(block, name), rank=2))
    return model
