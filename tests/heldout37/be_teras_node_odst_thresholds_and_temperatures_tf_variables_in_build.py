"""NODE's `ObliviousDecisionTree` layer makes its split thresholds, log-temperatures and bin codes as `tf.Variable`s in `build()`: Keras 3 tracks only the two `add_weight` tensors.

From KhawajaAbaid/teras (`teras/layers/node/odst.py`, the tf.keras-era Neural Oblivious Decision Ensembles layer
of a tabular-models library). `build()` makes `response` and `feature_selection_logits` with `add_weight`, but
`feature_thresholds` and `log_temperatures` with `tf.Variable(initial_value=zeros(...))` (trainable by default:
they are learned split points and temperatures in the paper) and the constant `bin_codes_1hot` with
`tf.Variable(..., trainable=False)`. On the first `call()` a data-aware initialisation writes percentiles of the
data into the thresholds and temperatures with `.assign()`, then every call uses them. On Keras 3 the three
`tf.Variable`s are not tracked (LD003): the layer counts only `response` and the selection logits, `fit()` never
trains the thresholds/temperatures, and saving drops them (a reloaded model would use zero thresholds).

Porting edits (only what Keras 3 / the environment needs; the class body is as written otherwise):
`tensorflow_addons.activations.sparsemax` and `tensorflow_probability` are not installed, so a small `sparsemax`
(Martins & Astudillo), a Beta sampler from two gammas and a nearest-rank `_percentile` stand in for
`tfa.activations.sparsemax`, `tfp.distributions.Beta(...).sample` and `tfp.stats.percentile`; `sparsemoid` is
teras.utils' one-liner; `keras.backend.arange`/`tf.keras.backend.flatten` (gone in Keras 3) became
`tf.range`/`tf.reshape(t, [-1])`. `build_model()` returns `ObliviousDecisionTree(num_trees=4, depth=3)` with a
(64, 5) float batch (the layer warns that data-aware initialisation wants 1000 rows).
"""

SOURCE = "https://github.com/KhawajaAbaid/teras/blob/1ece1126d787a6c6e2977868f944db98e179d46e/teras/layers/node/odst.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py be_teras_node_odst_thresholds_and_temperatures_tf_variables_in_build.py:
as returned: ObliviousDecisionTree, count_params() raised ValueError, 0 weights, unbuilt: none
after call: count_params() = 92, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['oblivious_decision_tree/Variable:0', 'oblivious_decision_tree/Variable:0']
second call: 0 variables watched that the first call did not use
(92 = response 4*1*8 + selection logits 5*4*3; the 4x3 thresholds and 4x3 log-temperatures are the two untracked
watched variables; the (3, 8, 2) bin_codes_1hot is untracked too, non-trainable so not watched. The layer's own
UserWarning about data-aware initialisation on < 1000 rows and AutoGraph notices for tf.map_fn were printed.)"""

from warnings import warn

import numpy as np
import tensorflow as tf
from tensorflow import keras


def sparsemoid(inputs):
    return tf.clip_by_value(0.5 * inputs + 0.5, 0., 1.)


def sparsemax(logits, axis=-1):
    # stand-in for tfa.activations.sparsemax
    z = tf.experimental.numpy.moveaxis(logits, axis, -1)
    z_sorted = tf.sort(z, axis=-1, direction="DESCENDING")
    k = tf.cast(tf.range(1, tf.shape(z)[-1] + 1), z.dtype)
    z_cumsum = tf.cumsum(z_sorted, axis=-1)
    support = tf.cast(1 + k * z_sorted > z_cumsum, z.dtype)
    k_z = tf.reduce_sum(support, axis=-1, keepdims=True)
    tau = (tf.reduce_sum(support * z_sorted, axis=-1, keepdims=True) - 1) / k_z
    out = tf.maximum(z - tau, 0.)
    return tf.experimental.numpy.moveaxis(out, -1, axis)


def _beta_sample(a, b, n):
    # stand-in for tfp.distributions.Beta(a, b).sample([n])
    x = tf.random.gamma([n], a)
    y = tf.random.gamma([n], b)
    return x / (x + y)


def _percentile(x, q, axis=None):
    # stand-in for tfp.stats.percentile (nearest rank)
    if axis is None:
        x = tf.reshape(x, [-1])
        axis = 0
    x = tf.sort(x, axis=axis)
    n = tf.cast(tf.shape(x)[axis], tf.float32)
    idx = tf.cast(tf.round(tf.convert_to_tensor(q, tf.float32) / 100. * (n - 1)), tf.int32)
    return tf.gather(x, idx, axis=axis)


class ObliviousDecisionTree(keras.layers.Layer):
    def __init__(self,
                 num_trees: int = 128,
                 depth: int = 6,
                 tree_dim: int = 1,
                 choice_function=None,
                 bin_function=None,
                 response_initializer="random_normal",
                 selection_logits_intializer="random_uniform",
                 threshold_init_beta: float = 1.0,
                 threshold_init_cutoff: float = 1.0,
                 **kwargs):
        super().__init__(**kwargs)
        self.num_trees = num_trees
        self.depth = depth
        self.tree_dim = tree_dim
        self.choice_function = sparsemax if choice_function is None else choice_function
        self.bin_function = sparsemoid if bin_function is None else bin_function
        self.response_initializer = response_initializer
        self.selection_logits_initializer = selection_logits_intializer
        self.threshold_init_beta = threshold_init_beta
        self.threshold_init_cutoff = threshold_init_cutoff
        self.initialized = False

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.response = self.add_weight(initializer=self.response_initializer,
                                        shape=(self.num_trees, self.tree_dim, 2 ** self.depth))
        self.feature_selection_logits = self.add_weight(initializer=self.selection_logits_initializer,
                                                        shape=(input_dim, self.num_trees, self.depth))
        self.feature_thresholds = tf.Variable(initial_value=keras.initializers.zeros()(
                                                  shape=(self.num_trees, self.depth),
                                                  dtype="float32"),
                                              shape=[self.num_trees, self.depth])

        self.log_temperatures = tf.Variable(initial_value=keras.initializers.zeros()(
                                                shape=(self.num_trees, self.depth),
                                                dtype="float32"),
                                            shape=[self.num_trees, self.depth])

        indices = tf.range(2 ** self.depth)
        offsets = 2 ** tf.range(self.depth)
        bin_codes = tf.reshape(indices, shape=(1, -1)) // tf.reshape(offsets, shape=(-1, 1)) % 2
        bin_codes = tf.cast(bin_codes, dtype="float32")
        bin_codes_1hot = tf.stack([bin_codes, 1.0 - bin_codes], axis=-1)
        self.bin_codes_1hot = tf.Variable(initial_value=bin_codes_1hot, trainable=False)

    def _data_aware_initialization(self, inputs, eps=1e-6):
        assert len(inputs.shape) == 2
        if tf.shape(inputs)[0] < 1000:
            warn("Data-aware initialization is performed on less than 1000 data points. This may cause instability."
                 "To avoid potential problems, run this model on a data batch with at least 1000 data samples."
                 "You can do so manually before training.")
        feature_selectors = self.choice_function(self.feature_selection_logits, axis=0)
        feature_values = tf.einsum('bi,ind->bnd', inputs, feature_selectors)
        percentiles_q = 100 * _beta_sample(self.threshold_init_beta, self.threshold_init_beta,
                                           self.num_trees * self.depth)

        flattened_feature_values = tf.map_fn(lambda t: tf.reshape(t, [-1]), feature_values)

        feature_thresholds = _percentile(flattened_feature_values, percentiles_q)
        feature_thresholds = tf.reshape(feature_thresholds, shape=(self.num_trees, self.depth))
        temperatures = _percentile(tf.abs(feature_values - feature_thresholds),
                                   q=100 * min(1.0, self.threshold_init_cutoff), axis=0)

        temperatures /= max(1.0, self.threshold_init_cutoff)
        log_tempratures = tf.math.log(temperatures + eps)
        log_tempratures = tf.reshape(log_tempratures, shape=[self.num_trees, self.depth])

        self.feature_thresholds.assign(feature_thresholds)
        self.log_temperatures.assign(log_tempratures)

    def call(self, inputs):
        if len(inputs.shape) > 2:
            return self.call(tf.reshape(tf.reshape(inputs, shape=(-1, inputs.shape[-1])), shape=(*inputs.shape[:-1], -1)))
        if not self.initialized:
            self._data_aware_initialization(inputs)
            self.initialized = True

        feature_logits = self.feature_selection_logits
        features_selectors = self.choice_function(feature_logits, axis=0)
        feature_values = tf.einsum('bi,ind->bnd', inputs, features_selectors)
        threshold_logits = (feature_values - self.feature_thresholds) * tf.exp(-self.log_temperatures)
        threshold_logits = tf.stack([-threshold_logits, threshold_logits], axis=-1)
        bins = self.bin_function(threshold_logits)
        bin_matches = tf.einsum('btds,dcs->btdc', bins, self.bin_codes_1hot)
        response_weights = tf.reduce_prod(bin_matches, axis=-2)
        response = tf.einsum('bnd,ncd->bnc', response_weights, self.response)
        return tf.map_fn(lambda t: tf.reshape(t, [-1]), response)


def build_model():
    layer = ObliviousDecisionTree(num_trees=4, depth=3)
    x = np.random.default_rng(0).normal(size=(64, 5)).astype("float32")
    return layer, x
