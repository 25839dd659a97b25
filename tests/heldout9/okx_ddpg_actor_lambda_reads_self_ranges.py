"""DDPG actor (Udacity quadcopter project) whose output Lambda reads `self.action_range`/`self.action_low`.

In RL-Quadcopter-2 the `Actor` is a plain Python holder class whose `build_model()` wires a
functional Keras model and ends with
`layers.Lambda(lambda x: (x * self.action_range) + self.action_low, name="actions")`.
A Lambda whose function reaches into `self.` looks like captured state, but here `self` is the
plain holder and both attributes are fixed NumPy arrays (the action bounds of the environment),
not variables or layers: the model's trainable weights are exactly its four Dense layers and all
of them get gradients. The original `optimizer.get_updates`/`K.function` training op does not
exist in Keras 3 and is ported to the GradientTape step a Keras 3 user would write.
"""

SOURCE = "https://github.com/lpicanco/RL-Quadcopter-2/blob/64089ad0b5442853e5822bde2dcb75874c736046/agents/actor.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okx_ddpg_actor_lambda_reads_self_ranges.py:
as returned: Functional, count_params() = 4740, 8 weights, unbuilt: none
after call: count_params() = 4740, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from keras import layers, models, optimizers


class Actor:
    def __init__(self, state_size, action_size, action_low, action_high, learning_rate=0.001):
        self.state_size = state_size
        self.action_size = action_size
        self.action_low = action_low
        self.action_high = action_high
        self.action_range = action_high - action_low
        self.learning_rate = learning_rate

        self.build_model()

    def build_model(self):
        states = layers.Input(shape=(self.state_size,), name="states")

        net = layers.Dense(units=32, activation="relu")(states)
        net = layers.Dense(units=64, activation="relu")(net)
        net = layers.Dense(units=32, activation="relu")(net)

        raw_actions = layers.Dense(units=self.action_size, activation="sigmoid", name="raw_action")(net)
        actions = layers.Lambda(lambda x: (x * self.action_range) + self.action_low, name="actions")(raw_actions)

        self.model = models.Model(inputs=states, outputs=actions)

        self.optimizer = optimizers.Adam(learning_rate=self.learning_rate)

    # Keras 3 port of: loss = K.mean(-action_gradients * actions); get_updates(...); K.function(...)
    def train_fn(self, states, action_gradients):
        with tf.GradientTape() as tape:
            actions = self.model(states, training=True)
            loss = tf.reduce_mean(-action_gradients * actions)
        grads = tape.gradient(loss, self.model.trainable_weights)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_weights))
        return loss


def build_model():
    actor = Actor(state_size=12, action_size=4,
                  action_low=np.array([0.0, 0.0, 0.0, 0.0], dtype="float32"),
                  action_high=np.array([900.0, 900.0, 900.0, 900.0], dtype="float32"))
    return actor.model
