"""A Keras NODE (Neural Oblivious Decision Ensembles) whose `ObliviousDecisionTree` layer gets all its
parameters from module-level helper functions that each return a raw `tf.Variable`.

From xl402/neural-oblivious-decision-ensembles (`node/networks/layer.py` + `node/networks/model.py`).
`build()` assigns `self.feature_selection_logits`, `self.feature_thresholds`, `self.log_temperatures`,
`self.response` (trainable) and `self.binary_lut` (non-trainable) from helpers
`get_feature_selection_logits(...)`, `get_output_response(...)`, ... that wrap an initializer value
in `tf.Variable(...)`. On tf.keras 2 they were tracked; on Keras 3 the trees own no weights: the NODE
model counts only its BatchNormalization, and every tree parameter is outside `trainable_weights`.

Porting edits: `tensorflow_addons.activations.sparsemax` -> `keras.activations.sparsemax` (same
default axis -1); `tensorflow_probability` `distributions.Beta(beta, beta).sample` ->
`tf.random.uniform` (equal in law for the default `threshold_init_beta=1`) and `stats.percentile`
-> `keras.ops.quantile` (q / 100); `tf.keras.backend.arange` -> `tf.range`. The README's usage
(`NODE(...)` called on `Input(shape=10)`) with 2 layers of 3 trees of depth 2, 2 units.
"""

SOURCE = "https://github.com/xl402/neural-oblivious-decision-ensembles/blob/6f6e9e9e735585f1f96e4445cc0cfaa00445078b/node/networks/layer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/ai_xl402node_oblivious_tree_variables_from_helper_functions.py:
build_model() raised ValueError: Exception encountered when calling NODE.call().
warning: Layer 'node' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. [...]
warning: `build()` was called on layer 'node', however the layer does not have a `build()` method implemented [...]
(the ValueError, raised in get_feature_selection_logits: "Argument `initial_value` (Tensor(\"oblivious_decision_tree/stateless_random_uniform:0\", shape=(10, 3, 2))) could not be lifted out of a `tf.function`": the tree is built while Keras traces the subclassed model on the symbolic Input, and a tf.Variable made from a tensor cannot be created there.)
Own probe (/tmp/mine31c/probe_node.py, the same NODE called eagerly on an (8, 10) batch instead of the README's Input): the call works, model.count_params() == 40 (the BatchNormalization only), trainable_weights == [batch_normalization/gamma, batch_normalization/beta]; each ObliviousDecisionTree has 0 weights / 0 params; the tape watched 10 variables of which 8 (the tree logits, thresholds, temperatures and responses) are not in model.weights, so fit would never update them and save_weights drops them."""

import keras
import tensorflow as tf


@tf.function
def sparsemoid(inputs):
    return tf.clip_by_value(0.5 * inputs + 0.5, 0., 1.)


def get_binary_lookup_table(depth):
    # output: binary tensor [depth, 2**depth, 2]
    indices = tf.range(0, 2**depth, 1)
    offsets = 2 ** tf.range(0, depth, 1)
    bin_codes = (tf.reshape(indices, (1, -1)) // tf.reshape(offsets, (-1, 1)) % 2)
    bin_codes = tf.stack([bin_codes, 1 - bin_codes], axis=-1)
    bin_codes = tf.cast(bin_codes, 'float32')
    binary_lut = tf.Variable(initial_value=bin_codes, trainable=False)
    return binary_lut


def get_feature_selection_logits(n_trees, depth, dim):
    initializer = tf.keras.initializers.random_uniform()
    init_shape = (dim, n_trees, depth)
    init_value = initializer(shape=init_shape, dtype='float32')
    return tf.Variable(init_value, trainable=True)


def get_output_response(n_trees, depth, units):
    initializer = tf.keras.initializers.random_uniform()
    init_shape = (n_trees, units, 2**depth)
    init_value = initializer(init_shape, dtype='float32')
    return tf.Variable(initial_value=init_value, trainable=True)


def get_feature_thresholds(n_trees, depth):
    initializer = tf.ones_initializer()
    init_shape = (n_trees, depth)
    init_value = initializer(shape=init_shape, dtype='float32')
    return tf.Variable(init_value, trainable=True)


def get_log_temperatures(n_trees, depth):
    initializer = tf.ones_initializer()
    init_shape = (n_trees, depth)
    init_value = initializer(shape=init_shape, dtype='float32')
    return tf.Variable(initial_value=init_value, trainable=True)


def init_feature_thresholds(features, beta, n_trees, depth):
    percentiles_q = tf.random.uniform([n_trees * depth])  # Beta(beta, beta) with beta=1

    flattened_feature_values = tf.map_fn(tf.keras.backend.flatten, features)
    percentile = keras.ops.quantile(flattened_feature_values, percentiles_q)
    feature_thresholds = tf.reshape(percentile, (n_trees, depth))
    return feature_thresholds


def init_log_temperatures(features, feature_thresholds):
    input_threshold_diff = tf.math.abs(features - feature_thresholds)
    log_temperatures = keras.ops.quantile(input_threshold_diff, 0.5, axis=0)
    return log_temperatures


class ObliviousDecisionTree(tf.keras.layers.Layer):
    def __init__(self,
                 n_trees=3,
                 depth=4,
                 units=1,
                 threshold_init_beta=1.):
        super(ObliviousDecisionTree, self).__init__()
        self.initialized = False
        self.n_trees = n_trees
        self.depth = depth
        self.units = units
        self.threshold_init_beta = threshold_init_beta

    def build(self, input_shape):
        dim = input_shape[-1]
        n_trees, depth, units = self.n_trees, self.depth, self.units
        self.feature_selection_logits = get_feature_selection_logits(n_trees,
                                                                     depth,
                                                                     dim)
        self.feature_thresholds = get_feature_thresholds(n_trees, depth)
        self.log_temperatures = get_log_temperatures(n_trees, depth)
        self.binary_lut = get_binary_lookup_table(depth)
        self.response = get_output_response(n_trees, depth, units)

    def _data_aware_initialization(self, inputs):
        beta, n_trees, depth = self.threshold_init_beta, self.n_trees, self.depth

        feature_values = self._get_feature_values(inputs)
        feature_thresholds = init_feature_thresholds(feature_values, beta, n_trees, depth)
        log_temperatures = init_log_temperatures(feature_values, feature_thresholds)

        self.feature_thresholds.assign(feature_thresholds)
        self.log_temperatures.assign(log_temperatures)

    def _get_feature_values(self, inputs, training=None):
        feature_selectors = keras.activations.sparsemax(self.feature_selection_logits)
        feature_values = tf.einsum('bi,ind->bnd', inputs, feature_selectors)
        return feature_values

    def _get_feature_gates(self, feature_values):
        threshold_logits = (feature_values - self.feature_thresholds)
        threshold_logits = threshold_logits * tf.math.exp(-self.log_temperatures)
        threshold_logits = tf.stack([-threshold_logits, threshold_logits], axis=-1)
        feature_gates = sparsemoid(threshold_logits)
        return feature_gates

    def _get_aggregated_response(self, feature_gates):
        # b: batch, n: number of trees, d: depth of trees, s: 2 (binary channels)
        # c: 2**depth, u: units (response units)
        aggregated_gates = tf.einsum('bnds,dcs->bndc', feature_gates, self.binary_lut)
        aggregated_gates = tf.math.reduce_prod(aggregated_gates, axis=-2)
        aggregated_response = tf.einsum('bnc,nuc->bnu', aggregated_gates, self.response)
        return aggregated_response

    def call(self, inputs, training=None):
        if not self.initialized:
            self._data_aware_initialization(inputs)
            self.initialized = True

        feature_values = self._get_feature_values(inputs)
        feature_gates = self._get_feature_gates(feature_values)
        aggregated_response = self._get_aggregated_response(feature_gates)
        response_averaged_over_trees = tf.reduce_mean(aggregated_response, axis=1)
        return response_averaged_over_trees


ODT = ObliviousDecisionTree


class NODE(tf.keras.Model):
    def __init__(self,
                 units=1,
                 n_layers=1,
                 link=tf.identity,
                 n_trees=3,
                 tree_depth=4,
                 threshold_init_beta=1):

        super(NODE, self).__init__()
        self.units = units
        self.n_layers = n_layers
        self.n_trees = n_trees
        self.tree_depth = tree_depth
        self.units = units
        self.threshold_init_beta = threshold_init_beta

        self.bn = tf.keras.layers.BatchNormalization()
        self.ensemble = [ODT(n_trees=n_trees,
                             depth=tree_depth,
                             units=units,
                             threshold_init_beta=threshold_init_beta)
                         for _ in range(n_layers)]
        self.link = link

    def call(self, inputs, training=None):
        x = self.bn(inputs, training=training)
        for tree in self.ensemble:
            h = tree(x)
            x = tf.concat([x, h], axis=1)
        return self.link(h)


def build_model():
    model = NODE(n_layers=2, n_trees=3, tree_depth=2, units=2,
                 link=tf.keras.activations.softmax)
    x = tf.keras.Input(shape=(10,))
    y = model(x)
    return model
