"""Correct: a Sequential of custom KAN-style layers built with `model.build(input_shape=(None, 10))`.

The tfkan README builds `Sequential([DenseKAN(4), DenseKAN(1)])` with `model.build` and shows the
parameter counts in `summary()`. Each layer creates its weights in its own `build()`, which
Sequential.build runs layer by layer: an explicit build that leaves nothing unbuilt.
"""

SOURCE = "https://github.com/ZPZhou-lab/tfkan"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_kan_sequential_model_build.py:
as returned: Sequential, count_params() = 264, 4 weights, unbuilt: none
after call: count_params() = 264, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_kan': 240, 'dense_kan_1': 24}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class DenseKAN(keras.layers.Layer):
    """Each input-output edge is a learned combination of fixed radial basis functions."""

    def __init__(self, units, grid_size=5, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.grid_size = grid_size

    def build(self, input_shape):
        in_dim = input_shape[-1]
        self.grid = ops.linspace(-1.0, 1.0, self.grid_size)
        self.spline_kernel = self.add_weight(shape=(in_dim * self.grid_size, self.units),
                                             name="spline_kernel")
        self.base_kernel = self.add_weight(shape=(in_dim, self.units), name="base_kernel")

    def call(self, inputs):
        basis = ops.exp(-ops.square(ops.expand_dims(inputs, -1) - self.grid) * 4.0)
        basis = ops.reshape(basis, (-1, inputs.shape[-1] * self.grid_size))
        return ops.matmul(basis, self.spline_kernel) + ops.matmul(ops.silu(inputs), self.base_kernel)


def build_model():
    model = keras.Sequential([DenseKAN(4), DenseKAN(1)])
    model.build(input_shape=(None, 10))
    return model
