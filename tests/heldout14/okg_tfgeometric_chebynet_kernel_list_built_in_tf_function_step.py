"""ChebyNet graph convolution (tf_geometric): K kernels appended to a list in `build()`, handed to a functional op, and first built inside a `@tf.function` training step trained through `tape.watched_variables()`.

tf_geometric's `ChebyNet(tf.keras.Model)` sets `self.kernels = []` and `self.bias = None` in `__init__`;
`build()` appends one `add_weight("kernel{k}")` per Chebyshev order and adds a bias; `call()` passes the
list to the functional op `chebynet(x, edge_index, edge_weight, k, self.kernels, self.bias, ...)`. The
Cora demo never builds the model beforehand: the first call happens in `forward()` under the demo's
`@tf_utils.function` train step, whose optimizer updates `tape.watched_variables()`, with an L2 term
over the watched variables whose name contains "kernel"; the classifier head `fc` is a module-level
Sequential. Weights in a plain list, read through a helper, first created while a tf.function traces
look like the traps of the catalog; on Keras 3 (unlike a model whose own `call()` is a tf.function) all
of them are tracked, get gradients and are updated.
Ported to Keras 3 + plain TF: `tf_sparse.SparseMatrix` and tf_geometric's Laplacian utilities are
replaced by a dense scaled Laplacian computed in `chebynet_norm_edge` (same role, same cache key); the
op keeps its dense branches; `add_weight("kernel{}".format(k), ...)` passes the name as a keyword
(Keras 3 refuses a positional name); `tf_utils.function` is `tf.function`; a 6-node graph stands in
for Cora.
"""

SOURCE = "https://github.com/CrawlScript/tf_geometric/blob/4539f115bfc1896225fd4c663e34351fc7915cfc/tf_geometric/layers/conv/chebynet.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okg_tfgeometric_chebynet_kernel_list_built_in_tf_function_step.py:
as returned: ChebyNet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: none
after call: count_params() = 256, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine14c/cheby_train.py), the demo's loop: ChebyNet and fc first built inside the @tf.function
train step; the tape watches 6 variables (kernel0..2, bias, Dense kernel/bias), None grads 0; model.weights =
kernel0, kernel1, kernel2, bias (256 params); two further steps changed 6 of 6."""

import numpy as np
import tensorflow as tf
from tensorflow import keras

CACHE_KEY_CHEBYNET_NORMED_EDGE_TEMPLATE = "chebynet_normed_edge_{}"


def compute_cache_key(normalization_type):
    return CACHE_KEY_CHEBYNET_NORMED_EDGE_TEMPLATE.format(normalization_type)


def chebynet_norm_edge(edge_index, num_nodes, edge_weight=None, normalization_type="sym",
                       use_dynamic_lambda_max=False, cache=None):
    if cache is not None:
        cache_key = compute_cache_key(normalization_type)
        cached_data = cache.get(cache_key, None)
        if cached_data is not None:
            return cached_data
    # dense stand-in for remove_self_loop_edge + get_laplacian (sym): L = I - D^-1/2 A D^-1/2
    adj = tf.scatter_nd(tf.transpose(edge_index), edge_weight, [num_nodes, num_nodes])
    deg = tf.reduce_sum(adj, axis=-1)
    d_inv_sqrt = tf.where(deg > 0, tf.math.rsqrt(tf.maximum(deg, 1e-12)), tf.zeros_like(deg))
    laplacian = tf.eye(num_nodes) - d_inv_sqrt[:, None] * adj * d_inv_sqrt[None, :]
    lambda_max = 2.0
    scaled = (2.0 * laplacian) / lambda_max - tf.eye(num_nodes)
    if cache is not None:
        cache[cache_key] = scaled
    return scaled


def chebynet(x, edge_index, edge_weight, k, kernels, bias=None, activation=None, normalization_type="sym",
             use_dynamic_lambda_max=False, cache=None):
    num_nodes = tf.shape(x)[0]
    num_edges = tf.shape(edge_index)[1]
    if edge_weight is None:
        edge_weight = tf.ones([num_edges], dtype=tf.float32)
    normed_adj = chebynet_norm_edge(edge_index, num_nodes, edge_weight, normalization_type,
                                    use_dynamic_lambda_max=use_dynamic_lambda_max, cache=cache)
    T0_x = x
    out = T0_x @ kernels[0]
    if k > 1:
        T1_x = normed_adj @ x
        h = T1_x @ kernels[1]
        out += h
    if k > 2:
        for i in range(2, k):
            T2_x = normed_adj @ T1_x * 2.0 - T0_x
            h = T2_x @ kernels[i]
            out += h
            T0_x, T1_x = T1_x, T2_x
    if bias is not None:
        out += bias
    if activation is not None:
        out = activation(out)
    return out


class ChebyNet(tf.keras.Model):

    def __init__(self, units, k, activation=None, use_bias=True, normalization_type="sym",
                 use_dynamic_lambda_max=False,
                 kernel_regularizer=None, bias_regularizer=None,
                 *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units

        assert k > 0
        assert normalization_type in [None, 'sym', 'rw'], 'Invalid normalization'

        self.k = k

        self.use_bias = use_bias

        self.kernels = []
        self.bias = None

        self.activation = activation
        self.normalization_type = normalization_type
        self.use_dynamic_lambda_max = use_dynamic_lambda_max

        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer

    def build(self, input_shapes):
        x_shape = input_shapes[0]
        num_features = x_shape[-1]

        for k in range(self.k):
            kernel = self.add_weight(name="kernel{}".format(k), shape=[num_features, self.units],
                                     initializer="glorot_uniform", regularizer=self.kernel_regularizer)
            self.kernels.append(kernel)

        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=[self.units],
                                        initializer="zeros", regularizer=self.bias_regularizer)

    def call(self, inputs, cache=None, training=None, mask=None):
        if len(inputs) == 3:
            x, edge_index, edge_weight = inputs
        else:
            x, edge_index = inputs
            edge_weight = None

        return chebynet(x, edge_index, edge_weight, self.k, self.kernels, self.bias, self.activation,
                        self.normalization_type, use_dynamic_lambda_max=self.use_dynamic_lambda_max, cache=cache)


def make_graph():
    rng = np.random.default_rng(0)
    x = rng.random((6, 5)).astype("float32")
    edges = np.array([[0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [3, 2], [3, 4], [4, 3], [4, 5], [5, 4]], dtype="int32").T
    edge_weight = np.ones([edges.shape[1]], dtype="float32")
    y = np.array([0, 1, 2, 0, 1, 2])
    return x, edges, edge_weight, y


def build_model():
    x, edges, edge_weight, _ = make_graph()
    model = ChebyNet(16, k=3, activation=tf.nn.relu)
    return model, [x, edges, edge_weight]
