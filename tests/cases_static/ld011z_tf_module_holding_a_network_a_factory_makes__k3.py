# LD011 untracked-container: tf.Module holders whose Keras network a function of the file makes (rl-lunarlander's
# first DDPG, `self.actor_net = mlp(...)`, trained through `ac.pi.trainable_variables`, held-out 42); the author's
# fix makes the holders keras.Model, and a holder of what a function makes that is no layer stays clean
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s42/probe/probe_ld011z.py): ActorCritic().pi.trainable_variables and
# .q.trainable_variables are empty while pi.net and q.net hold 4 weights each; FixedActor (a keras.Model holding the
# same network) lists its 4; Schedule.trainable_variables is empty and it holds no layer.
import tensorflow as tf


def mlp(sizes):
    inputs = tf.keras.Input(shape=(sizes[0],))
    x = tf.keras.layers.Dense(sizes[1], activation="tanh")(inputs)
    outputs = tf.keras.layers.Dense(sizes[-1])(x)
    return tf.keras.Model(inputs=inputs, outputs=outputs)


def linear_decay(start, steps):
    return [start * (1 - i / steps) for i in range(steps)]


class Actor(tf.Module):
    def __init__(self, obs_dim, act_dim):
        super().__init__()
        self.net = mlp([obs_dim, 16, act_dim])  # LD011

    def __call__(self, obs):
        return self.net(obs)


class Critic(tf.Module):
    def __init__(self, obs_dim):
        super().__init__()
        self.net = mlp([obs_dim, 16, 1])  # LD011

    def __call__(self, obs):
        return self.net(obs)


class ActorCritic(tf.Module):
    def __init__(self, obs_dim=3, act_dim=2):
        super().__init__()
        self.pi = Actor(obs_dim, act_dim)
        self.q = Critic(obs_dim)


class Schedule(tf.Module):
    def __init__(self):
        super().__init__()
        self.rates = linear_decay(0.1, 10)


class FixedActor(tf.keras.Model):
    def __init__(self, obs_dim=3, act_dim=2):
        super().__init__()
        self.net = mlp([obs_dim, 16, act_dim])

    def call(self, obs):
        return self.net(obs)


def actor_step(ac, optimizer, obs):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(ac.pi(obs) ** 2)
    grads = tape.gradient(loss, ac.pi.trainable_variables)
    optimizer.apply_gradients(zip(grads, ac.pi.trainable_variables))
