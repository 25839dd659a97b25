"""spektral GatedGraphConv: a GRUCell made in build() and applied n_layers times, with one kernel slice per step.

spektral's Gated Graph Convolution creates `self.kernel` (n_layers, channels, channels) with add_weight
and a `GRUCell(channels)` in build(); call() pads X to `channels`, then for each of the n_layers steps
multiplies by `self.kernel[i]`, propagates over the graph and feeds the messages to the same GRUCell
with the previous node state. A sublayer created in build() that build() never builds, one cell
shared by every step, and a weight read through slices look like several of the catalogued bugs; on
Keras 3 it is fine: the cell is built by its first call while the model is wired, its three weights
are tracked once, and the kernel and the cell's weights all get gradients.

Port: `tensorflow.keras` -> `keras`; `tf.pad`/`tf.matmul` kept; spektral's sparse MessagePassing base is
reduced to a dense `propagate()` (A @ X) so the layer runs on dense inputs; get_config trimmed.
"""

SOURCE = "https://github.com/danielegrattarola/spektral/blob/a5fa5e38fca4eaca1e47ccfe1b00e0a61f64648b/spektral/layers/convolutional/gated_graph_conv.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okk_spektral_gated_graph_conv_grucell_made_in_build_reused_each_step.py:
as returned: Functional, count_params() = 651, 6 weights, unbuilt: none
after call: count_params() = 651, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gated_graph_conv': 624}
second call: 0 variables watched that the first call did not use
(624 = kernel 3x8x8 192 + GRUCell kernel 8x24 + recurrent 8x24 + bias 2x24 = 432, counted once for three steps.)
Own script: save_weights() of a called model, load_weights() into a fresh build_model(): loads, same outputs."""

import tensorflow as tf
import keras
from keras import activations, initializers, regularizers, constraints
from keras.layers import GRUCell, Layer


class MessagePassing(Layer):
    """Dense stand-in for spektral's MessagePassing base class."""

    def __init__(self, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def get_inputs(self, inputs):
        x, a = inputs[0], inputs[1]
        e = inputs[2] if len(inputs) > 2 else None
        return x, a, e

    def propagate(self, x, a, e=None, **kwargs):
        return tf.matmul(a, x)


class GatedGraphConv(MessagePassing):

    def __init__(self, channels, n_layers, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)
        self.channels = channels
        self.n_layers = n_layers

    def build(self, input_shape):
        assert len(input_shape) >= 2
        self.kernel = self.add_weight(
            name="kernel",
            shape=(self.n_layers, self.channels, self.channels),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        self.rnn = GRUCell(
            self.channels,
            kernel_initializer=self.kernel_initializer,
            bias_initializer=self.bias_initializer,
            kernel_regularizer=self.kernel_regularizer,
            bias_regularizer=self.bias_regularizer,
            kernel_constraint=self.kernel_constraint,
            bias_constraint=self.bias_constraint,
            use_bias=self.use_bias,
            dtype=self.dtype,
        )
        self.built = True

    def call(self, inputs):
        x, a, _ = self.get_inputs(inputs)
        F = tf.shape(x)[-1]

        to_pad = self.channels - F
        ndims = len(x.shape) - 1
        output = tf.pad(x, [[0, 0]] * ndims + [[0, to_pad]])
        for i in range(self.n_layers):
            m = tf.matmul(output, self.kernel[i])
            m = self.propagate(m, a)
            output = self.rnn(m, [output])[0]

        output = self.activation(output)
        return output

    @property
    def config(self):
        return {"channels": self.channels, "n_layers": self.n_layers}


def build_model(n_node_features=5, channels=8, n_classes=3):
    """Single mode: X (nodes, F) and A (nodes, nodes) -> GatedGraphConv(8, n_layers=3) -> Dense softmax."""
    x_in = keras.Input(shape=(n_node_features,), name="x")
    a_in = keras.Input(shape=(None,), name="a")
    h = GatedGraphConv(channels, n_layers=3, activation="relu")([x_in, a_in])
    out = keras.layers.Dense(n_classes, activation="softmax")(h)
    return keras.Model([x_in, a_in], out)
