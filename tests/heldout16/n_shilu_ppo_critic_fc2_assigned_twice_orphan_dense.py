"""PPO critic network whose `__init__` assigns `self.fc2` twice - `Dense(256)` and then `Dense(64)`:
the first Dense stays attached to the model but is never called, so it is never built.

From a reinforcement-learning repository (PPO on LunarLander): `CriticNetwork.__init__` was meant
to stack 512 -> 256 -> 64 -> 1 units, but the third line rebinds `self.fc2` instead of creating
`self.fc3`-style attributes in order, and the real `self.fc3` is the output head. The critic that
trains is 512 -> 64 -> 1; the `Dense(256)` the author wrote is an orphan. On Keras 3 the orphan is
still tracked by the model (re-assigning the attribute does not drop the first layer), so the model
carries an unbuilt sublayer: Keras 3 warns when the model is built by hand, and `summary()` lists a
`0 (unbuilt)` Dense.

Porting edits: the file has no imports (they live in the repo's notebook); `import tensorflow as tf`
and `from tensorflow.keras.layers import Dense` added; LunarLander's 8-d observation used as
`input_dims`.
"""

SOURCE = "https://github.com/shilu10/Reinforcement-Learning/blob/15557729ddd12867afd83858ea17afea7cb64ea5/PPO/critic_network.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/n_shilu_ppo_critic_fc2_assigned_twice_orphan_dense.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: CriticNetwork, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3']
after call: count_params() = 37505, 6 trainable weights, unbuilt: ['Dense:dense_1']; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(stderr of the same run: UserWarning "`build()` was called on layer 'critic_network', however the layer does not
have a `build()` method implemented and it looks like it has unbuilt state...")
Own script (/tmp/mine16b/critic_check.py), after one call on a (2, 8) batch:
sublayers: [('dense', 512, True), ('dense_1', 256, False), ('dense_2', 64, True), ('dense_3', 1, True)]
weights 6 params 37505; summary row: dense_1 (Dense) ? 0 (unbuilt); Total params: 37,505
critic.build((None, 8)) on a fresh critic warns "`build()` was called on layer 'critic_network_1', however the
layer does not have a `build()` method implemented and it looks like it has unbuilt state..."
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense


class CriticNetwork(tf.keras.Model):
    def __init__(self, input_dims, action_dim=1):
        super(CriticNetwork, self).__init__()
        self.fc1 = Dense(512, activation="relu", input_shape=input_dims, kernel_initializer="he_uniform")
        self.fc2 = Dense(256, activation="relu", kernel_initializer="he_uniform")
        self.fc2 = Dense(64, activation="relu", kernel_initializer="he_uniform")
        self.fc3 = Dense(1)

    def call(self, x):
        x = self.fc1(x)
        x = self.fc2(x)
        x = self.fc3(x)
        return x


def build_model():
    critic = CriticNetwork(input_dims=(8,))
    return critic, np.random.default_rng(0).random((2, 8)).astype("float32")
