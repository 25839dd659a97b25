"""A trading agent's dueling DQN (`DuelingDeepQNetwork(keras.Model)`) assigns its four Dense layers in `__init__`
and has no `build()`: RULES.md's first myth. On Keras 3 all of them are built by the first call, tracked,
counted and trained, and the online/target pair copies weights with `set_weights` without loss.

From samuelwaskow/ggekko (`rl/network.py`), the widespread TF2 dueling-DQN pattern: `dense1`/`dense2` (relu),
a value head `V = Dense(1)` and an advantage head `A = Dense(n_actions)`, combined in `call()` as
`V + (A - reduce_mean(A, axis=1, keepdims=True))`. A naive check flags "sublayers without build()" (LD005) or
"two heads from one trunk" (a shared layer); neither is a defect: every sublayer is called in `call()`, and
the trunk is used once per call.

Porting edits: none. `build_model()` makes the network with 3 actions (hold/buy/sell) and 64/64 hidden units
(the file takes them as arguments; the agent's values are not in this file) and returns it with an 8-feature
state batch (an assumed observation size), after one call
as the agent's first action choice makes.
"""

SOURCE = "https://github.com/samuelwaskow/ggekko/blob/a3a5da804b1320936bf999f9ec8fe8d1a0933684/rl/network.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bh/okbh_samuelwaskow_ggekko_dueling_deep_q_network_sublayers_no_build.py:
as returned: DuelingDeepQNetwork, count_params() = 4996, 8 weights, unbuilt: none
after call: count_params() = 4996, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_ggekko.py): after a first call, one compiled train_on_batch (adam, mse) changes all 8 trainable weights;
a second network built the same way, given q_eval.get_weights() with set_weights, returns the same Q-values."""

import numpy as np
import tensorflow as tf
from tensorflow import keras

class DuelingDeepQNetwork(keras.Model):

    #
    # Constructor
    #
    def __init__(self, n_actions, fc1_dims, fc2_dims):
        super(DuelingDeepQNetwork, self).__init__()
        self.dense1 = keras.layers.Dense(fc1_dims, activation='relu')
        self.dense2 = keras.layers.Dense(fc2_dims, activation='relu')
        self.V = keras.layers.Dense(1, activation=None)
        self.A = keras.layers.Dense(n_actions, activation=None)

    #
    # Does mathematical transformations
    #
    def call(self, state):
        x = self.dense1(state)
        x = self.dense2(x)
        V = self.V(x)
        A = self.A(x)
        Q = (V + (A - tf.math.reduce_mean(A, axis=1, keepdims=True)))
        return Q


def build_model():
    model = DuelingDeepQNetwork(3, 64, 64)
    state = np.random.default_rng(0).random((2, 8)).astype("float32")
    model(state)  # the agent's first action choice
    return model, state
