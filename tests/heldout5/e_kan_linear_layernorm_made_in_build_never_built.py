"""A Keras 3 `KANLinear` creates its `LayerNormalization` in `build()` but never builds it there: a saved model cannot be reloaded.

The keras_efficient_kan package ports the PyTorch efficient-KAN layer to Keras 3 (`keras.ops`
only, tested on the JAX, TensorFlow and torch backends). `build()` stores the B-spline knot grid
with `add_weight(..., trainable=False)`, adds the base and spline weights, and creates a
`LayerNormalization` (and a `Dropout`) that only `call()` runs. Because the layer overrides
`build()` and defines `compute_output_shape()`, wiring it in a `Sequential` with an `Input` builds
it without tracing `call()`: the norm stays unbuilt, `count_params()` and the summary miss its
weights until the first real call, and `load_model` / `load_weights` (which rebuild through
`build()`) cannot restore the norm's saved weights. The author's "fix serialization issue" commit
adds `self.layer_norm.build(...)` to `build()`. Here (the code before that commit) two KAN layers
regress 6 features to 1.
"""

SOURCE = "https://github.com/remigenet/keras_efficient_kan/commit/8abe93141f67da6e8265e993d55e535a89c28d80"
CODES = ("LD005",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py e_kan_linear_layernorm_made_in_build_never_built.py:
as returned: Sequential, count_params() = 541, 8 weights, unbuilt: ['LayerNormalization:layer_normalization', 'LayerNormalization:layer_normalization_1']
after call: count_params() = 569, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'kan_linear': 416, 'kan_linear_1': 153}
second call: 0 variables watched that the first call did not use
also measured (model called once, then model.save + keras.models.load_model, and save_weights + load_weights into a fresh build_model()): both raised ValueError: A total of 4 objects could not be loaded (KANLinear)"""

import keras
import numpy as np
from keras import backend, initializers, ops
from keras.layers import Dropout, Layer, LayerNormalization


class GridInitializer(initializers.Initializer):
    def __init__(self, grid_range, grid_size, spline_order):
        self.grid_range = grid_range
        self.grid_size = grid_size
        self.spline_order = spline_order

    def __call__(self, shape, dtype=None):
        h = (self.grid_range[1] - self.grid_range[0]) / self.grid_size
        start = -self.spline_order * h + self.grid_range[0]
        stop = (self.grid_size + self.spline_order) * h + self.grid_range[0]
        num = self.grid_size + 2 * self.spline_order + 1
        indices = ops.arange(num, dtype=dtype)
        grid = start + (stop - start) * indices / (num - 1)
        grid = ops.expand_dims(grid, 0)
        return ops.tile(grid, [shape[0], 1])

    def get_config(self):
        return {"grid_range": self.grid_range, "grid_size": self.grid_size, "spline_order": self.spline_order}


class KANLinear(Layer):
    def __init__(self, units, grid_size=3, spline_order=3, base_activation="relu", grid_range=(-1, 1),
                 dropout=0.0, use_bias=True, use_layernorm=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.grid_size = grid_size
        self.spline_order = spline_order
        self.base_activation_name = base_activation
        self.grid_range = grid_range
        self.use_bias = use_bias
        self.use_layernorm = use_layernorm
        self.dropout_rate = dropout

    def build(self, input_shape):
        self.in_features = input_shape[-1]
        dtype = backend.floatx()
        self.grid = self.add_weight(
            name="grid",
            shape=[1, self.in_features, self.grid_size + 2 * self.spline_order + 1],
            initializer=GridInitializer(self.grid_range, self.grid_size, self.spline_order),
            trainable=False,
            dtype=dtype,
        )
        self.base_weight = self.add_weight(name="base_weight", shape=[self.in_features, self.units],
                                           initializer="glorot_uniform", dtype=dtype)
        if self.use_bias:
            self.base_bias = self.add_weight(name="base_bias", shape=[self.units], initializer="zeros", dtype=dtype)
        self.spline_weight = self.add_weight(
            name="spline_weight",
            shape=[self.in_features * (self.grid_size + self.spline_order), self.units],
            initializer="glorot_uniform",
            dtype=dtype,
        )
        if self.use_layernorm:
            self.layer_norm = LayerNormalization(axis=-1)
        self.dropout = Dropout(self.dropout_rate)

    def call(self, x, training=None):
        input_shape = ops.shape(x)
        x = ops.cast(x, self.dtype)
        x_2d = ops.reshape(x, [-1, self.in_features])
        if self.use_layernorm:
            x_2d = self.layer_norm(x_2d)
        base_activation = getattr(ops, self.base_activation_name)
        base_output = ops.matmul(base_activation(x_2d), self.base_weight)
        if self.use_bias:
            base_output = ops.add(base_output, self.base_bias)
        spline_output = ops.matmul(self.b_splines(x_2d), self.spline_weight)
        output_2d = self.dropout(base_output, training=training) + self.dropout(spline_output, training=training)
        new_shape = tuple(input_shape[:-1]) + (self.units,)
        return ops.reshape(output_2d, new_shape)

    def b_splines(self, x):
        x_expanded = ops.expand_dims(x, -1)
        bases = ops.cast((x_expanded >= self.grid[..., :-1]) & (x_expanded < self.grid[..., 1:]), self.dtype)
        for k in range(1, self.spline_order + 1):
            left_denominator = self.grid[..., k:-1] - self.grid[..., : -(k + 1)]
            right_denominator = self.grid[..., k + 1:] - self.grid[..., 1:-k]
            left = (x_expanded - self.grid[..., : -(k + 1)]) / left_denominator
            right = (self.grid[..., k + 1:] - x_expanded) / right_denominator
            bases = left * bases[..., :-1] + right * bases[..., 1:]
        return ops.reshape(bases, [ops.shape(x)[0], -1])

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.units,)


def build_model():
    model = keras.Sequential([keras.Input(shape=(6,)), KANLinear(8, dropout=0.1), KANLinear(1)])
    features = np.random.default_rng(0).uniform(-1, 1, (4, 6)).astype("float32")
    return model, features
