"""A tabular "feature gate" layer creates its gate vector lazily inside `call()` behind an `if`.

The tf.keras (2.17) base `Layer` documentation lists three places where "state can be created, at
the convenience of the subclass implementer": `__init__()`, `build()`, and "the first invocation of
`call()`, with some caveats". Following that, the author creates the gate weight on the first call
(`if self.gate_logits is None: self.gate_logits = self.add_weight(...)`) so that it gets the width of
the first batch, and wraps the gate in a functional tabular model made by helper functions. Keras 3
dropped the third option: the layer is already built when `call()` runs, so `add_weight` raises
while Keras infers the output shape and the model cannot even be wired.
"""

SOURCE = "https://keras.io/2.17/api/layers/base_layer/"
CODES = ("LD002",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py f_tfkdocs_gate_weight_created_on_first_call.py:
build_model() raised ValueError: Exception encountered when calling FeatureGate.call().
(own script, eager call of FeatureGate()(tf.ones((2, 4)))): ValueError "You cannot add new elements of
state (variables or sub-layers) to a layer that is already built. All state must be created in the
`__init__()` method or in the `build()` method." """

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class FeatureGate(layers.Layer):
    """Learns one multiplicative gate per input feature (sigmoid-squashed)."""

    def __init__(self, gate_init=2.0, l1=0.0, **kwargs):
        super().__init__(**kwargs)
        self.gate_init = gate_init
        self.l1 = l1
        self.gate_logits = None  # created on first call, "when we know the width"

    def call(self, inputs, training=None):
        if self.gate_logits is None:
            n_features = inputs.shape[-1]
            self.gate_logits = self.add_weight(
                name="gate_logits",
                shape=(n_features,),
                initializer=keras.initializers.Constant(self.gate_init),
                trainable=True,
            )
        gates = tf.sigmoid(self.gate_logits)
        if self.l1:
            self.add_loss(self.l1 * tf.reduce_sum(gates))
        return inputs * gates

    def get_config(self):
        config = super().get_config()
        config.update({"gate_init": self.gate_init, "l1": self.l1})
        return config


def dense_block(x, units, dropout=0.1, name=None):
    x = layers.Dense(units, name=None if name is None else f"{name}_dense")(x)
    x = layers.BatchNormalization(name=None if name is None else f"{name}_bn")(x)
    x = layers.Activation("relu")(x)
    return layers.Dropout(dropout)(x)


def make_tabular_model(n_features=12, hidden=(32, 16), n_classes=3):
    inputs = keras.Input(shape=(n_features,), name="features")
    x = FeatureGate(l1=1e-3, name="feature_gate")(inputs)
    for i, units in enumerate(hidden):
        x = dense_block(x, units, name=f"block{i}")
    outputs = layers.Dense(n_classes, activation="softmax", name="head")(x)
    return keras.Model(inputs, outputs, name="gated_mlp")


def build_model():
    return make_tabular_model()
