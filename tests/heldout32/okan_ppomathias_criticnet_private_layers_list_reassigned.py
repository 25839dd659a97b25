"""A PPO critic (`CriticNet`, a `tf.keras.Model`) that replaces Keras's own private `self._layers`
list with a fresh `[]` after `super().__init__()` and appends its Dense layers to it: looks like
tampering with Keras's private tracking lists, but on Keras 3 the new list is wrapped and tracked,
so every Dense is counted, trained and saved.

From mathias31415/Proximal_Policy_Optimization_PPO (`lib/CriticNet.py`, the value network shared by
the repository's discrete and continuous PPO agents; the actor files use the same `self._layers`
idiom). `Model.__init__` creates its own `_layers` list for sublayer tracking; the assignment
replaces it, Keras 3's `__setattr__` wraps the new list in a `TrackedList`, and the three Dense layers
appended later are found by the tracker.
The private-attribute clash is the suspicious part; nothing is lost.

No porting edits. build_model(): `CriticNet()` (units 400, 300, 1) called once on a zeros
observation of shape (1, 2) as the agents' `_init_networks()` does, returned with that input. A probe
(_probe_ppomathias_critic_save.py) also saves and reloads the weights.
"""

SOURCE = "https://github.com/mathias31415/Proximal_Policy_Optimization_PPO/blob/e9ab24d1bfbfdccadb25493a64a5c3aee9575297/lib/CriticNet.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okan_ppomathias_criticnet_private_layers_list_reassigned.py:
as returned: CriticNet, count_params() = 121801, 6 weights, unbuilt: none
after call: count_params() = 121801, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
python _probe_ppomathias_critic_save.py:
type(_layers): TrackedList | model.layers: ['Dense', 'Dense', 'Dense']
reloaded weights equal: True | n weights: 6"""

import numpy as np
import tensorflow as tf


class CriticNet(tf.keras.Model):
    def __init__(self, units=(400, 300), **kwargs):
        super(CriticNet, self).__init__(**kwargs)
        self._layers = []
        for i, u in enumerate(units):
            self._layers.append(tf.keras.layers.Dense(u, activation='relu'))
        self._layers.append(tf.keras.layers.Dense(1))

    def call(self, inputs, **kwargs):
        outputs = inputs
        for l in self._layers:
            outputs = l(outputs)
        return outputs


def build_model():
    critic = CriticNet()
    initializer = np.zeros([1, 2], dtype="float32")
    critic(initializer)
    return critic, initializer
