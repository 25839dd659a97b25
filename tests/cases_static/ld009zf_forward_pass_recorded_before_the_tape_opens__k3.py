# LD009 no-gradient: a training loop that calls the model and keeps its outputs before `with tf.GradientTape()` opens,
# then makes the loss from those kept tensors inside the tape: the tape recorded no op that reads a weight
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix18b/m_zf.py: each function run once on random data with SGD): the three
# buggy loops get None for every gradient (reinforce_update: 4 of 4, ValueTrainer.fit_batch: 4 of 4, critic_step:
# 4 of 4) and apply_gradients raises ValueError "No gradients provided for any variable". The twins get gradients for
# every weight: episode_tape_around_the_loop (the tape opened before the episode, as keras-io's example),
# reuse_persistent_tape (the outputs recorded by the same persistent tape, re-entered for the loss),
# action_gradient_of_watched_outputs (gradient with respect to the kept outputs, watched: 1 of 1 not None),
# forward_inside_the_block.
import keras
import numpy as np
import tensorflow as tf
from tensorflow import GradientTape as Tape

CASE, TITLE = "LD009zf", "the model called before the GradientTape opens: the loss reaches no weight"


def make_policy():
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(8, activation="relu")(inputs)
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(hidden))


def reinforce_update(policy, optimizer, states, actions, rewards):
    log_probs = []
    for state, action in zip(states, actions):
        probs = policy(state[None, :])
        log_probs.append(tf.math.log(probs[0, action]))
    with tf.GradientTape() as g:  # LD009
        loss = -tf.reduce_sum(tf.stack(log_probs) * rewards)
    grads = g.gradient(loss, policy.trainable_weights)
    optimizer.apply_gradients(zip(grads, policy.trainable_weights))
    return grads


class ValueTrainer:
    def __init__(self, net, optimizer):
        self.net = net
        self.optimizer = optimizer

    def fit_batch(self, x, y):
        predicted = self.net(x, training=True)
        with tf.GradientTape() as tape:  # LD009
            loss = tf.reduce_mean(keras.losses.mean_squared_error(y, predicted))
        grads = tape.gradient(loss, self.net.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.net.trainable_variables))
        return grads


def critic_step(critic, optimizer, states, targets):
    huber = keras.losses.Huber()
    values = critic(states)
    params = critic.trainable_variables
    with Tape() as value_tape:  # LD009
        loss = huber(targets, values)
    grads = value_tape.gradient(loss, params)
    optimizer.apply_gradients(zip(grads, params))
    return grads


def episode_tape_around_the_loop(policy, optimizer, states, actions, rewards):
    log_probs = []
    with tf.GradientTape() as g:
        for state, action in zip(states, actions):
            probs = policy(state[None, :])
            log_probs.append(tf.math.log(probs[0, action]))
        loss = -tf.reduce_sum(tf.stack(log_probs) * rewards)
    grads = g.gradient(loss, policy.trainable_weights)
    optimizer.apply_gradients(zip(grads, policy.trainable_weights))
    return grads


def reuse_persistent_tape(critic, optimizer, states, targets):
    huber = keras.losses.Huber()
    with tf.GradientTape(persistent=True) as tape:
        values = critic(states)
    with tape:
        loss = huber(targets, values)
    grads = tape.gradient(loss, critic.trainable_variables)
    optimizer.apply_gradients(zip(grads, critic.trainable_variables))
    del tape
    return grads


def action_gradient_of_watched_outputs(actor, states):
    actions = actor(states)
    with tf.GradientTape() as tape:
        tape.watch(actions)
        q = tf.reduce_sum(actions ** 2)
    return tape.gradient(q, [actions])


def forward_inside_the_block(critic, optimizer, states, targets):
    huber = keras.losses.Huber()
    with tf.GradientTape() as tape:
        values = critic(states)
        loss = huber(targets, values)
    grads = tape.gradient(loss, critic.trainable_variables)
    optimizer.apply_gradients(zip(grads, critic.trainable_variables))
    return grads


def sample_batch(seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((5, 4)).astype("float32"), rng.integers(0, 2, 5), rng.random(5).astype("float32")
