# LD001 raw-tensor-state: a constant default for data handed to the constructor is data; a random default is a weight
import keras
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD001f", "graph data on a model: edge weights default to ones when the caller gives none"
FEATURES = 6


class GraphModel(keras.Model):
    """Correct: the edge weights are graph data from the caller; ones when it has none."""

    def __init__(self, graph_info, **kwargs):
        super().__init__(**kwargs)
        edges, edge_weights = graph_info
        self.edges = edges
        self.edge_weights = edge_weights
        if self.edge_weights is None:
            self.edge_weights = tf.ones(shape=(3,))
        self.dense = layers.Dense(4)

    def call(self, inputs):
        return self.dense(inputs) * tf.reduce_sum(self.edge_weights)


class ScaledModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)
        self.weights_scale = tf.ones((4,))  # LD001

    def call(self, inputs):
        return self.dense(inputs) * self.weights_scale


class RandomDefault(keras.Model):
    def __init__(self, kernel=None, **kwargs):
        super().__init__(**kwargs)
        self.kernel = kernel
        if self.kernel is None:
            self.kernel = tf.random.normal((FEATURES, 4))  # LD001

    def call(self, inputs):
        return tf.matmul(inputs, self.kernel)
