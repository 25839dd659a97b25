"""A DDPG agent that updates its actor with two separate tapes: the first takes dQ/da from the
critic with `tape.watch(a)`, the second differentiates the actor's output with
`tape.gradient(a, theta, output_gradients=-dq_da)`; the critic has its own tape and optimizer,
and target networks are copies updated by `assign`. Correct on Keras 3: every actor and critic
weight gets a gradient from its own update, and the targets move only through the soft update.

Why it looks suspicious: the actor loss never appears as a scalar (the chain rule is split
across two tapes), the critic is called inside the first actor tape but its weights are never
asked for there, the actor is not compiled, and four models share one class's state. The
report asks how `a = self.actor(states_batch)` can work there; measured, all actor weights get
non-None gradients through `output_gradients`, and the critic's through its own tape.

Porting edits: `tf.keras` -> `keras` (tensorflow ops kept); the gym environment and replay
buffer replaced by one seeded random batch of 8 transitions (converted to tensors, as the
buffer's sampler does) (3-dim state, 1-dim action); the
networks shrunk to 32 units; `update_target` written with `assign` over `zip(variables)` as
the repository does with tau 0.005.
"""

SOURCE = "https://github.com/Dekki-Aero/DDPG/issues/2"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/okz_dekki_ddpg_actor_update_two_tapes_output_gradients.py:
as returned: Functional, count_params() = 1217, 6 weights, unbuilt: none
after call: count_params() = 1217, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine18b/m_ddpg.py: DDPG(), learn() once on the case's batch): params actor 1217,
critic 1249, target_actor 1217, target_critic 1249; critic gradients None for 0 of 6, actor
(via output_gradients) None for 0 of 6; changed by one learn(): actor 6/6, critic 6/6,
target_actor 6/6, target_critic 6/6 (soft update); targets share no variable with the online nets."""

import keras
import numpy as np
import tensorflow as tf

STATE_DIM, ACTION_DIM = 3, 1


def make_actor():
    s = keras.Input(shape=(STATE_DIM,))
    h = keras.layers.Dense(32, activation="relu")(s)
    h = keras.layers.Dense(32, activation="relu")(h)
    a = keras.layers.Dense(ACTION_DIM, activation="tanh")(h)
    return keras.Model(s, a)


def make_critic():
    s = keras.Input(shape=(STATE_DIM,))
    a = keras.Input(shape=(ACTION_DIM,))
    h = keras.layers.Concatenate()([s, a])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    q = keras.layers.Dense(1)(h)
    return keras.Model([s, a], q)


class DDPG:
    def __init__(self, gamma=0.99, tau=0.005):
        self.gamma, self.tau = gamma, tau
        self.actor = make_actor()
        self.critic = make_critic()
        self.target_actor = make_actor()
        self.target_critic = make_critic()
        self.target_actor.set_weights(self.actor.get_weights())
        self.target_critic.set_weights(self.critic.get_weights())
        self.actor_opt = keras.optimizers.Adam(1e-3)
        self.critic_opt = keras.optimizers.Adam(2e-3)

    def learn(self, states_batch, actions_batch, rewards_batch, next_states_batch):
        target_actions = self.target_actor(next_states_batch)
        y = rewards_batch + self.gamma * self.target_critic([next_states_batch, target_actions])
        with tf.GradientTape() as tape:
            q = self.critic([states_batch, actions_batch])
            critic_loss = tf.reduce_mean(tf.square(y - q))
        critic_grads = tape.gradient(critic_loss, self.critic.trainable_variables)
        self.critic_opt.apply_gradients(zip(critic_grads, self.critic.trainable_variables))

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

        self.update_target(self.target_actor.variables, self.actor.variables)
        self.update_target(self.target_critic.variables, self.critic.variables)
        return critic_grads, da_dtheta

    def update_target(self, target_weights, weights):
        for (a, b) in zip(target_weights, weights):
            a.assign(b * self.tau + a * (1 - self.tau))


def sample_batch(seed=0):
    rng = np.random.default_rng(seed)
    s = rng.random((8, STATE_DIM)).astype("float32")
    a = rng.uniform(-1, 1, (8, ACTION_DIM)).astype("float32")
    r = rng.random((8, 1)).astype("float32")
    s2 = rng.random((8, STATE_DIM)).astype("float32")
    return tuple(tf.convert_to_tensor(t) for t in (s, a, r, s2))


def build_model():
    agent = DDPG()
    return agent.actor
