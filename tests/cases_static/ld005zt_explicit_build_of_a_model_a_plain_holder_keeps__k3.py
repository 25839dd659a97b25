# LD005 unbuilt-sublayer: a plain holder class keeps a model on self and builds it with model.build(shape); one built by a call is fine
import tensorflow as tf

CASE, TITLE = "LD005zt", "self.critic = Critic(...); self.critic.build([...]) in a plain agent class, and a twin that calls it"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s43/probe/ld005zt.py): after ActorCritic(8, 10, 4) the critic has
# count_params() 0, no weights and both Dense unbuilt (rlfd's DDPG, held-out 43, copies such weight lists to its target
# network); after CalledCritic(8, 10, 4), whose first call on zeros builds them, 129 parameters in 4 weights.


class Critic(tf.keras.Model):
    def __init__(self, hidden, **kwargs):
        super().__init__()
        self.hidden = tf.keras.layers.Dense(hidden, activation="relu")
        self.out = tf.keras.layers.Dense(1)

    def call(self, inputs):
        return self.out(self.hidden(tf.concat(inputs, axis=1)))


class ActorCritic:
    def __init__(self, hidden, dimo, dimu):
        self.critic = Critic(hidden)
        self.critic.build([(None, dimo), (None, dimu)])  # LD005
        self.critic_num_weights = len(self.critic.get_weights())


class CalledCritic:
    def __init__(self, hidden, dimo, dimu):
        self.critic = Critic(hidden)
        self.critic.build([(None, dimo), (None, dimu)])
        self.critic([tf.zeros((1, dimo)), tf.zeros((1, dimu))])
        self.critic_num_weights = len(self.critic.get_weights())
