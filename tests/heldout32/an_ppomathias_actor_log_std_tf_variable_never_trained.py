"""A PPO Gaussian actor (`ActorNetContinuous`, a `tf.keras.Model`) keeps its learnable
`log_std` as a raw `tf.Variable` created in `__init__`: Keras 3 does not track it, so the agent's
`actor.trainable_variables` update never reaches it and `get_weights`/`save_weights` leave it out.

From mathias31415/Proximal_Policy_Optimization_PPO (`lib/ActorNetContinuous_modified.py`, the
"modified after analyzing stable-baselines3" continuous-action actor; used by
`lib/PPOAgentContinuous_modified.py`). The comment above the variable says "trainable variables are
updated with every call of the learn method": the agent computes
`tape.gradient(loss, self.actor.trainable_variables)` and applies it with Adam, copies the actor
into `actor_old` with `get_weights()`/`set_weights()`, and saves with `save_weights`. On tf.keras 2 a
`tf.Variable` attribute was tracked, so the state-independent exploration std learned; on Keras 3 it
stays at its initial zeros (std = 1) for ever. The hidden Dense layers in the `_hiddenlayers` list
are tracked fine.

No porting edits. build_model(): `ActorNetContinuous(n_actions=1)` (MountainCarContinuous) called once
on a zeros observation of shape (1, 2), as the agent's `_init_networks()` does, and returned with
that input.
"""

SOURCE = "https://github.com/mathias31415/Proximal_Policy_Optimization_PPO/blob/03413ba0a18208d40a1d6cda62cdd380bae83213/lib/ActorNetContinuous_modified.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py an_ppomathias_actor_log_std_tf_variable_never_trained.py:
as returned: ActorNetContinuous, count_params() = 4417, 6 weights, unbuilt: none
after call: count_params() = 4417, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
second call: 0 variables watched that the first call did not use
python _probe_ppomathias_log_std.py (5 Adam steps on actor.trainable_variables as learn() does; then update_frozen_nets' get/set_weights):
log_std tracked: False | count_params(): 4417 | len(trainable_variables): 6
log_std after 5 Adam steps on actor.trainable_variables: [[0.0]]
actor_old.log_std after set_weights(actor.get_weights()) with actor.log_std = 0.7: [[0.0]]"""

import numpy as np
import tensorflow as tf


class ActorNetContinuous(tf.keras.Model):
    def __init__(self, units=(64, 64), n_actions=None, **kwargs):
        super(ActorNetContinuous, self).__init__(**kwargs)
        self._hiddenlayers = []

        # Define the trainable log standard deviation (modified, instead of outputting the std by the network)
        # trainable variables are updated with every call of the learn method
        self.log_std = tf.Variable(tf.zeros([1, n_actions], dtype=tf.float32), trainable=True)

        for i, u in enumerate(units):
            self._hiddenlayers.append(tf.keras.layers.Dense(u, activation=tf.nn.leaky_relu))
        self._mean = tf.keras.layers.Dense(n_actions, activation='tanh')

    # forward pass through the network
    def call(self, inputs, **kwargs):
        outputs = inputs
        for l in self._hiddenlayers:
            outputs = l(outputs)
        mean = self._mean(outputs)
        log_std = self.log_std
        return mean, log_std


def build_model():
    actor = ActorNetContinuous(n_actions=1)
    initializer = np.zeros([1, 2], dtype="float32")
    actor(initializer)
    return actor, initializer
