"""A tf.Module that keeps Keras layers (xlnwel/grl's DQN networks, held-out 40): on Keras 3 its trainable_variables
lists none of their weights. The twin keeps a tf.Variable, which tf.Module finds."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


class QNetwork(tf.Module):
    def __init__(self):
        super().__init__()
        self.blocks = [layers.Dense(8), layers.ReLU()]
        self.out = layers.Dense(2)

    def __call__(self, x):
        for block in self.blocks:
            x = block(x)
        return self.out(x)


class Schedule(tf.Module):
    def __init__(self):
        super().__init__()
        self.step = tf.Variable(0.0)

    def __call__(self, x):
        return x * self.step


def q_network():
    net = QNetwork()
    inputs = np.ones((2, 4), "float32")
    net(inputs)
    return net, inputs


def schedule():
    return Schedule()
