"""Weight-clustering wrapper overrides `trainable_weights` to add its own weights via `_trainable_weights`.

From the tensorflow/model-optimization review thread (PR #557, cluster_wrapper.py): the clustering
wrapper keeps cluster centroids (created with `add_weight`) next to the wrapped layer and overrides
the `trainable_weights` / `non_trainable_weights` properties as
`self.layer.trainable_weights + self._trainable_weights`; the reviewer insists the private list must
stay so the wrapper's own centroids are reported. Ported to Keras 3 (`keras.layers.Wrapper`), the
private lists no longer exist: every direct read of `layer.trainable_weights` /
`non_trainable_weights` on the wrapper raises AttributeError from inside the property (the model
itself still collects weights through the tracker, so summary and fit run). In this port the
wrapped Dense kernel is only read to initialise the centroids, so it is counted as trainable but
gets no gradient (tfmot strips it after training; until then the optimiser warns about it).
"""

SOURCE = "https://github.com/tensorflow/model-optimization/pull/557"
CODES = ("LD006", "LD009")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py w_tfmot_cluster_wrapper_weights_property.py:
as returned: Functional, count_params() = 374, 6 weights, unbuilt: none
after call: count_params() = 374, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 5 trainable weights: ['cluster_weights/dense/kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cluster_weights': 340}
second call: 0 variables watched that the first call did not use
own probe (/tmp/mine9b/p4.py): model.layers[1].trainable_weights raises
AttributeError: 'ClusterWeights' object has no attribute '_trainable_weights' (same for
non_trainable_weights / '_non_trainable_weights'); model.trainable_weights, summary and one fit
step run; fit warns "Gradients do not exist for variables ['cluster_weights/dense/kernel']"."""

import keras
from keras import ops


class ClusteringAlgorithm:
    """Linear centroid initialisation + nearest-centroid lookup (kept framework agnostic)."""

    def __init__(self, number_of_clusters):
        self.number_of_clusters = number_of_clusters

    def init_centroids(self, weight):
        w_min = ops.min(weight)
        w_max = ops.max(weight)
        return ops.linspace(w_min, w_max, self.number_of_clusters)

    def get_pulling_indices(self, weight, centroids):
        distance = ops.abs(ops.expand_dims(weight, -1) - centroids)
        return ops.argmin(distance, axis=-1)

    def get_clustered_weight(self, centroids, indices):
        return ops.take(centroids, indices)


class ClusterWeights(keras.layers.Wrapper):
    def __init__(self, layer, number_of_clusters=8, **kwargs):
        super().__init__(layer, **kwargs)
        self.number_of_clusters = number_of_clusters
        self.clustering_algo = ClusteringAlgorithm(number_of_clusters)

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        kernel = self.layer.kernel
        self.cluster_centroids = self.add_weight(
            name="cluster_centroids_kernel",
            shape=(self.number_of_clusters,),
            initializer="zeros",
            trainable=True,
        )
        self.cluster_centroids.assign(self.clustering_algo.init_centroids(kernel))
        self.pulling_indices = self.add_weight(
            name="pulling_indices_kernel",
            shape=kernel.shape,
            dtype="int32",
            initializer="zeros",
            trainable=False,
        )
        self.pulling_indices.assign(
            ops.cast(self.clustering_algo.get_pulling_indices(kernel, self.cluster_centroids), "int32")
        )
        self.built = True

    def call(self, inputs):
        clustered_kernel = self.clustering_algo.get_clustered_weight(
            self.cluster_centroids, self.pulling_indices
        )
        outputs = ops.matmul(inputs, clustered_kernel)
        if self.layer.use_bias:
            outputs = outputs + self.layer.bias
        return self.layer.activation(outputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    @property
    def trainable(self):
        return self.layer.trainable

    @trainable.setter
    def trainable(self, value):
        self.layer.trainable = value

    @property
    def trainable_weights(self):
        return self.layer.trainable_weights + self._trainable_weights

    @property
    def non_trainable_weights(self):
        return self.layer.non_trainable_weights + self._non_trainable_weights

    def get_config(self):
        config = super().get_config()
        config["number_of_clusters"] = self.number_of_clusters
        return config


def cluster_weights(layer, number_of_clusters=8):
    return ClusterWeights(layer, number_of_clusters=number_of_clusters)


def build_model():
    inputs = keras.Input(shape=(10,))
    x = cluster_weights(keras.layers.Dense(16, activation="relu"), number_of_clusters=4)(inputs)
    outputs = keras.layers.Dense(2)(x)
    return keras.Model(inputs, outputs)
