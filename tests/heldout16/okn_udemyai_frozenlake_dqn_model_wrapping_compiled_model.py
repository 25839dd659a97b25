"""Correct: a DQN for FrozenLake written as a `keras.Model` subclass with no `call()` that builds and
compiles an inner functional `Model` in `__init__`, trains it with `self.model.fit`, and refreshes
the target network by copying `get_weights()` of the other (outer) DQN object.

From the UdemyAI course repository (chapter 10, Deep Q-Networks). Several things look like weight
bugs: the outer `DQN(Model)` never defines `call()` and is never built or called (its summary
cannot be printed), the real network lives in an attribute `self.model` created from `Input`s
inside `__init__`, and the target network is updated by `self.model.set_weights(other_model.get_weights())`
where `other_model` is the *outer* wrapper, not the inner network. On Keras 3 all of it works: the
inner functional model is tracked by the outer one (the wrapper's `weights`/`get_weights()` are the
inner network's six arrays, in order), `fit` trains every one of them, and the target copy is exact.

Porting edits: `Adam(lr=...)` -> `Adam(learning_rate=...)` (Keras 3 rejects `lr`); the `Agent` class
and the gym loop are reduced to the two calls `build_model()` needs (online and target DQN, one
`update_model`); FrozenLake's 16 one-hot states and 4 actions kept.
"""

SOURCE = "https://github.com/franneck94/UdemyAI/blob/303be59cb07fd72f9f57f81c321e352026df5c58/Chapter10_DeepQNetworks/6_2_FrozenLake/frozenLakeDqn.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/okn_udemyai_frozenlake_dqn_model_wrapping_compiled_model.py:
as returned: DQN, count_params() = count_params() raised ValueError, 6 weights, unbuilt: none
no inputs known: not called   (the wrapper has no call(); count_params() refuses only because the
wrapper object itself is never built - the inner network is built, 1179 params)
Own script (/tmp/mine16b/dqn_check.py):
outer weights: 6 ['dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias']
outer trainable: 6 inner count_params: 1179
target == online after update_model: True   (outer get_weights() = the inner network's arrays, in order)
changed after train(): [True, True, True, True, True, True]   (one self.model.fit on 32 one-hot states)
None grads via outer trainable_weights: 0 of 6"""

from keras.layers import Activation
from keras.layers import Dense
from keras.layers import Input
from keras.models import Model
from keras.optimizers import Adam


class DQN(Model):
    def __init__(self, state_shape, num_actions, lr):
        super(DQN, self).__init__()
        self.state_shape = state_shape
        self.num_actions = num_actions
        self.lr = lr

        state = Input(shape=(state_shape,))
        x = Dense(25)(state)
        x = Activation("relu")(x)
        x = Dense(25)(x)
        x = Activation("relu")(x)
        out = Dense(num_actions)(x)
        self.model = Model(inputs=state, outputs=out)
        self.model.compile(loss="mse", optimizer=Adam(learning_rate=self.lr))

    def train(self, states, q_values):
        self.model.fit(states, q_values, verbose=0)

    def predict(self, state):
        return self.model.predict(state)

    def update_model(self, other_model):
        self.model.set_weights(other_model.get_weights())

    def load_model(self, path):
        self.model.load_weights(path)

    def save_model(self, path):
        self.model.save_weights(path)


def build_model():
    # Agent.__init__: online and target networks, target synchronised once
    observations, actions, learning_rate = 16, 4, 1e-3
    model = DQN(observations, actions, learning_rate)
    target_model = DQN(observations, actions, learning_rate)
    target_model.update_model(model)
    return model
