"""A Flatland (train-scheduling RL challenge) double dueling DQN agent creates its online and target Q-networks as subclassed `tf.keras.Model`s (`DoubleDuelingDQN`: a list of hidden Dense layers, a value stream `V` and an advantage stream `A`) and "builds" them with `self.model.build(input_shape=(None, self.state_size))` (the base agent's comment explains the `None`: the batch size differs between training and action selection). The model has no `build()` of its own, so on Keras 3 `build(shape)` only marks the model as built (with a warning that it "looks like it has unbuilt state"): every Dense is still unbuilt, `count_params()`/the summary report 0, and `get_weights()` is empty until the first real call on a batch (LD005). The repository's own `__main__` in the same file does exactly this sequence (`build`, then `summary()`, then the first call) for the plain `DQN` model.

From johnMinelli/RL-flatland-challenge: the model is `src/common/model.py`, class `DoubleDuelingDQN(Model)`
(`__init__`, `call`, `advantage`, `get_config` as written); the build calls are those of
`src/dddqn/DoubleDuelingDQNAgent.py`, `DoubleDuelingDQNAgent.__init__`.

Porting edits: the spektral import and the unrelated classes of model.py (`DQN`, `GCN`, `A2C`, `Actor`, `Critic`) are
left out; `from keras import backend as K` is dropped (only used by `Actor`); the agent's replay buffer, epsilon
schedule and training hyper-parameters (read from a YAML file) are not needed for the build and are left out, so the
agent is reduced to the two `DoubleDuelingDQN(...)` constructions and their `build()` calls. build_model() runs those
lines for Flatland's 5 actions and the 231-wide observation used by the file's `__main__`, and returns the online model
with a (2, 231) batch.
"""

SOURCE = "https://github.com/johnMinelli/RL-flatland-challenge/blob/8e53a1e52ab9f348e4a89158703c60f79e6430e3/src/common/model.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cj_rlflatland_doubleduelingdqn_model_build_shape_leaves_dueling_streams_unbuilt.py:
warning: `build()` was called on layer 'double_dueling_dqn', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as bui
warning: `build()` was called on layer 'double_dueling_dqn_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as b
as returned: DoubleDuelingDQN, count_params() = 0, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3']
after call: count_params() = 19398, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probes/probe_flatland.py (same classes): right after the agent's two build() calls, model.summary() lists dense, dense_1, dense_2, dense_3 as '0 (unbuilt)' with 'Total params: 0'; get_weights() returns [] so the agent's update_target_model() copies nothing without error; after one advantage() call (the act() path) A and the hidden layers are built but the value stream V is still unbuilt (19333 params counted); only the first full call builds all 8 weights (19398 params)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.optimizers import Adam
from tensorflow.keras.layers import Dense
from tensorflow.keras import Model


class DoubleDuelingDQN(Model):

    def __init__(self, action_size, dense_dims=64, dense_layers=2, loss='huber_loss', learning_rate=1e-2):
        super(DoubleDuelingDQN, self).__init__()

        self.layers_ = []
        for n in range(dense_layers):
            layer = Dense(dense_dims, activation='relu', kernel_initializer='he_uniform')
            self.layers_.append(layer)


        self.V = Dense(1, activation=None, kernel_initializer='he_uniform') # scalar state value, raw value
        self.A = Dense(action_size, activation=None, kernel_initializer='he_uniform')


        self.compile(optimizer=Adam(learning_rate=learning_rate), loss=loss)

    def call(self, state, training=None, mask=None):
        # forward pass has to compute transformation
        # from A and V to Q
        out = self.layers_[0](state)
        for layer in self.layers_[1:]:
            out = layer(out)

        # separate computation of V and A
        V = self.V(out)
        A = self.A(out)
        # mean more stable than max advantage
        Q = V + (A - tf.math.reduce_mean(A, axis=1, keepdims=True))

        return Q

    def advantage(self, state):
        # useful for action selection where we just use advantage stream
        out = self.layers_[0](state)
        for layer in self.layers_[1:]:
            out = layer(out)
        A = self.A(out)

        return A

    def get_config(self):
        pass


class DoubleDuelingDQNAgent:
    """Reduced to the model construction of src/dddqn/DoubleDuelingDQNAgent.py (see the docstring)."""

    def __init__(self, state_size, action_size):
        self.state_size = state_size
        self.action_size = action_size

        self.model = DoubleDuelingDQN(self.action_size)
        self.target_model = DoubleDuelingDQN(self.action_size)

        self.model.build(input_shape=(None, self.state_size))
        self.target_model.build(input_shape=(None, self.state_size))

    def update_target_model(self, tau=1.0):
        # from src/dqn/DQNAgent.py (its formula kept as written)
        new_weights = list(map(lambda weight_tensor: tau * weight_tensor + (1.0 - tau * weight_tensor), self.model.get_weights()))
        self.target_model.set_weights(new_weights)


def build_model():
    agent = DoubleDuelingDQNAgent(state_size=231, action_size=5)
    states = np.random.default_rng(0).random((2, 231)).astype("float32")
    return agent.model, states
