"""Tensors kept on layers that are, or are not, weights (held-out 5).

Scalar parameters stored as 0-d float arrays (ParametricSoftplus: alpha and beta are the layer's
"weights" by its own docstring, but np.asarray(alpha_init) is a constant) against scalar settings.
Data the caller hands the constructor (a graph's edge weights, node features) against weights the
caller or the constructor makes (a random matrix, a layer-scale vector)."""

import keras
import numpy as np
from keras import layers, ops


class ArraySoftplus(layers.Layer):
    """alpha * softplus(beta * x); alpha_init and beta_init are the initial values of its weights."""

    def __init__(self, alpha_init=0.2, beta_init=5.0, **kwargs):
        super().__init__(**kwargs)
        self.alpha = np.asarray(alpha_init, dtype="float32")
        self.beta = np.asarray(beta_init, dtype="float32")

    def call(self, x):
        return ops.softplus(self.beta * x) * self.alpha


class TensorTheta(layers.Layer):
    def __init__(self, theta=0.5, **kwargs):
        super().__init__(**kwargs)
        self.theta = ops.convert_to_tensor(theta, dtype="float32")

    def call(self, x):
        return x * ops.sigmoid(self.theta * x)


class WeightSoftplus(layers.Layer):
    """The fix: alpha and beta are weights."""

    def __init__(self, alpha_init=0.2, beta_init=5.0, **kwargs):
        super().__init__(**kwargs)
        self.alpha_init, self.beta_init = alpha_init, beta_init

    def build(self, input_shape):
        self.alpha = self.add_weight(shape=(), initializer=keras.initializers.Constant(self.alpha_init))
        self.beta = self.add_weight(shape=(), initializer=keras.initializers.Constant(self.beta_init))

    def call(self, x):
        return ops.softplus(self.beta * x) * self.alpha


class ScalarSettings(layers.Layer):
    """Settings, not weights: a 0-d epsilon, a NumPy scalar scale, a Python float, a computed scale."""

    def __init__(self, dim=16, eps=1e-5, scale=2.0, alpha=0.1, **kwargs):
        super().__init__(**kwargs)
        self.eps = np.asarray(eps, dtype="float32")
        self.scale = np.float32(scale)
        self.alpha = alpha
        self.beta = ops.sqrt(ops.cast(dim, "float32"))  # named like a weight, but not a value it was given

    def call(self, x):
        return x * self.scale * self.alpha / (self.beta + self.eps)


def _model(layer):
    inputs = keras.Input((4,))
    return keras.Model(inputs, layer(layers.Dense(4)(inputs)))


def array_softplus():
    return _model(ArraySoftplus())


def tensor_theta():
    return _model(TensorTheta(theta=0.75))


def weight_softplus():
    return _model(WeightSoftplus())


def scalar_settings():
    return _model(ScalarSettings())


# -- data given to the constructor ------------------------------------------------------

class GraphClassifier(keras.Model):
    """Keeps the graph it was given; call() takes node indices."""

    def __init__(self, graph, **kwargs):
        super().__init__(**kwargs)
        node_features, edges, edge_weights = graph
        self.node_features = node_features
        self.edges = edges
        self.edge_weights = edge_weights / ops.sum(edge_weights)
        self.encode = layers.Dense(8)
        self.logits = layers.Dense(3)

    def call(self, node_ids):
        h = self.encode(self.node_features)
        messages = ops.take(h, self.edges[1], axis=0) * self.edge_weights[:, None]
        h = h + ops.segment_sum(messages, self.edges[0], num_segments=h.shape[0])
        return self.logits(ops.take(h, node_ids, axis=0))


def _graph(edge_weights, num_nodes=10, num_edges=24):
    rng = np.random.default_rng(0)
    edges = rng.integers(0, num_nodes, size=(2, num_edges)).astype("int32")
    features = rng.integers(0, 2, size=(num_nodes, 5)).astype("float32")
    return features, edges, edge_weights


def _called(model, inputs):
    model(inputs)
    return model, inputs


def graph_with_uniform_edge_weights():
    return _called(GraphClassifier(_graph(ops.ones((24,)))), np.array([1, 4, 7], dtype="int32"))


def graph_with_two_edge_types():
    weights = np.where(np.arange(24) % 2 == 0, 1.0, 0.5).astype("float32")
    return _called(GraphClassifier(_graph(weights)), np.array([1, 4, 7], dtype="int32"))


class GivenKernel(layers.Layer):
    """The caller hands it its kernel's initial values: a weight nothing makes a variable."""

    def __init__(self, kernel, **kwargs):
        super().__init__(**kwargs)
        self.kernel = ops.convert_to_tensor(kernel)

    def call(self, x):
        return ops.matmul(x, self.kernel)


class LayerScale(layers.Layer):
    """ConvNeXt's layer scale made in the constructor: a constant vector named like a weight."""

    def __init__(self, dim, init_value=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.gamma = init_value * ops.ones((dim,))

    def call(self, x):
        return x * self.gamma


def given_random_kernel():
    kernel = np.random.default_rng(0).normal(size=(4, 3)).astype("float32")
    return _model(GivenKernel(kernel))


def layer_scale_constant():
    return _model(LayerScale(4))
