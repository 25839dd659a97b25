"""A DDPG agent (Pendulum) that trains its critic with `train_on_batch` and its actor with two
separate tapes: the first takes dQ/da from the critic with `tape.watch(a)`, the second
differentiates the actor's output with `tape.gradient(a, theta, output_gradients=-dq_da)`;
target networks are separate models refreshed with `get_weights`/`set_weights`. Correct on
Keras 3: every actor and critic weight gets a gradient from its own update, and the targets
move only through the soft update.

Why it looks suspicious: the actor loss never appears as a scalar (the chain rule is split
across two tapes), the critic is called inside the first actor tape but its weights are never
asked for there, the actor is never compiled while the critic is, the networks come from
factory objects (`_actor_network(...).model()`), and the target models are rebuilt from the
same factories and then overwritten weight by weight. The report asks how
`a = self.actor(states_batch)` can work there; measured, all actor weights get non-None
gradients through `output_gradients`, the critic's change through `train_on_batch`, and the
targets share no variable with the online networks.

Porting edits: `tensorflow.keras` -> `keras`; `tf.multiply(out, self.action_bound_range)` on
the symbolic output -> `out * self.action_bound_range` (Keras 3 symbolic tensors do not take
raw TF ops); `Input(shape=self.state_dim)` -> `shape=(self.state_dim,)`; `for i in
tf.range(...)` in `update_target` -> `range`; gym, the replay deque, plotting and the episode
loop left out; the layer sizes 400/300 shrunk to 32/24; one seeded random batch of 8
transitions stands in for `sample_batch()`.
"""

SOURCE = "https://github.com/Dekki-Aero/DDPG/issues/2"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/okz_dekki_ddpg_actor_update_two_tapes_output_gradients.py:
as returned: Functional, count_params() = 945, 6 weights, unbuilt: none
after call: count_params() = 945, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine18b/m_ddpg.py: DDPG(), train_networks() once on the case's batch, then the two
update_target calls as in train()): params actor 945, critic 969, actor_target 945,
critic_target 969; actor gradients through output_gradients None for 0 of 6; changed by the
step: actor 6/6, critic 6/6 (train_on_batch), actor_target 6/6, critic_target 6/6 (soft update);
the targets share no variable with the online networks."""

import keras
import numpy as np
import tensorflow as tf
from keras import Model
from keras.initializers import RandomUniform as RU
from keras.layers import Dense, Input, concatenate
from keras.optimizers import Adam


class _actor_network():
    def __init__(self, state_dim, action_dim, action_bound_range=1):
        self.state_dim = state_dim
        self.action_dim = action_dim
        self.action_bound_range = action_bound_range

    def model(self):
        state = Input(shape=(self.state_dim,), dtype='float32')
        x = Dense(32, activation='relu', kernel_initializer=RU(-1/np.sqrt(self.state_dim), 1/np.sqrt(self.state_dim)))(
            state)
        x = Dense(24, activation='relu', kernel_initializer=RU(-1/np.sqrt(32), 1/np.sqrt(32)))(x)
        out = Dense(self.action_dim, activation='tanh', kernel_initializer=RU(-0.003, 0.003))(x)
        out = out * self.action_bound_range
        return Model(inputs=state, outputs=out)


class _critic_network():
    def __init__(self, state_dim, action_dim):
        self.state_dim = state_dim
        self.action_dim = action_dim

    def model(self):
        state = Input(shape=(self.state_dim,), name='state_input', dtype='float32')
        state_i = Dense(32, activation='relu', kernel_initializer=RU(-1/np.sqrt(self.state_dim), 1/np.sqrt(self.state_dim)))(state)
        action = Input(shape=(self.action_dim,), name='action_input')
        x = concatenate([state_i, action])
        x = Dense(24, activation='relu', kernel_initializer=RU(-1/np.sqrt(33), 1/np.sqrt(33)))(x)
        out = Dense(1, activation='linear')(x)
        return Model(inputs=[state, action], outputs=out)


class DDPG():
    def __init__(self, state_dim=3, action_bound_range=2):
        self.batch_size = 8
        self.tow = 0.001
        self.gamma = 0.99
        self.act_learning_rate = 0.0001
        self.critic_learning_rate = 0.001
        self.actor_opt = Adam(self.act_learning_rate)
        self.critic_opt = Adam(self.critic_learning_rate)
        action_dim = 1
        self.actor = _actor_network(state_dim, action_dim, action_bound_range).model()
        self.critic = _critic_network(state_dim, action_dim).model()
        self.actor_target = _actor_network(state_dim, action_dim, action_bound_range).model()
        self.actor_target.set_weights(self.actor.get_weights())
        self.critic_target = _critic_network(state_dim, action_dim).model()
        self.critic.compile(loss='mse', optimizer=self.critic_opt)
        self.critic_target.set_weights(self.critic.get_weights())

    def train_networks(self, states_batch, actions_batch, rewards_batch, next_states_batch, done_batch):
        states_batch = tf.convert_to_tensor(states_batch)
        next_states_batch = tf.convert_to_tensor(next_states_batch)
        next_actions = self.actor_target(next_states_batch)

        q_t_pls_1 = self.critic_target([next_states_batch, next_actions])
        y_i = rewards_batch
        for i in range(self.batch_size):
            if not done_batch[i]:
                y_i[i] += q_t_pls_1[i] * self.gamma

        self.critic.train_on_batch([states_batch, actions_batch], y_i)

        with tf.GradientTape() as tape:
            a = self.actor(states_batch)
            tape.watch(a)
            q = self.critic([states_batch, a])
        dq_da = tape.gradient(q, a)

        with tf.GradientTape() as tape:
            a = self.actor(states_batch)
            theta = self.actor.trainable_variables
        da_dtheta = tape.gradient(a, theta, output_gradients=-dq_da)
        self.actor_opt.apply_gradients(zip(da_dtheta, self.actor.trainable_variables))
        return da_dtheta

    def update_target(self, target, online, tow):
        init_weights = online.get_weights()
        update_weights = target.get_weights()
        weights = []
        for i in range(len(init_weights)):
            weights.append(tow * init_weights[i] + (1 - tow) * update_weights[i])
        target.set_weights(weights)
        return target


def sample_batch(seed=0):
    rng = np.random.default_rng(seed)
    states = rng.random((8, 3)).astype("float32")
    actions = rng.uniform(-2, 2, (8, 1)).astype("float32")
    rewards = rng.random((8, 1)).astype("float32")
    next_states = rng.random((8, 3)).astype("float32")
    done = np.zeros((8, 1), dtype=bool)
    return states, actions, rewards, next_states, done


def build_model():
    agent = DDPG()
    return agent.actor
