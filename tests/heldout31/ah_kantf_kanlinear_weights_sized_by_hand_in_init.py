"""A TensorFlow port of the Kolmogorov-Arnold Network layer (`KANLinear`, after the torch
`KANLinear(in_features, out_features)`) that keeps the torch constructor: the input width is passed by
hand and `base_weight`, `spline_weight` and the spline `grid` are all made with `add_weight` in
`__init__`.

From Mattral/Kolmogorov-Arnold-Networks (`KAN_from_Scratch/KANtf.py`). The weights' input dimension
never comes from the data: a `KANLinear` works only if the caller repeats the right `in_features`, and
the `KAN` Sequential helper forwards the hand-written sizes to every layer. Fed a tensor of another
width the layer does not adapt; it fails in the first matmul, far from the constructor. In torch the
input size is a required argument; in Keras it belongs in `build(input_shape)`.

Porting edits: `tensorflow.keras.*` -> `keras.*` (ops stay `tf.*`); `get_activations` (a predict
helper) dropped; `build_model()` builds the author's `KAN` Sequential with two layers
(4 -> 3 -> 1, grid_size 5, spline_order 3) on a 4-feature input.
"""

SOURCE = "https://github.com/Mattral/Kolmogorov-Arnold-Networks/blob/48aec37e3b861547671862498b56eaee3048b37a/KAN_from_Scratch/KANtf.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/ah_kantf_kanlinear_weights_sized_by_hand_in_init.py:
as returned: KAN, count_params() = 145, 6 weights, unbuilt: none
after call: count_params() = 145, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'kan_linear': 113, 'kan_linear_1': 32}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine31b/probe_kan.py): the weights exist before any call with shapes fixed by the
hand-given in_features (base_weight (4, 3), spline_weight (4, 3, 8), grid (5,)); the model works on a
(2, 4) batch; a KANLinear(in_features=4, out_features=3) called on a 6-feature input raises
InvalidArgumentError in KANLinear.call() (matmul of (2, 6) by the (4, 3) base_weight)."""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Layer
from keras.regularizers import l2


class KANLinear(Layer):
    def __init__(
        self,
        in_features,
        out_features,
        grid_size=5,
        spline_order=3,
        activation="silu",
        regularization_factor=0.01,
        grid_range=(-1, 1),
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.in_features = in_features
        self.out_features = out_features
        self.grid_size = grid_size
        self.spline_order = spline_order
        self.activation_func = getattr(tf.nn, activation)
        self.regularizer = l2(regularization_factor)
        self.grid_range = grid_range

        # Initialize weights
        # Number of B-spline basis functions: grid_size + spline_order when using extended grid
        num_basis_functions = grid_size + spline_order
        self.base_weight = self.add_weight(
            name="base_weight",
            shape=(in_features, out_features),
            initializer="glorot_uniform",
            regularizer=self.regularizer,
            trainable=True,
        )
        self.spline_weight = self.add_weight(
            name="spline_weight",
            shape=(in_features, out_features, num_basis_functions),
            initializer="glorot_uniform",
            regularizer=self.regularizer,
            trainable=True,
        )

        self.build_grid()

    def build_grid(self):
        # Initialize a one-dimensional grid of points
        initial_grid = np.linspace(
            self.grid_range[0], self.grid_range[1], self.grid_size
        ).astype(np.float32)
        self.grid = self.add_weight(
            name="grid",
            shape=(self.grid_size,),
            initializer=keras.initializers.Constant(initial_grid),
            trainable=True,
        )

    def call(self, inputs):
        base_output = tf.matmul(inputs, self.base_weight)
        spline_output = self.compute_spline_output(inputs)
        return self.activation_func(base_output + spline_output)

    def compute_spline_output(self, inputs):
        batch_size = tf.shape(inputs)[0]
        spline_output = tf.zeros([batch_size, self.out_features], dtype=tf.float32)
        for i in range(self.in_features):
            x_i = inputs[:, i:i + 1]  # (batch_size, 1)
            b_spline_basis = B_batch_tf(
                x_i, self.grid, k=self.spline_order, extend=True
            )
            num_basis = tf.shape(b_spline_basis)[1]
            weights_i = self.spline_weight[
                i, :, :num_basis
            ]  # (out_features, num_basis)
            contribution = tf.matmul(
                b_spline_basis, tf.transpose(weights_i)
            )  # (batch_size, out_features)
            spline_output += contribution
        return spline_output


def extend_grid_tf(grid, k):
    left = tf.fill([k], 2 * grid[0] - grid[k])  # symmetric extension at the start
    right = tf.fill([k], 2 * grid[-1] - grid[-k - 1])  # symmetric extension at the end
    return tf.concat([left, grid, right], axis=0)


def B_batch_tf(x, grid, k=3, extend=True):
    if len(grid.shape) != 1:
        raise ValueError(f"Grid must be 1D, got shape {grid.shape}")
    if extend:
        grid = extend_grid_tf(grid, k)
    x = tf.clip_by_value(x, grid[0], grid[-1] - 1e-10)
    grid_len = tf.shape(grid)[0]
    num_basis = grid_len - 1
    grid_left = grid[:num_basis]
    grid_right = grid[1:grid_len]
    basis = tf.cast(
        tf.logical_and(
            x >= tf.reshape(grid_left, [1, -1]), x < tf.reshape(grid_right, [1, -1])
        ),
        tf.float32,
    )
    for p in range(1, k):
        num_basis_new = grid_len - 1 - p
        grid_left_p = grid[:num_basis_new]
        grid_left_p_plus_p = grid[p:p + num_basis_new]
        grid_right = grid[1:num_basis_new + 1]
        grid_right_p_plus_1 = grid[p + 1:p + num_basis_new + 1]
        denom_left = grid_left_p_plus_p - grid_left_p
        denom_right = grid_right_p_plus_1 - grid_right
        denom_left = tf.where(denom_left == 0, tf.ones_like(denom_left), denom_left)
        denom_right = tf.where(denom_right == 0, tf.ones_like(denom_right), denom_right)
        left_weight = (x - tf.reshape(grid_left_p, [1, -1])) / tf.reshape(
            denom_left, [1, -1]
        )
        right_weight = (tf.reshape(grid_right_p_plus_1, [1, -1]) - x) / tf.reshape(
            denom_right, [1, -1]
        )
        basis = (
            left_weight * basis[:, :num_basis_new]
            + right_weight * basis[:, 1:num_basis_new + 1]
        )
    return basis


class KAN(keras.models.Sequential):
    def __init__(self, layers_configurations, **kwargs):
        super().__init__()
        for layer_config in layers_configurations:
            self.add(KANLinear(**layer_config, **kwargs))


def build_model():
    model = KAN([
        {"in_features": 4, "out_features": 3},
        {"in_features": 3, "out_features": 1},
    ])
    model.build((None, 4))
    return model
