"""A2C actor that wraps its mean rescaling in a fresh `Lambda` layer on every `call()`.

Pinokio.RL's TF agents define `Actor(keras.Model)` with its Dense layers in `__init__`, but inside
`call()` they write `mu = Lambda(lambda x: x * self.action_bound)(mu)`: a new layer object is made on
each forward pass. That is the shape of "sublayer created in call()", but a `Lambda` owns no
weights and `action_bound` is a plain Python float, so nothing is lost: every Dense is tracked,
`actor.trainable_variables` holds all of them, all get gradients in `actor_learn`, and no new
variables appear on later calls (the A2C agent trains the actor eagerly with a GradientTape).
"""

SOURCE = "https://github.com/MnSBlog/Pinokio.RL/blob/8dda675c7053c2ecf0cdc3ee1edb7bc8127eb8c8/agents/tf/actorcritic.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okx_a2c_actor_lambda_built_in_call.py:
as returned: Actor, count_params() = 2932, 10 weights, unbuilt: none
after call: count_params() = 2932, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own check (/tmp/mine9c/a2c.py): one A2C.actor_learn step (GradientTape + Adam over actor.trainable_variables) changes 10 of 10 variables; calling the actor inside tf.function twice works and leaves 10 weights."""

import numpy as np
import tensorflow as tf
from keras.models import Model
from keras.layers import Dense, Lambda
from keras.optimizers import Adam


# --- agents/tf/actorcritic.py ---------------------------------------------------------------
class Actor(Model):
    def __init__(self, action_dim, action_bound):
        super(Actor, self).__init__()
        self.action_bound = action_bound
        self.action_dim = action_dim

        self.h1 = Dense(64, activation='relu')
        self.h2 = Dense(32, activation='relu')
        self.h3 = Dense(16, activation='relu')
        self.mu = Dense(self.action_dim, activation='tanh')
        self.std = Dense(self.action_dim, activation='softplus')

    def call(self, state, training=None, mask=None):
        x = self.h1(state)
        x = self.h2(x)
        x = self.h3(x)
        mu = self.mu(x)
        std = self.std(x)

        # scale the mean to [-action_bound, action_bound]
        mu = Lambda(lambda x: x * self.action_bound)(mu)

        return [mu, std]


class Critic(Model):
    def __init__(self):
        super(Critic, self).__init__()

        self.h1 = Dense(64, activation='relu')
        self.h2 = Dense(32, activation='relu')
        self.h3 = Dense(16, activation='relu')
        self.v = Dense(1, activation='linear')

    def call(self, state, training=None, mask=None):
        x = self.h1(state)
        x = self.h2(x)
        x = self.h3(x)
        v = self.v(x)
        return v


# --- agents/tf/util_functions.py + a2c_agent.py (the parts that touch the actor) -------------
def log_pdf(mu, std, action, std_bound=(1e-2, 1.0)):
    std = tf.clip_by_value(std, std_bound[0], std_bound[1])
    var = std ** 2
    log_policy_pdf = -0.5 * (action - mu) ** 2 / var - 0.5 * tf.math.log(var * 2 * np.pi)
    return tf.reduce_sum(log_policy_pdf, 1, keepdims=True)


class A2C:
    def __init__(self, actor, critic, actor_lr=1e-4, critic_lr=1e-3, std_bound=(1e-2, 1.0)):
        self.actor = actor
        self.critic = critic
        self.std_bound = std_bound
        self.actor_opt = Adam(actor_lr)
        self.critic_opt = Adam(critic_lr)

    def actor_learn(self, states, actions, advantages):
        with tf.GradientTape() as tape:
            mu_a, std_a = self.actor(states, training=True)
            log_policy_pdf = log_pdf(mu_a, std_a, actions, std_bound=self.std_bound)
            loss_policy = log_policy_pdf * advantages
            loss = tf.reduce_sum(-loss_policy)
        grads = tape.gradient(loss, self.actor.trainable_variables)
        self.actor_opt.apply_gradients(zip(grads, self.actor.trainable_variables))


def build_model():
    actor = Actor(action_dim=2, action_bound=2.0)
    states = np.random.default_rng(0).random((4, 3)).astype("float32")
    actor(states)
    return actor, states
