"""spektral TAGConv: the Dense that holds all the weights is made in __init__ and build() only sets `built`.

spektral's Topology Adaptive Graph Convolution keeps no weights of its own: `self.linear = Dense(channels,
...)` is created in __init__, `build()` is just `assert len(input_shape) >= 2; self.built = True`, and
call() concatenates X with K propagated copies and applies `self.linear`. A build() that builds
nothing while the layer owns a Dense looks like the unbuilt-sublayer bug; on Keras 3 it is fine here
because TAGConv declares no compute_output_shape, so wiring it into a functional model runs call()
symbolically and the Dense is built there: its kernel and bias are counted, saved and trained.

Port: `tensorflow.keras` -> `keras`, `K.concatenate` -> `keras.ops.concatenate`; spektral's
MessagePassing base (sparse gather/scatter over `a.indices`, kwargs plumbing, dtype checks) is reduced
to a dense `propagate()` (A @ X, edge weights already in A) so the layer runs on dense inputs; TAGConv
itself, including propagating `x` (not the previous hop) K times, is as in spektral.
"""

SOURCE = "https://github.com/danielegrattarola/spektral/blob/a5fa5e38fca4eaca1e47ccfe1b00e0a61f64648b/spektral/layers/convolutional/tag_conv.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okk_spektral_tagconv_dense_in_init_build_only_sets_built.py:
as returned: Functional, count_params() = 451, 4 weights, unbuilt: none
after call: count_params() = 451, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tag_conv': 304, 'tag_conv_1': 147}
second call: 0 variables watched that the first call did not use
Own script: save_weights() of a called model, load_weights() into a fresh build_model(): loads, same outputs (the Dense
is built while the functional model is wired, unlike a layer that declares compute_output_shape)."""

import keras
from keras import ops
from keras.layers import Dense, Layer


class MessagePassing(Layer):
    """Dense stand-in for spektral's MessagePassing base class."""

    def __init__(self, aggregate="sum", **kwargs):
        super().__init__(**kwargs)
        self.aggregate = aggregate

    def get_inputs(self, inputs):
        x, a = inputs[0], inputs[1]
        e = inputs[2] if len(inputs) > 2 else None
        return x, a, e

    def call(self, inputs, **kwargs):
        x, a, e = self.get_inputs(inputs)
        return self.propagate(x, a, e)

    def build(self, input_shape):
        self.built = True

    def propagate(self, x, a, e=None, **kwargs):
        # message = x_j (times the edge weight held in a), aggregate = sum over neighbours
        return ops.matmul(a, x)


class TAGConv(MessagePassing):

    def __init__(self, channels, K=3, aggregate="sum", activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, **kwargs):
        super().__init__(aggregate=aggregate, **kwargs)
        self.channels = channels
        self.K = K
        self.linear = Dense(
            channels,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
        )

    def build(self, input_shape):
        assert len(input_shape) >= 2
        self.built = True

    def call(self, inputs, **kwargs):
        x, a, _ = self.get_inputs(inputs)

        output = [x]
        for _ in range(self.K):
            output.append(self.propagate(x, a))
        output = ops.concatenate(output, axis=-1)

        return self.linear(output)

    @property
    def config(self):
        return {"channels": self.channels}


def build_model(n_node_features=6, n_classes=3):
    """Single-mode node classification: X (nodes, F) and normalised A (nodes, nodes) -> TAGConv -> TAGConv."""
    x_in = keras.Input(shape=(n_node_features,), name="x")
    a_in = keras.Input(shape=(None,), name="a")
    h = TAGConv(16, K=2, activation="relu")([x_in, a_in])
    out = TAGConv(n_classes, K=2, activation="softmax")([h, a_in])
    return keras.Model([x_in, a_in], out)
