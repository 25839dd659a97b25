"""The DEC clustering layer: k-means centres passed in, made a variable in `build()`, and `self.trainable_weights = [self.W]`.

Porting Deep Embedded Clustering to TF 1.3's contrib Keras crashed at `self.trainable_weights = ...`
with `AttributeError: can't set attribute` once "Initializing cluster centres with k-means" ran.
Ported to Keras 3 with `keras.Variable` for the centres.
"""

SOURCE = "https://github.com/fferroni/DEC-Keras/issues/8"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py c_ld006_dec_clustering_layer_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'ClusteringLayer' object has no setter"""

import numpy as np
import keras
from keras import ops


class ClusteringLayer(keras.layers.Layer):
    def __init__(self, output_dim, weights=None, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.output_dim = output_dim
        self.alpha = alpha
        self.initial_weights = weights

    def build(self, input_shape):
        self.input_spec = keras.layers.InputSpec(dtype="float32", shape=(None, input_shape[-1]))
        self.W = keras.Variable(self.initial_weights, name="cluster_centres")
        self.trainable_weights = [self.W]

    def call(self, x):
        distances = ops.sum(ops.square(ops.expand_dims(x, 1) - self.W), axis=2)
        q = 1.0 / (1.0 + distances / self.alpha)
        q = q ** ((self.alpha + 1.0) / 2.0)
        return q / ops.sum(q, axis=1, keepdims=True)


def build_model(n_clusters=10, latent_dim=8):
    centres = np.random.default_rng(0).normal(size=(n_clusters, latent_dim)).astype("float32")
    inputs = keras.Input((latent_dim,))
    outputs = ClusteringLayer(n_clusters, weights=centres, name="clustering")(inputs)
    return keras.Model(inputs, outputs)
