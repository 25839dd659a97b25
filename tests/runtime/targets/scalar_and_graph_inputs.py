"""Unusual input signatures the inspector must call without failing itself (held-out 14).

Rank-0 inputs: a hyper-network conditioned on a time value (a CNF's ODE function) is called on a
scalar, which has no batch axis. Buggy: its Dense layers are first built inside a tf.function call()
(LD002, LD009: None gradients). Twins: the same without tf.function, or with build() building them.

Graph inputs: node features X (nodes, F) and an adjacency A (nodes, nodes) whose free dimension must
equal the node count, i.e. the batch of X. Made-up data that fills A's free dimension with another
size than the batch cannot run `A @ X`; real data always can. Correct ones must get a clean report,
a buggy one (a bias never used) its finding; a shared layer called on a feature size it was not built
for stays LD008. test_runtime_fix14b_inspect.py measures Keras first."""

import numpy as np
import tensorflow as tf
import keras
from keras import ops

# -- rank-0 inputs --------------------------------------------------------------------------


class TimeConditioned(keras.layers.Layer):
    """Parameters predicted from a time value; Dense layers kept in a list; call wrapped in the
    class body (call = tf.function(...))."""

    def __init__(self, hidden, out, **kwargs):
        super().__init__(**kwargs)
        self.stack = [keras.layers.Dense(hidden, activation="tanh"), keras.layers.Dense(out)]

    def _forward(self, t):
        h = tf.reshape(tf.cast(t, "float32"), (1, 1))
        for dense in self.stack:
            h = dense(h)
        return tf.reshape(h, [-1])

    call = tf.function(_forward)


class TimeEmbedding(keras.Model):
    """A model with a decorated call(t) and two named Dense layers behind a helper method."""

    def __init__(self, width=4, **kwargs):
        super().__init__(**kwargs)
        self.first = keras.layers.Dense(8)
        self.second = keras.layers.Dense(width)

    def _mlp(self, value):
        return self.second(tf.nn.softplus(self.first(value)))

    @tf.function
    def call(self, t):
        return self._mlp(tf.fill((1, 1), t))


class TimeConditionedEager(TimeConditioned):
    """Twin: a plain call()."""

    call = TimeConditioned._forward


class TimeEmbeddingBuilt(TimeEmbedding):
    """Twin: build() builds the Dense layers before call() is traced."""

    def build(self, input_shape):
        self.first.build((1, 1))
        self.second.build((1, 8))


def time_conditioned():
    return TimeConditioned(6, 5), np.float32(0.3)


def time_embedding():
    return TimeEmbedding(), tf.constant(0.5)


def time_conditioned_eager():
    return TimeConditionedEager(6, 5), np.float32(0.3)


def time_embedding_built():
    return TimeEmbeddingBuilt(), tf.constant(0.5)


# -- graph inputs: the adjacency's free dimension is the node count -------------------------


class Propagate(keras.layers.Layer):
    """A X W (+ b): a graph convolution on dense inputs."""

    def __init__(self, units, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.units, self.use_bias = units, use_bias

    def build(self, input_shape):
        features = input_shape[0][-1]
        self.kernel = self.add_weight(shape=(features, self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        x, a = inputs
        out = ops.matmul(a, ops.matmul(x, self.kernel))
        return out + self.bias if self.use_bias else out


class HopMixer(keras.layers.Layer):
    """TAGConv-like: X and K hops concatenated, then a Dense made in __init__; build() only marks
    the layer built."""

    def __init__(self, units, hops=2, **kwargs):
        super().__init__(**kwargs)
        self.hops = hops
        self.mix = keras.layers.Dense(units)

    def build(self, input_shape):
        self.built = True

    def call(self, inputs):
        x, a = inputs[0], inputs[1]
        parts = [x]
        for _ in range(self.hops):
            parts.append(ops.matmul(a, parts[-1]))
        return self.mix(ops.concatenate(parts, axis=-1))


def _graph_inputs(features=5):
    return keras.Input(shape=(features,), name="nodes"), keras.Input(shape=(None,), name="adjacency")


def graph_conv():
    x, a = _graph_inputs()
    h = Propagate(8)([x, a])
    return keras.Model([x, a], Propagate(3)([h, a]))


def hop_mixer():
    x, a = _graph_inputs(6)
    h = HopMixer(8)([x, a])
    return keras.Model({"nodes": x, "adjacency": a}, HopMixer(3)([h, a]))


def graph_conv_unused_bias():
    """Buggy: the first convolution never adds its bias (LD009)."""
    x, a = _graph_inputs()
    h = Propagate(8, use_bias=False)([x, a])
    return keras.Model([x, a], Propagate(3)([h, a]))


def graph_shared_on_other_features():
    """Buggy: one Dense on the 5 node features and on the 8 propagated ones (LD008: Keras raises
    while the model is wired, whatever the sizes)."""
    x, a = _graph_inputs()
    shared = keras.layers.Dense(8)
    h = shared(x)
    return keras.Model([x, a], shared(Propagate(8)([h, a])))


class WrongOrder(Propagate):
    """X A instead of A X: a real shape bug that no node count fixes."""

    def call(self, inputs):
        x, a = inputs
        return ops.matmul(ops.matmul(x, a), self.kernel)


def graph_wrong_order():
    x, a = _graph_inputs()
    return keras.Model([x, a], WrongOrder(3)([x, a]))


# -- a time value and a state, each its own argument of call() -----------------------------


class TimeGate(keras.Model):
    """call(t, state) as an ODE solver calls it; the target hands (t, state) over."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gate = keras.layers.Dense(4, activation="sigmoid")

    def call(self, t, state):
        return state * self.gate(tf.reshape(t, (1, 1)))


class TracedTimeGate(TimeGate):
    """Buggy: the same call() as a tf.function, the Dense first built inside it."""

    call = tf.function(TimeGate.call)


def time_gate():
    return TimeGate(), (tf.constant(0.5), np.ones((3, 4), "float32"))


def traced_time_gate():
    return TracedTimeGate(), (tf.constant(0.5), np.ones((3, 4), "float32"))
