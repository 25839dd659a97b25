"""Targets for tests/runtime/test_runtime_wiring_picks.py: a Lambda closing over an entry picked
from a kernel while wiring, and look-alikes closing over plain constants."""

import keras
import tensorflow as tf
from keras import layers

FEATURES = 5


def picked_entry():
    """The scale is the kernel's first entry as it was at wiring: a constant, not the weight."""
    dense = layers.Dense(4)
    inputs = keras.Input((FEATURES,))
    hidden = dense(inputs)
    scale = tf.gather(tf.reshape(dense.kernel, [-1]), 0)
    return keras.Model(inputs, layers.Lambda(lambda x: x * scale)(hidden))


def constant_equal_to_a_weight():
    """Correct: 0.25 is a setting; that PReLU's alpha starts at 0.25 too is a coincidence of values."""
    inputs = keras.Input((FEATURES,))
    hidden = layers.PReLU(alpha_initializer=keras.initializers.Constant(0.25))(layers.Dense(4)(inputs))
    leak = tf.constant(0.25)
    return keras.Model(inputs, layers.Lambda(lambda x: x * leak)(hidden))


def fractional_constant():
    """Correct: a fractional constant that no weight holds."""
    inputs = keras.Input((FEATURES,))
    hidden = layers.Dense(4)(inputs)
    temperature = tf.constant(0.37)
    return keras.Model(inputs, layers.Lambda(lambda x: x / temperature)(hidden))
