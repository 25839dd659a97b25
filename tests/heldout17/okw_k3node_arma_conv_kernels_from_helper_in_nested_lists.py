"""k3-node (a Keras 3 port of spektral's graph layers, January 2024): `ARMAConv.build()` fills
`self.kernels`, a list of lists of `(kernel_1, kernel_2, bias)` tuples, by calling a helper
`create_weights()` that returns the three variables instead of assigning them to attributes; `call()`
reaches them through another helper, `gcs()`, which unpacks `self.kernels[stack][itr]` and, with
`share_weights=True`, reuses the second iteration's tuple for every later iteration. The `Dropout`
sublayer is created in `build()` and only called inside the helper. Weights in nested lists of tuples,
made and read through helpers, look untracked; they are not: `add_weight` registers each variable on
the layer whatever container the return value ends up in, and every one gets a gradient.

The base class `Conv` also wraps the bound `call` in a decorator at construction time
(`self.call = check_dtypes_decorator(self.call)`) and sets layer settings with `setattr` from a
filtered `**kwargs`.

Porting edits: `Conv`, `check_dtypes`, `modal_dot`/`dot` and the keyword helpers inlined from
`k3_node/layers/conv/conv.py`, `k3_node/ops/matmul.py` and `k3_node/utils/keras.py` (trimmed to what
ARMAConv uses); sizes made small (5 nodes, 3 features, 4 channels, order 2, 3 iterations, shared
weights). `build_model()` wires the layer into a single-mode functional model (`x`: nodes x features,
`a`: the dense adjacency, normalised by hand instead of `ARMAConv.preprocess`).
"""

SOURCE = "https://github.com/anas-rz/k3-node/blob/a8131fe77af27e9e422ac81332baf57998c970a5/k3_node/layers/conv/arma_conv.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/okw_k3node_arma_conv_kernels_from_helper_in_nested_lists.py:
as returned: Functional, count_params() = 120, 12 weights, unbuilt: none
after call: count_params() = 120, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'arma_conv': 120}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17a/t_arma.py): self.kernels is [[3-tuple, 3-tuple], [3-tuple, 3-tuple]] (the third iteration
reuses the second's tuple); every variable in the nested tuples is in layer.trainable_weights (12); one fit step
(SGD 0.1, mse) changes 12 of 12 trainable weights."""

import warnings
from functools import wraps

import keras
import numpy as np
from keras import activations, backend, constraints, initializers, ops, regularizers
from keras.layers import Dropout, Layer

N_NODES = 5
N_FEATURES = 3

LAYER_KWARGS = {"activation", "use_bias"}
KERAS_KWARGS = {"trainable", "name", "dtype", "dynamic", "input_dim", "input_shape",
                "batch_input_shape", "batch_size", "weights", "activity_regularizer",
                "autocast", "implementation"}


def is_layer_kwarg(key):
    return key not in KERAS_KWARGS and (
        key.endswith("_initializer")
        or key.endswith("_regularizer")
        or key.endswith("_constraint")
        or key in LAYER_KWARGS
    )


def is_keras_kwarg(key):
    return key in KERAS_KWARGS


def deserialize_kwarg(key, attr):
    if key.endswith("_initializer"):
        return initializers.get(attr)
    if key.endswith("_regularizer"):
        return regularizers.get(attr)
    if key.endswith("_constraint"):
        return constraints.get(attr)
    if key == "activation":
        return activations.get(attr)
    return attr


def dot(a, b):
    return ops.matmul(a, b)


def modal_dot(a, b, transpose_a=False, transpose_b=False):
    a_ndim = len(ops.shape(a))
    b_ndim = len(ops.shape(b))
    if a_ndim == b_ndim:
        return dot(a, b)
    return ops.matmul(a, b)


class Conv(Layer):
    def __init__(self, **kwargs):
        super().__init__(**{k: v for k, v in kwargs.items() if is_keras_kwarg(k)})
        self.supports_masking = True
        self.kwargs_keys = []
        for key in kwargs:
            if is_layer_kwarg(key):
                attr = kwargs[key]
                attr = deserialize_kwarg(key, attr)
                self.kwargs_keys.append(key)
                setattr(self, key, attr)
        self.call = check_dtypes_decorator(self.call)

    def build(self, input_shape):
        self.built = True

    def call(self, inputs):
        raise NotImplementedError


def check_dtypes_decorator(call):
    @wraps(call)
    def _inner_check_dtypes(inputs, **kwargs):
        inputs = check_dtypes(inputs)
        return call(inputs, **kwargs)

    return _inner_check_dtypes


def check_dtypes(inputs):
    for value in inputs:
        if not hasattr(value, "dtype"):
            return inputs
    if len(inputs) == 2:
        x, a = inputs
        e = None
    elif len(inputs) == 3:
        x, a, e = inputs
    else:
        return inputs
    if backend.is_int_dtype(a.dtype) and backend.is_float_dtype(x.dtype):
        warnings.warn("adjacency cast to the node-feature dtype")
        a = ops.cast(a, x.dtype)
    return [_ for _ in [x, a, e] if _ is not None]


class ARMAConv(Conv):
    def __init__(
        self,
        channels,
        order=1,
        iterations=1,
        share_weights=False,
        gcn_activation="relu",
        dropout_rate=0.0,
        activation=None,
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )
        self.channels = channels
        self.iterations = iterations
        self.order = order
        self.share_weights = share_weights
        self.gcn_activation = activations.get(gcn_activation)
        self.dropout_rate = dropout_rate

    def build(self, input_shape):
        assert len(input_shape) >= 2
        F = input_shape[0][-1]

        # Create weights for parallel stacks
        # self.kernels[k][i] refers to the k-th stack, i-th iteration
        self.kernels = []
        for k in range(self.order):
            kernel_stack = []
            current_shape = F
            for i in range(self.iterations):
                kernel_stack.append(
                    self.create_weights(
                        current_shape, F, self.channels, "ARMA_GCS_{}{}".format(k, i)
                    )
                )
                current_shape = self.channels
                if self.share_weights and i == 1:
                    # No need to continue because all weights will be shared
                    break
            self.kernels.append(kernel_stack)

        self.dropout = Dropout(self.dropout_rate, dtype=self.dtype)
        self.built = True

    def call(self, inputs, mask=None):
        x, a = inputs

        output = []
        for k in range(self.order):
            output_k = x
            for i in range(self.iterations):
                output_k = self.gcs([output_k, x, a], k, i)
            output.append(output_k)
        output = ops.stack(output, axis=-1)
        output = ops.mean(output, axis=-1)

        if mask[0] is not None:
            output *= mask[0]
        output = self.activation(output)

        return output

    def create_weights(self, input_dim, input_dim_skip, channels, name):
        kernel_1 = self.add_weight(
            shape=(input_dim, channels),
            name=name + "_kernel_1",
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        kernel_2 = self.add_weight(
            shape=(input_dim_skip, channels),
            name=name + "_kernel_2",
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        bias = None
        if self.use_bias:
            bias = self.add_weight(
                shape=(channels,),
                name=name + "_bias",
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        return kernel_1, kernel_2, bias

    def gcs(self, inputs, stack, iteration):
        x, x_skip, a = inputs

        itr = 1 if self.share_weights and iteration >= 1 else iteration
        kernel_1, kernel_2, bias = self.kernels[stack][itr]

        output = ops.dot(x, kernel_1)
        output = modal_dot(a, output)

        skip = ops.dot(x_skip, kernel_2)
        skip = self.dropout(skip)
        output += skip

        if self.use_bias:
            output = ops.add(output, bias)
        output = self.gcn_activation(output)

        return output


def sample_inputs():
    rng = np.random.default_rng(0)
    x = rng.random((N_NODES, N_FEATURES)).astype("float32")
    adj = (rng.random((N_NODES, N_NODES)) > 0.5).astype("float32")
    adj = np.maximum(adj, adj.T) + np.eye(N_NODES, dtype="float32")
    deg = adj.sum(1)
    a = (adj / np.sqrt(np.outer(deg, deg))).astype("float32")
    return [x, a]


def build_model():
    x_in = keras.Input(shape=(N_FEATURES,), name="x")
    a_in = keras.Input(shape=(N_NODES,), name="a")
    out = ARMAConv(4, order=2, iterations=3, share_weights=True, dropout_rate=0.1)([x_in, a_in])
    return keras.Model([x_in, a_in], out), sample_inputs()
