# LD010 variable-shadowed: call() ends by storing over a weight a tensor computed from it through locals
import keras
from keras import layers, ops

CASE, TITLE = "LD010w", "a weight rebound in call() to a value computed from it through locals (ES-RNN's level)"
FEATURES = 1
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases2.py): after the first call Smoothing.level is a tensor,
# not the variable, and a second call under a tape gives the level variable a None gradient; AssignedSmoothing
# keeps the variable (level updated with .assign(), its gradient through the first call's output).


class Smoothing(layers.Layer):
    def __init__(self, alpha=0.5, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha

    def build(self, input_shape):
        self.level = self.add_weight(name="init_level", shape=(1,), initializer="ones")

    def call(self, x):
        previous = self.level
        for i in range(3):
            current = self.alpha * x[:, i] + (1 - self.alpha) * previous
            previous = current
        self.level = current  # LD010
        return current


class AssignedSmoothing(layers.Layer):
    """Correct: the state is kept with .assign(); the weight itself stays the attribute."""

    def __init__(self, alpha=0.5, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha

    def build(self, input_shape):
        self.level = self.add_weight(name="init_level", shape=(1,), initializer="ones")
        self.state = self.add_weight(name="state", shape=(1,), initializer="zeros", trainable=False)

    def call(self, x):
        previous = self.level
        for i in range(3):
            current = self.alpha * x[:, i] + (1 - self.alpha) * previous
            previous = current
        self.state.assign(ops.mean(current, keepdims=True))
        return current


def smoothing_model():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Smoothing()(inputs))
