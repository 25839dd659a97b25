"""The CartPole DQN agent of "Python Machine Learning, 3rd edition" (chapter 18) creates its Q-network as an empty `tf.keras.Sequential()`, adds Dense layers one by one in a loop, and then calls `self.model.build(input_shape=(None, self.state_size))` before compiling. This looks like the LD005 pattern (a model "built" from a shape alone, after which a subclassed Keras 3 model still has every sublayer unbuilt and zero weights), but a `Sequential` is not a subclassed model: on Keras 3 `Sequential.build(shape)` makes an Input and runs every layer on it, so all five Dense layers have their kernels right after `build()`, before any data is seen, and `compile`, `predict` and `fit` work on a fully built network.

From rasbt/python-machine-learning-book-3rd-edition, `ch18/cartpole/main.py`, `DQNAgent._build_nn_model()` (called from
`DQNAgent.__init__`): `for n in range(n_layers - 1)` adds two `Dense(32, relu)` per pass (four hidden layers for the default
`n_layers=3`), then `Dense(action_size)`, then `model.build(input_shape=(None, state_size))` and `model.compile(...)`.

Porting edits: `gym` is not imported; `DQNAgent.__init__` takes the environment's `state_size` and `action_size` read off
`CartPole-v1` (4 and 2) through a tiny stand-in `env` object instead of `gym.make`; `Adam(lr=...)` is
`Adam(learning_rate=...)` (Keras 3 rejects `lr`); the replay, plotting and `__main__` loop are kept only as far as the
agent class goes (`remember`, `choose_action`, `_learn`, `_adjust_epsilon`, `replay`, not run). build_model() makes the
agent, as the script's `__main__` does, and returns `agent.model` (built and compiled) with a (2, 4) batch of states.
"""

SOURCE = "https://github.com/rasbt/python-machine-learning-book-3rd-edition/blob/13369d907824ff299cefe4085c39eba1e4572f86/ch18/cartpole/main.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcj_rasbt_pymlbook_cartpole_dqnagent_sequential_model_build_builds_every_dense.py:
as returned: Sequential, count_params() = 3394, 10 weights, unbuilt: none
after call: count_params() = 3394, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probes/probe_rasbt.py (same agent): right after DQNAgent(...) returns, before any predict/fit, all 5 Dense layers are built (model.built True, len(model.weights) = 10, 3394 params = 160 + 3 * 1056 + 66); Sequential.build(shape) ran the layers on a symbolic Input."""

import numpy as np
import tensorflow as tf
import random
from collections import namedtuple
from collections import deque

np.random.seed(1)
tf.random.set_seed(1)

Transition = namedtuple(
    'Transition', ('state', 'action', 'reward',
                   'next_state', 'done'))


class DQNAgent:
    def __init__(
            self, env, discount_factor=0.95,
            epsilon_greedy=1.0, epsilon_min=0.01,
            epsilon_decay=0.995, learning_rate=1e-3,
            max_memory_size=2000):
        self.enf = env
        self.state_size = env.observation_space.shape[0]
        self.action_size = env.action_space.n

        self.memory = deque(maxlen=max_memory_size)

        self.gamma = discount_factor
        self.epsilon = epsilon_greedy
        self.epsilon_min = epsilon_min
        self.epsilon_decay = epsilon_decay
        self.lr = learning_rate
        self._build_nn_model()

    def _build_nn_model(self, n_layers=3):
        self.model = tf.keras.Sequential()

        # Hidden layers
        for n in range(n_layers - 1):
            self.model.add(tf.keras.layers.Dense(
                units=32, activation='relu'))
            self.model.add(tf.keras.layers.Dense(
                units=32, activation='relu'))

        # Last layer
        self.model.add(tf.keras.layers.Dense(
            units=self.action_size))

        # Build & compile model
        self.model.build(input_shape=(None, self.state_size))
        self.model.compile(
            loss='mse',
            optimizer=tf.keras.optimizers.Adam(learning_rate=self.lr))

    def remember(self, transition):
        self.memory.append(transition)

    def choose_action(self, state):
        if np.random.rand() <= self.epsilon:
            return random.randrange(self.action_size)
        q_values = self.model.predict(state)[0]
        return np.argmax(q_values)  # returns action

    def _learn(self, batch_samples):
        batch_states, batch_targets = [], []
        for transition in batch_samples:
            s, a, r, next_s, done = transition
            if done:
                target = r
            else:
                target = (r +
                          self.gamma * np.amax(
                            self.model.predict(next_s)[0]
                            )
                          )
            target_all = self.model.predict(s)[0]
            target_all[a] = target
            batch_states.append(s.flatten())
            batch_targets.append(target_all)
            self._adjust_epsilon()
        return self.model.fit(x=np.array(batch_states),
                              y=np.array(batch_targets),
                              epochs=1,
                              verbose=0)

    def _adjust_epsilon(self):
        if self.epsilon > self.epsilon_min:
            self.epsilon *= self.epsilon_decay

    def replay(self, batch_size):
        samples = random.sample(self.memory, batch_size)
        history = self._learn(samples)
        return history.history['loss'][0]


class _Space:
    """Porting stand-in for the two gym spaces the agent reads (CartPole-v1: Box(4,), Discrete(2))."""

    def __init__(self, shape=None, n=None):
        self.shape = shape
        self.n = n


class _CartPoleStandIn:
    observation_space = _Space(shape=(4,))
    action_space = _Space(n=2)


def build_model():
    agent = DQNAgent(_CartPoleStandIn())
    states = np.random.default_rng(0).random((2, agent.state_size)).astype("float32")
    return agent.model, states
