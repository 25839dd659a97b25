"""A Temporal Fusion Transformer `GatedResidualNetwork` that creates a residual `projection` and a
`context_dense` in `__init__` but calls them only on some inputs (a width mismatch, a context
tensor); its `build()` only calls `super().build()`.

From GustavoC3J/DL-frameworks-benchmark (`runners/model_builder/models/keras/tft/gated_residual_network.py`,
with its `GLU` from `tft/glu.py`). When the GRN's input already has `output_size` features and no
context is passed (the usual case inside the TFT's variable selection networks), `self.projection`
and `self.context_dense` are never called and nothing builds them: they stay unbuilt, own no weights,
and the model reports them as `0 (unbuilt)`; saving/loading weights of a model that should contain
them disagrees with one where they were built.

Porting edits: the package import of `GLU` replaced by the GLU class from the same repository pasted
above it (unchanged); hidden_units 4 on a (3, 4) sequence, dropout 0.1; `build_model()` wires one GRN
in a functional model the way the repository's TFT calls it (no context).
"""

SOURCE = "https://github.com/GustavoC3J/DL-frameworks-benchmark/blob/294b8b877f0b7532e631ad3e5a149838763e2ef3/runners/model_builder/models/keras/tft/gated_residual_network.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/q_dlbenchmark_tft_grn_projection_and_context_dense_never_built.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: ['LayerNormalization:layer_normalization', 'GLU:glu', 'TimeDistributed:time_distributed_3', 'Dense:dense_3', 'TimeDistributed:time_distributed_2', 'Dense:dense_2', 'TimeDistributed:time_distributed_1', 'Dense:dense_1', 'TimeDistributed:time_distributed', 'Dense:dense']
after call: count_params() = 88, 10 trainable weights, unbuilt: ['TimeDistributed:time_distributed_2', 'Dense:dense_2', 'TimeDistributed:time_distributed', 'Dense:dense']; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gated_residual_network': 88, 'glu': 40}
second call: 0 variables watched that the first call did not use
(time_distributed/dense is `self.projection`, time_distributed_2/dense_2 is `self.context_dense`: still
unbuilt after a real call. As returned nothing is built because the overridden compute_output_shape
lets the functional wiring skip tracing call().)"""

import keras
from keras import layers, ops


class GLU(layers.Layer):

    def __init__(self, hidden_units, dropout_rate=None, time_distributed=True, activation=None, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.hidden_units = hidden_units
        self.dropout_rate = dropout_rate
        self.time_distributed = time_distributed
        self.activation = activation

    def build(self, input_shape):
        self.dropout = layers.Dropout(self.dropout_rate) if self.dropout_rate else None

        Dense_wrapper = layers.TimeDistributed if self.time_distributed else lambda x: x

        self.activation_layer = Dense_wrapper(layers.Dense(self.hidden_units, activation=self.activation))
        self.gated_layer = Dense_wrapper(layers.Dense(self.hidden_units, activation="sigmoid"))

        super().build(input_shape)

    def call(self, inputs, training=None):
        x = self.dropout(inputs) if self.dropout else inputs

        activation_res = self.activation_layer(x)
        gated_res = self.gated_layer(x)

        x = ops.multiply(activation_res, gated_res)

        return x


class GatedResidualNetwork(layers.Layer):
    """Gated Residual Network (GRN)"""

    def __init__(self, hidden_units, output_size=None, dropout_rate=None, time_distributed=True, **kwargs):
        super().__init__(**kwargs)

        self.hidden_units = hidden_units
        self.output_size = output_size if output_size != None else hidden_units
        self.dropout_rate = dropout_rate
        self.time_distributed = time_distributed

        Dense_wrapper = layers.TimeDistributed if self.time_distributed else lambda x: x

        self.projection = Dense_wrapper(layers.Dense(self.output_size))

        # Feed forward layers
        self.dense1 = Dense_wrapper(layers.Dense(self.hidden_units))
        self.context_dense = Dense_wrapper(layers.Dense(self.hidden_units, use_bias=False)) # No bias, to avoid two bias when added
        self.dense2 = Dense_wrapper(layers.Dense(self.hidden_units))

        # Gating layer
        self.glu = GLU(self.output_size, self.dropout_rate, self.time_distributed)

        # Normalization
        self.layer_norm = layers.LayerNormalization()

        # Dropout
        self.dropout = layers.Dropout(self.dropout_rate) if self.dropout_rate else lambda x: x

    def build(self, input_shape):
        super().build(input_shape)

    def call(self, inputs, context=None, training=None):

        # Residual connection
        # If input dimension doesn't match output's, apply a projection
        residual = self.projection(inputs) if inputs.shape[-1] != self.output_size else inputs

        # First linear and add context (if available)
        x = self.dense1(inputs)

        if context is not None:
            # If it's time series, add temporal dimension to context
            if self.time_distributed:
                expanded_context = ops.expand_dims(context, axis=1)
                expanded_context = ops.repeat(expanded_context, repeats=x.shape[1], axis=1)
            else:
                expanded_context = context

            context_transformed = self.context_dense(expanded_context)
            x = ops.add(x, context_transformed)

        # Activation, second linear and dropout (if available)
        x = ops.elu(x)
        x = self.dense2(x)
        x = self.dropout(x) # Keras passes training arg to dropout

        # Gating (GLU)
        x = self.glu(x)

        # Residual connection + normalization
        x = ops.add(x, residual)
        x = self.layer_norm(x)

        return x

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1], self.output_size) if self.time_distributed else (input_shape[0], self.output_size)


def build_model():
    inputs = keras.Input((3, 4))
    outputs = GatedResidualNetwork(4, dropout_rate=0.1)(inputs)
    return keras.Model(inputs, outputs)
