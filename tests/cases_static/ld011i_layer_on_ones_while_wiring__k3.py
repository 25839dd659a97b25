# LD011 untracked-container: a layer applied to tf.ones/np.zeros while wiring a functional model
import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD011i", "a learned bias branch computed once from tf.ones / np.zeros at wiring time"
FEATURES = 6


def make_bias_branch():
    inputs = keras.Input((FEATURES,))
    hidden = layers.Dense(4)(inputs)
    bias = layers.Dense(4, use_bias=False)(tf.ones((1, FEATURES)))
    return keras.Model(inputs, layers.Add()([hidden, bias]))  # LD011


def make_zero_prompt():
    inputs = keras.Input((FEATURES,))
    prompt = layers.Dense(FEATURES)(np.zeros((1, FEATURES), "float32"))
    return keras.Model(inputs, ops.add(inputs, prompt))  # LD011


def make_constant_offset():
    """Correct: a constant offset, no layer applied to it."""
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layers.Dense(4)(ops.add(inputs, tf.ones((1, FEATURES)))))
