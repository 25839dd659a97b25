"""A hard top-1 router picks one expert per sample with argmax; the router never trains.

The Q&A page ("Intermediate layer makes tensorflow optimizer to stop working") describes a model
that still produces outputs after an intermediate layer was inserted, but whose earlier weights
stop changing: the new layer goes through `argmax` / an integer cast, which has no gradient. Here
the author's "hard mixture of experts" subclassed model routes each sample to one expert with
`argmax` + `one_hot`; the experts train, the router Dense gets a `None` gradient and stays at its
initial values forever.
"""

SOURCE = "https://codemia.io/knowledge-hub/path/intermediate_layer_makes_tensorflow_optimizer_to_stop_working_1"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py f_codemia_hard_router_argmax.py:
as returned: Functional, count_params() = 680, 18 weights, unbuilt: none
after call: count_params() = 680, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 18 trainable weights: ['hard_moe/router/scorer/kernel', 'hard_moe/router/scorer/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'hard_moe': 680, 'router': 36}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class HardRouter(layers.Layer):
    """Scores experts and returns a one-hot choice per sample."""

    def __init__(self, num_experts, **kwargs):
        super().__init__(**kwargs)
        self.num_experts = num_experts
        self.scorer = layers.Dense(num_experts, name="scorer")

    def call(self, inputs):
        logits = self.scorer(inputs)
        choice = tf.argmax(logits, axis=-1)
        return tf.one_hot(choice, self.num_experts, dtype=inputs.dtype)

    def get_config(self):
        return {**super().get_config(), "num_experts": self.num_experts}


class HardMoE(keras.Model):
    def __init__(self, num_experts=4, expert_units=16, num_outputs=1, **kwargs):
        super().__init__(**kwargs)
        self.router = HardRouter(num_experts, name="router")
        self.experts = [
            keras.Sequential([layers.Dense(expert_units, activation="relu"), layers.Dense(num_outputs)],
                             name=f"expert_{i}")
            for i in range(num_experts)
        ]

    def call(self, inputs, training=False):
        gates = self.router(inputs)                                     # (B, E)
        outs = tf.stack([e(inputs, training=training) for e in self.experts], axis=1)  # (B, E, O)
        return tf.reduce_sum(outs * gates[..., None], axis=1)


def build_model():
    inputs = keras.Input(shape=(8,))
    moe = HardMoE(name="hard_moe")
    return keras.Model(inputs, moe(inputs))
