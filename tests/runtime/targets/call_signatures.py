"""Models whose call() a made-up single input cannot call: several positional tensors
(`call(self, ids, values)`), or a `training` argument with no default. Each has a buggy variant
and a correct twin; test_runtime_call_signatures.py measures Keras first."""

import keras
import numpy as np
import tensorflow as tf


class TwoInputs(keras.Model):
    """call(ids, values), built by the target's own call; its bias is a tf.Variable (LD003)."""

    def __init__(self, foreign_bias=True):
        super().__init__()
        self.table = keras.layers.Embedding(20, 3)
        self.bias = tf.Variable([0.0]) if foreign_bias else self.add_weight(shape=(1,), initializer="zeros")

    def call(self, ids, values):
        return keras.ops.sum(self.table(ids) * values[..., None], axis=(1, 2)) + self.bias


def _ids_and_values():
    rng = np.random.default_rng(0)
    return rng.integers(0, 20, (4, 5)).astype("int32"), rng.random((4, 5)).astype("float32")


def two_inputs_foreign_bias():
    model = TwoInputs(foreign_bias=True)
    model(*_ids_and_values())
    return model


def two_inputs_correct():
    model = TwoInputs(foreign_bias=False)
    model(*_ids_and_values())
    return model


class TrainingRequired(keras.Model):
    """call(x, training) with no default; `per_call` makes a Dense in call() (LD002)."""

    def __init__(self, per_call=True):
        super().__init__()
        self.per_call = per_call
        self.body = keras.layers.Dense(4)
        self.head = None if per_call else keras.layers.Dense(2)

    def call(self, x, training):
        x = self.body(x)
        return keras.layers.Dense(2)(x) if self.per_call else self.head(x)


def training_required_per_call():
    model = TrainingRequired(per_call=True)
    model(np.zeros((2, 3), "float32"), training=False)
    return model


def training_required_correct():
    model = TrainingRequired(per_call=False)
    model(np.zeros((2, 3), "float32"), training=False)
    return model
