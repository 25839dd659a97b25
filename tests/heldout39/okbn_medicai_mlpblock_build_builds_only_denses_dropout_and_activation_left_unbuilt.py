"""medic-ai's `MLPBlock` (Keras 3) overrides `build()` to build only its two Dense sublayers by hand and sets `self.built = True` without `super().build()`; its Activation and Dropout are never built in `build()` and the Dropout is applied twice: all of this is fine, the two Denses hold every weight and are built, tracked, trained and saved.

From innat/medic-ai (a Keras 3 multi-backend medical imaging library), `medicai/layers/mlp.py`; `ViTMLP`, `SwinMLP` and
`TransUNetMLP` are empty subclasses of it used by the library's transformers. The "explicit build" pattern is the one
Keras 3 recommends for `.keras` loading (`build()` must create the state of the children); a checker that wants every
sublayer assigned in `__init__` to be built in `build()` (LD005) would flag `activation` and `dropout`, which have no
state, and one that insists on `super().build()` would flag the hand-set `built` flag (a catalog myth). Reusing the
same Dropout instance twice is a weightless shared layer (at most LD007, info).

Porting edits: none (docstring shortened). build_model() wires it as a ViT MLP is used: a functional model on
(None, 128, 256) tokens, hidden 512, output 256, dropout 0.1, GELU.
"""

SOURCE = "https://github.com/innat/medic-ai/blob/0bb6cbf14da79429bdf8a187c6f8cc6df2804698/medicai/layers/mlp.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bn/okbn_medicai_mlpblock_build_builds_only_denses_dropout_and_activation_left_unbuilt.py:
as returned: Functional, count_params() = 262912, 4 weights, unbuilt: none
after call: count_params() = 262912, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'vi_tmlp': 262912}
second call: 0 variables watched that the first call did not use
probe (probe_saveload.py): every sublayer reports built=True (Dropout and Activation included, 0 weights each; the
two Dense 2 weights each); model.save(.keras) + load_model: 4 weights reloaded, max abs difference 0.0."""

import keras
from keras import layers


class MLPBlock(layers.Layer):
    """Multi-Layer Perceptron (MLP) block: Dense -> activation -> dropout -> Dense -> dropout."""

    def __init__(self, hidden_dim, output_dim, drop_rate=0.0, activation="gelu", **kwargs):
        super().__init__(**kwargs)
        self.output_dim = output_dim
        self.hidden_dim = hidden_dim
        self._activation_identifier = activation
        self.drop_rate = drop_rate
        self.activation = layers.Activation(self._activation_identifier)
        self.fc1 = layers.Dense(self.hidden_dim)
        self.fc2 = layers.Dense(self.output_dim)
        self.dropout = layers.Dropout(self.drop_rate)

    def build(self, input_shape):
        self.fc1.build(input_shape)
        self.fc2.build((*input_shape[:-1], self.hidden_dim))
        self.built = True

    def call(self, x, training=None):
        x = self.fc1(x)
        x = self.activation(x)
        x = self.dropout(x, training=training)
        x = self.fc2(x)
        x = self.dropout(x, training=training)
        return x

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "output_dim": self.output_dim,
                "hidden_dim": self.hidden_dim,
                "drop_rate": self.drop_rate,
                "activation": self._activation_identifier,
            }
        )
        return config


class ViTMLP(MLPBlock): ...


def build_model():
    tokens = keras.Input((128, 256))
    outputs = ViTMLP(hidden_dim=512, output_dim=256, drop_rate=0.1, activation="gelu")(tokens)
    return keras.Model(tokens, outputs)
