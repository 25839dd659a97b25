# LD001 raw-tensor-state, a near miss: integer draws stored in __init__ (`self.seed = np.random.randint(1, 10e6)`,
# a permutation of the units) are seeds and indices, never weights (tests/heldout31, keras-complex's
# ComplexDense: a correct layer whose initializers draw from RandomState(self.seed)). No finding. Measured on
# Keras 3.15.1 + TF 2.21 (/tmp/p34/probe3.py): the layer has its 1 weight and trains it.
import keras
import numpy as np


class SeededDense(keras.layers.Layer):
    def __init__(self, units, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        if seed is None:
            self.seed = np.random.randint(1, 10e6)
        else:
            self.seed = seed
        self.order = np.random.permutation(units)

    def build(self, input_shape):
        draw = np.random.RandomState(self.seed).uniform(-0.1, 0.1, (input_shape[-1], self.units))
        self.kernel = self.add_weight(shape=draw.shape, initializer=keras.initializers.Constant(draw), name="kernel")

    def call(self, x):
        return keras.ops.take(x @ self.kernel, self.order, axis=-1)


def build_model():
    inputs = keras.Input((3,))
    model = keras.Model(inputs, SeededDense(4)(inputs))
    model(np.ones((1, 3), "float32"))
    return model
