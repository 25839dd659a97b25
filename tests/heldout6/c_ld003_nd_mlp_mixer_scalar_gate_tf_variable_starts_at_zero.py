"""nd-mlp-mixer gates each residual mixer block with a `tf.Variable(0.0)` scalar: on Keras 3 the gate is never trained.

sradc/nd-mlp-mixer (an N-dimensional MLP-Mixer in tf.keras) builds its classifier from a
factory: `ResidualLayers(num_mix_layers, make_mixer)` stores `[make_layer() for ...]` on
`self.layers`, each `NdMixer` creates its per-axis MLPs in `build()`, and each mixer's output is
multiplied by a `ScalarGate` so the block starts as the identity. `ScalarGate.__init__` keeps the
gate as `self.value = tf.Variable(0.0, trainable=True)`. Keras 3 does not track a `tf.Variable`
on a layer: the gate is not in the model's weights, the optimizer never updates it, and since it
stays exactly 0 the mixer blocks behind it only ever receive zero gradients - the residual stack
is dead weight. (On tf.keras 2 the gate was tracked and trained.)
"""

SOURCE = "https://github.com/sradc/nd-mlp-mixer/blob/main/nd_mlp_mixer/scalar_gate.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py c_ld003_nd_mlp_mixer_scalar_gate_tf_variable_starts_at_zero.py:
as returned: Functional, count_params() = 442, 34 weights, unbuilt: none
after call: count_params() = 442, 34 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 34 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'nd_mixer': 124, 'mlp_1': 84, 'dense_on_axis_3': 42, 'dense_on_axis_2': 42, 'mlp': 40, 'dense_on_axis_1': 20, 'dense_on_axis': 20, 'residual_layers': 248, 'nd_mixer_2': 124, 'mlp_5': 84, 'dense_on_axis_11': 42, 'dense_on_axis_10': 42, 'mlp_4': 40, 'dense_on_axis_9': 20, 'dense_on_axis_8': 20, 'scalar_gate_1': 0, 'nd_mixer_1': 124, 'mlp_3': 84, 'dense_on_axis_7': 42, 'dense_on_axis_6': 42, 'mlp_2': 40, 'dense_on_axis_5': 20, 'dense_on_axis_4': 20, 'scalar_gate': 0, 'nd_mixer_3': 49, 'mlp_7': 33, 'dense_on_axis_15': 12, 'dense_on_axis_14': 21, 'mlp_6': 16, 'dense_on_axis_13': 6, 'dense_on_axis_12': 10}
second call: 0 variables watched that the first call did not use
extra check (python: gradient of sum(model(x)**2) w.r.t. the ResidualLayers' 16 trainable weights): max |grad| = 0.0, because both ScalarGate.value (tf ResourceVariable, value 0.0) are the two untracked variables above: [w.path for w in model.weights if 'gate' in w.path] == [], 'scalar_gate': 0 params."""

import tensorflow as tf
from tensorflow.keras import layers


class ScalarGate(tf.keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.value = tf.Variable(0.0, trainable=True)

    def call(self, inputs):
        return self.value * inputs


def linear_on_axis(X, weights, bias, axis):
    A = "abcdefghijklmnopqrstuvwxyz"
    ndim = len(X.shape)
    axis = axis if axis >= 0 else ndim + axis
    s1 = "".join(A[i] for i in range(ndim))
    s2 = "".join(s1[axis] + A[ndim])
    s3 = "".join(A[i] if i != axis else A[ndim] for i in range(ndim))
    return tf.einsum(f"{s1},{s2}->{s3}", X, weights) + bias


class DenseOnAxis(layers.Layer):
    "Dense layer that is applied to a particular axis of a tensor."

    def __init__(self, units, axis=-1, activation=lambda x: x):
        super().__init__()
        self.units = units
        self.axis = axis
        self.activation = activation

    def build(self, input_shape):
        self.w = self.add_weight(shape=[input_shape[self.axis], self.units], initializer="he_uniform", trainable=True)
        bias_shape = [1 for _ in input_shape]
        bias_shape[self.axis] = self.units
        self.b = self.add_weight(shape=bias_shape, initializer="zeros", trainable=True)

    def call(self, inputs):
        return self.activation(linear_on_axis(inputs, self.w, self.b, self.axis))


class MLP(layers.Layer):
    "Multilayer perceptron that is applied to a particular axis of a tensor."

    def __init__(self, outsize, hiddensize=None, axis=-1, activation=tf.nn.gelu):
        super().__init__()
        hiddensize = hiddensize if hiddensize else outsize
        self.layer_1 = DenseOnAxis(hiddensize, axis, activation)
        self.layer_2 = DenseOnAxis(outsize, axis)

    def call(self, inputs):
        return self.layer_2(self.layer_1(inputs))


class ResidualLayers(tf.keras.layers.Layer):
    def __init__(self, num_layers, make_layer):
        super().__init__()
        self.layers = [make_layer() for _ in range(num_layers)]

    def call(self, inputs):
        h = inputs
        for layer in self.layers:
            h = h + layer(h)
        return h


class NdMixer(tf.keras.layers.Layer):
    "N-dimensional mixer block, without batchnorm or skip connections."

    def __init__(self, outshape=None, Net=MLP, gate=True):
        super().__init__()
        self.outshape = outshape
        self.Net = MLP
        self.gate = ScalarGate() if gate else lambda x: x

    def build(self, input_shape):
        outshape = self.outshape if self.outshape else input_shape[1:]
        self.nets = [self.Net(size, axis=i + 1) for i, size in enumerate(outshape)]

    def call(self, inputs):
        h = inputs
        for net in self.nets:
            h = net(h)
        return self.gate(h)


def NdClassifier(in_shape, repr_shape, out_shape, num_mix_layers, num_classes, hidden_size=None):
    """A classifier based on NDMixer."""
    Net = lambda outsize, axis: MLP(outsize, hidden_size, axis)  # noqa: E731 - the project writes these factories as lambdas
    make_mixer = lambda: NdMixer(repr_shape, Net, gate=True)  # noqa: E731
    inputs = layers.Input(in_shape)
    repr_init = NdMixer(repr_shape, Net=DenseOnAxis, gate=False)(inputs)
    mixed = ResidualLayers(num_mix_layers, make_mixer)(repr_init)
    repr_final = NdMixer(out_shape, Net=DenseOnAxis, gate=False)(mixed)
    h = layers.Flatten()(repr_final)
    h = layers.Dense(num_classes)(h)
    return tf.keras.Model(inputs=inputs, outputs=h)


def build_model():
    return NdClassifier(in_shape=(4, 6), repr_shape=(4, 6), out_shape=(2, 3), num_mix_layers=2, num_classes=3)
