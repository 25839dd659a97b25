"""A dueling DQN head written as a subclassed `keras.Model` whose advantage normalisation is a `Lambda`
layer created in `__init__` and whose value/advantage streams are merged by an `Add` layer.

From i4MM4i/UNO_RL (`Agents/DuelingQNetwork.py`, an UNO-playing agent). It looks like the catalog's
Lambda trap (a `Lambda` in a model, a `tf.reduce_mean` inside a lambda) and like a branch that might
not train (`value` is a 1-unit Dense only combined through `Add`). But the lambda captures nothing
from outside (only its argument `x`), the Lambda has no weights to lose, and both streams reach the
output: every Dense gets a gradient. (The normalisation subtracts the mean over the whole batch and
all actions, not per state as in the dueling paper: a modelling choice, not a tracking defect.)

Porting edits: `from tensorflow import keras` -> `import keras` (the op stays `tf.reduce_mean`); the
140-unit hidden layer -> 16; UNO's action_size and state size -> 5 actions from a 12-feature state;
`build_model()` returns the model with two random states.
"""

SOURCE = "https://github.com/i4MM4i/UNO_RL/blob/e77761c7e92c613849a45d20f255871740d79555/Agents/DuelingQNetwork.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/oki_unorl_dueling_q_network_lambda_in_subclassed_model.py:
as returned: DuelingQNetwork, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2', 'Lambda:lambda', 'Add:add']
after call: count_params() = 310, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own check: 6 trainable weights after the call = dense1, advantage and value kernels and biases
(12*16+16 + 16*5+5 + 16*1+1 = 310 params); the Lambda and Add layers hold nothing; no gradient is None."""

import keras
import numpy as np
import tensorflow as tf


#TODO: A tole dela, k loadaš prek model.load???
class DuelingQNetwork(keras.Model):
    def __init__(self, action_size: int):
        super(DuelingQNetwork, self).__init__()
        self.dense1 = keras.layers.Dense(16, activation='relu')
        self.advantage = keras.layers.Dense(action_size)
        self.value = keras.layers.Dense(1)
        self.lambda_layer = keras.layers.Lambda(lambda x: x - tf.reduce_mean(x))
        self.combine = keras.layers.Add()

    def call(self, input):
        x = self.dense1(input)
        advantage = self.advantage(x)
        value = self.value(x)
        normalized_advantage = self.lambda_layer(advantage)
        combined = self.combine([value, normalized_advantage])
        return combined


def build_model():
    states = np.random.default_rng(0).random((2, 12)).astype("float32")
    return DuelingQNetwork(5), states
