"""PPO actor network whose `call()` goes `fc1 -> fc3`, skipping the `fc2` Dense it creates in
`__init__`: `fc2` is tracked by the model but never called, so it is never built.

From the same reinforcement-learning repository's PPO agent (continuous actions): the actor has
`fc1` (64), `fc2` (64), `fc3` (32), a `tanh` mean head scaled by a `Lambda` and a `softplus`
std head. `call()` feeds `fc1`'s output straight into `fc3`, so the policy trains a 2-layer trunk
and `fc2` stays at `0 (unbuilt)`; Keras 3 warns when the model is built by hand. (The constructor
parameter is misspelt `input_didims`; `input_shape=input_dims` reads the notebook's global
`input_dims` instead, as it did for the author.)

Porting edits: none to the class; `build_model()` sets the module-level `input_dims` the class
reads (the notebook defines it as the environment's observation shape, here Pendulum's (3,)) and
calls the actor once on a (2, 3) batch.
"""

SOURCE = "https://github.com/shilu10/Reinforcement-Learning/blob/a1f616f95779753de0eb9e9a720f61c87ebb898e/PPO/actor_network.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/n_shilu_ppo_actor_fc2_skipped_in_call.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: ActorNetwork, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3', 'Dense:dense_4', 'Lambda:lambda']
after call: count_params() = 2402, 8 trainable weights, unbuilt: ['Dense:dense_1']; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(stderr of the same run: UserWarning "`build()` was called on layer 'actor_network', however the layer does not
have a `build()` method implemented and it looks like it has unbuilt state...")
Own script (/tmp/mine16b/actor_check.py), after one call on a (2, 3) batch:
sublayers: dense 64 built, dense_1 (fc2) 64 NOT built, dense_2 32 built, dense_3/dense_4 heads built, lambda built;
summary row: dense_1 (Dense) ? 0 (unbuilt); Total params: 2,402; None grads: 0 of 8;
actor.build((None, 3)) on a fresh actor warns "`build()` was called on layer 'actor_network_1', however the layer
does not have a `build()` method implemented and it looks like it has unbuilt state..."
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, Conv2D, Input, Lambda

input_dims = None


class ActorNetwork(tf.keras.Model):
    def __init__(self, input_didims, action_dim, action_bound):
        super(ActorNetwork, self).__init__()
        self.action_bound = action_bound
        self.fc1 = Dense(64, activation="relu", input_shape=input_dims, kernel_initializer="he_uniform")
        self.fc2 = Dense(64, activation="relu", kernel_initializer="he_uniform")
        self.fc3 = Dense(32, activation="relu", kernel_initializer="he_uniform")
        self.mu = Dense(action_dim, activation='tanh')
        self.std = Dense(action_dim, activation='softplus')
        self.mu_out = Lambda(lambda x: x * self.action_bound)

    def call(self, x):
        x = self.fc1(x)
        x = self.fc3(x)
        mu = self.mu(x)
        mu = self.mu_out(mu)

        std = self.std(x)
        return mu, std


def build_model():
    global input_dims
    input_dims = (3,)
    actor = ActorNetwork(input_dims, action_dim=1, action_bound=2.0)
    return actor, np.random.default_rng(0).random((2, 3)).astype("float32")
