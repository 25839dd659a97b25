# LD001 raw-tensor-state: an array passed to the constructor and used as a weight in call()
import keras
import numpy as np
from keras import ops

CASE, TITLE = "LD001c", "projection matrix passed as a NumPy array to the constructor"


class FixedProjection(keras.layers.Layer):
    def __init__(self, projection, factor, **kwargs):
        super().__init__(**kwargs)
        self.projection = projection  # LD001
        self.factor = factor  # a number: configuration

    def call(self, inputs):
        return ops.matmul(inputs, self.projection) * self.factor


class MaskedInput(keras.layers.Layer):
    """Correct: a mask passed as an array is a constant buffer by design."""

    def __init__(self, mask, **kwargs):
        super().__init__(**kwargs)
        self.mask = mask

    def call(self, inputs):
        return inputs * self.mask


class LearnedProjection(keras.layers.Layer):
    """The correct twin: the array only initialises a variable."""

    def __init__(self, projection, **kwargs):
        super().__init__(**kwargs)
        self.init = projection

    def build(self, input_shape):
        self.projection = self.add_weight(
            shape=self.init.shape, initializer=keras.initializers.Constant(self.init), name="projection"
        )

    def call(self, inputs):
        return ops.matmul(inputs, self.projection)


SHAPE = (4,)


def make():
    rng = np.random.default_rng(0)
    basis = rng.normal(size=(4, 3)).astype("float32")
    return FixedProjection(basis, 2.0)


def make_twins():
    return LearnedProjection(np.random.rand(4, 3).astype("float32")), MaskedInput(np.ones((4,), "float32"))
