"""DeepRL-TensorFlow2's DDPG actor ends its Sequential with `Lambda(lambda x: x * self.action_bound)` and is trained
from critic gradients that went through NumPy (`np.array(s_grads)`), fed as `output_gradients`: the Lambda captures
only a Python float and the NumPy hop is bridged by hand, so every actor weight is tracked and trained (look-alike).

From marload/DeepRL-TensorFlow2 (single-file TF2 implementations of DQN..PPO), `DDPG/DDPG_Continuous.py`.
`Actor.create_model()` is `Sequential([Input, Dense(32), Dense(32), Dense(action_dim, tanh), Lambda(lambda x: x *
self.action_bound)])`; `Agent.replay()` takes `s_actions = self.actor.predict(states)` (NumPy), asks the critic for
dQ/da, turns it into NumPy and calls `Actor.train(states, grads)`, which computes
`tape.gradient(self.model(states), self.model.trainable_variables, -q_grads)` and applies it. A checker sees a
Lambda closing over `self` (LD012-looking) and actions and gradients turned into NumPy between the two networks
(LD009-looking: "turned into NumPy"); the chain rule is applied explicitly, so the actor's weights do get gradients,
and the Lambda holds no state (`action_bound` is a float from the env's action space).

Porting edits: the module-level `wandb.init`, `argparse` and `gym` are not part of the model and were left out;
`args.actor_lr` is the default 0.0005 written inline; `tf.keras.backend.set_floatx('float64')` at import was left out
(a global side effect; the model runs in float32). build_model() builds the Actor with Pendulum's sizes
(state_dim=3, action_dim=1, action_bound=2.0) and returns its Sequential model; the probe runs `Actor.train` once
with q_grads passed through NumPy and compares the weights.
"""

SOURCE = "https://github.com/marload/DeepRL-TensorFlow2/blob/889bc6f85c1b9396577de35af0f45de8a721ae76/DDPG/DDPG_Continuous.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/br/okbr_deeprltf2_ddpg_actor_lambda_scales_by_self_action_bound_trained_via_numpy_q_grads.py:
as returned: Sequential, count_params() = 1217, 6 weights, unbuilt: none
after call: count_params() = 1217, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe_ddpg_actor.py (actions and q_grads through NumPy, one Actor.train step):
actor: 6 trainable weights, count_params=1217, changed by one Actor.train step: 6 (all three Dense kernels and biases)
lambda layer weights: [[]]"""

import tensorflow as tf
from tensorflow.keras.layers import Input, Dense, Lambda, concatenate
import numpy as np


class Actor:
    def __init__(self, state_dim, action_dim, action_bound):
        self.state_dim = state_dim
        self.action_dim = action_dim
        self.action_bound = action_bound
        self.model = self.create_model()
        self.opt = tf.keras.optimizers.Adam(0.0005)

    def create_model(self):
        return tf.keras.Sequential([
            Input((self.state_dim,)),
            Dense(32, activation='relu'),
            Dense(32, activation='relu'),
            Dense(self.action_dim, activation='tanh'),
            Lambda(lambda x: x * self.action_bound)
        ])

    def train(self, states, q_grads):
        with tf.GradientTape() as tape:
            grads = tape.gradient(self.model(states), self.model.trainable_variables, -q_grads)
        self.opt.apply_gradients(zip(grads, self.model.trainable_variables))

    def predict(self, state):
        return self.model.predict(state)

    def get_action(self, state):
        state = np.reshape(state, [1, self.state_dim])
        return self.model.predict(state)[0]


def build_model():
    actor = Actor(state_dim=3, action_dim=1, action_bound=2.0)
    return actor.model
