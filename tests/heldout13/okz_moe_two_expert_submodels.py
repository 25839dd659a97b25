"""Mixture-of-experts wrapper Model that receives two already-built expert models and a Sequential gate.

From a time-series classification repository (multi-encoder-decoder transformers): `MixtureOfExperts(Model)`
stores two expert models passed in from outside (`self.expert1 = expert1`), builds its gating network as a
`tf.keras.Sequential` of two Dense layers, squeezes the input for the gate, stacks the expert outputs and
mixes them with `reduce_sum(experts_output * gate)`. Models passed in from outside and a nested
Sequential look like state Keras might not see, but both are attributes of the Model and are tracked; the
gate is built on the first call and every weight receives a gradient.
"""

SOURCE = "https://github.com/UMBInal/Multi-Encoder-Decoder-Transformer-Architecture-for-Time-Series-Classification/blob/main/Mixture-of-Experts.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py okz_moe_two_expert_submodels.py:
as returned: MixtureOfExperts, count_params() = count_params() raised ValueError, 8 weights, unbuilt: ['Sequential:sequential', 'Dense:dense_3', 'Dense:dense_2']
after call: count_params() = 1828, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(Before the first call the gate is lazily unbuilt, as for any subclassed Model the author trains with fit();
the first call builds it and all 12 weights get gradients.)"""

import tensorflow as tf
from tensorflow.keras import Model, layers


class MixtureOfExperts(Model):
    def __init__(self, expert1, expert2):
        super(MixtureOfExperts, self).__init__()
        self.expert1 = expert1
        self.expert2 = expert2
        # self.gate = layers.Dense(2, activation='softmax')  # Gating network to choose between 2 experts
        self.gating = tf.keras.Sequential([layers.Dense(64, activation="relu"),
                                           layers.Dense(2, activation="softmax")])

    def call(self, inputs):
        gate = self.gating(tf.squeeze(inputs, axis=-1))     # (batch, n_experts)
        gate = tf.expand_dims(gate, axis=2)                 # (batch, n_experts, 1)
        expert1_output = self.expert1(inputs)
        expert2_output = self.expert2(inputs)
        experts_output = tf.stack([expert1_output, expert2_output], axis=1)
        combined_output = tf.reduce_sum(experts_output * gate, axis=1)
        return combined_output


def make_expert(features, num_classes, name):
    inputs = tf.keras.Input(shape=(features, 1))
    x = layers.Conv1D(8, 3, padding="same", activation="relu")(inputs)
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return Model(inputs, outputs, name=name)


def build_model(features=22, num_classes=9):
    import numpy as np

    expert1 = make_expert(features, num_classes, "cnn_expert")
    expert2 = make_expert(features, num_classes, "cnn_expert_2")
    model = MixtureOfExperts(expert1, expert2)
    x = np.random.default_rng(0).random((2, features, 1)).astype("float32")
    return model, x
