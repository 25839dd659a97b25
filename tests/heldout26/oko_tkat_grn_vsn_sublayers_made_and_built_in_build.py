"""TKAT (Temporal Kolmogorov-Arnold Transformer, a Keras 3 multi-backend model): its TFT-style blocks
`AddAndNorm`, `Gate`, `GRN`, `VariableSelectionNetwork` and `EmbeddingLayer` create every sublayer inside
`build()` (not `__init__`), build each one by hand with a shape computed there, keep per-variable GRNs and
per-feature Dense layers in plain lists made in `build()`, mostly never call `super().build()`, and the
selection network declares an `Activation('softmax')` it never uses (it calls `ops.softmax` instead).

From remigenet/TKAT (`tkat/tkat.py`). Looks like late sublayers, lists of layers, a `build()` that may not
build everything and an unused sublayer, but on Keras 3: sublayers assigned in `build()` are tracked (the
layer is locked only after `build()` returns), every sublayer with weights is built there with the right
shape, the lists are tracked, and the unused `Activation` has no state. All 56 weights are counted, get
gradients and are updated by `fit`.

Porting edits: the file's `os.environ['KERAS_BACKEND'] = 'jax'` line, `import pytest` and
`from tkan import TKAN` dropped (the harness picks the backend; the TKAN recurrent part is not used); the
five blocks kept as written; `build_model()` wires the model's front end as `TKAT()` does (per-feature
`EmbeddingLayer` -> `VariableSelectionNetwork`) on 5 time steps of 3 features, hidden size 4, then
`Flatten` and `Dense(2)` in place of the TKAN/attention stack.
"""

SOURCE = "https://github.com/remigenet/TKAT/blob/859fb72bcf2df41fb0009af840e1981f5af0c15b/tkat/tkat.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/oko_tkat_grn_vsn_sublayers_made_and_built_in_build.py:
as returned: Functional, count_params() = 537, 56 weights, unbuilt: none
after call: count_params() = 537, 56 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 56 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'embedding_layer': 24, 'variable_selection_network': 471, 'grn_3': 108, 'add_and_norm_3': 8, 'gate_3': 40, 'grn_2': 108, 'add_and_norm_2': 8, 'gate_2': 40, 'grn_1': 108, 'add_and_norm_1': 8, 'gate_1': 40, 'grn': 147, 'add_and_norm': 6, 'gate': 30}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine26b/p14.py): no warning while building; the selection network tracks
[('activation', built, 0 weights), ('reshape', built, 0), ('grn', built, 12), ('grn_1', built, 12),
('grn_2', built, 12), ('grn_3', built, 12)] (the unused softmax Activation is stateless and built);
compile('adam','mse') + fit 2 epochs: 56/56 trainable weights change."""

import keras
from keras import ops
from keras.layers import Layer, Dense, Add, LayerNormalization, Reshape, Activation, Flatten


@keras.utils.register_keras_serializable(name="AddAndNorm")
class AddAndNorm(Layer):
    def __init__(self, **kwargs):
        super(AddAndNorm, self).__init__(**kwargs)

    def build(self, input_shape):
        self.add_layer = Add()
        self.add_layer.build(input_shape)
        self.norm_layer = LayerNormalization()
        self.norm_layer.build(self.add_layer.compute_output_shape(input_shape))
    
    def call(self, inputs):
        tmp = self.add_layer(inputs)
        tmp = self.norm_layer(tmp)
        return tmp

    def compute_output_shape(self, input_shape):
        return input_shape[0]  # Assuming all input shapes are the same

    def get_config(self):
        config = super().get_config()
        return config


@keras.utils.register_keras_serializable(name="GRN")
class Gate(Layer):
    def __init__(self, hidden_layer_size = None, **kwargs):
        super(Gate, self).__init__(**kwargs)
        self.hidden_layer_size = hidden_layer_size
        

    def build(self, input_shape):
        if self.hidden_layer_size is None:
            self.hidden_layer_size = input_shape[-1]
        self.dense_layer = Dense(self.hidden_layer_size)
        self.gated_layer = Dense(self.hidden_layer_size, activation='sigmoid')
        self.dense_layer.build(input_shape)
        self.gated_layer.build(input_shape)

    def call(self, inputs):
        dense_output = self.dense_layer(inputs)
        gated_output = self.gated_layer(inputs)
        return ops.multiply(dense_output, gated_output)

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.hidden_layer_size,)

    def get_config(self):
        config = super().get_config()
        config.update({
            'hidden_layer_size': self.hidden_layer_size,
        })
        return config


@keras.utils.register_keras_serializable(name="GRN")
class GRN(Layer):
    def __init__(self, hidden_layer_size, output_size=None, **kwargs):
        super(GRN, self).__init__(**kwargs)
        self.hidden_layer_size = hidden_layer_size
        self.output_size = output_size

    def build(self, input_shape):
        if self.output_size is None:
            self.output_size = self.hidden_layer_size
        self.skip_layer = Dense(self.output_size)
        self.skip_layer.build(input_shape)
        
        self.hidden_layer_1 = Dense(self.hidden_layer_size, activation='elu')
        self.hidden_layer_1.build(input_shape)
        self.hidden_layer_2 = Dense(self.hidden_layer_size)
        self.hidden_layer_2.build((*input_shape[:2], self.hidden_layer_size))
        self.gate_layer = Gate(self.output_size)
        self.gate_layer.build((*input_shape[:2], self.hidden_layer_size))
        self.add_and_norm_layer = AddAndNorm()
        self.add_and_norm_layer.build([(*input_shape[:2], self.output_size),(*input_shape[:2], self.output_size)])

    def call(self, inputs):
        skip = self.skip_layer(inputs)
        hidden = self.hidden_layer_1(inputs)
        hidden = self.hidden_layer_2(hidden)
        gating_output = self.gate_layer(hidden)
        return self.add_and_norm_layer([skip, gating_output])

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.output_size,)

    def get_config(self):
        config = super().get_config()
        config.update({
            'hidden_layer_size': self.hidden_layer_size,
            'output_size': self.output_size,
        })
        return config


@keras.utils.register_keras_serializable(name="VariableSelectionNetwork")
class VariableSelectionNetwork(Layer):
    def __init__(self, num_hidden, **kwargs):
        super(VariableSelectionNetwork, self).__init__(**kwargs)
        self.num_hidden = num_hidden

    def build(self, input_shape):
        batch_size, time_steps, embedding_dim, num_inputs = input_shape
        self.softmax = Activation('softmax')
        self.num_inputs = num_inputs
        self.flatten_dim = time_steps * embedding_dim * num_inputs
        self.reshape_layer = Reshape(target_shape=[time_steps, embedding_dim * num_inputs])
        self.reshape_layer.build(input_shape)
        self.mlp_dense = GRN(hidden_layer_size = self.num_hidden, output_size=num_inputs)
        self.mlp_dense.build((batch_size, time_steps, embedding_dim * num_inputs))
        self.grn_layers = [GRN(self.num_hidden) for _ in range(num_inputs)]
        for i in range(num_inputs):
            self.grn_layers[i].build(input_shape[:3])
        super(VariableSelectionNetwork, self).build(input_shape)

    def call(self, inputs):
        _, time_steps, embedding_dim, num_inputs = inputs.shape
        flatten = self.reshape_layer(inputs)
        # Variable selection weights
        mlp_outputs = self.mlp_dense(flatten)
        sparse_weights = ops.softmax(mlp_outputs)
        sparse_weights = ops.expand_dims(sparse_weights, axis=2)
        
        # Non-linear Processing & weight application
        trans_emb_list = []
        for i in range(num_inputs):
            grn_output = self.grn_layers[i](inputs[:, :, :, i])
            trans_emb_list.append(grn_output)
        
        transformed_embedding = ops.stack(trans_emb_list, axis=-1)
        combined = ops.multiply(sparse_weights, transformed_embedding)
        temporal_ctx = ops.sum(combined, axis=-1)
        
        return temporal_ctx

    def get_config(self):
        config = super().get_config()
        config.update({
            'num_hidden': self.num_hidden,
        })
        return config


@keras.utils.register_keras_serializable(name="EmbeddingLayer")
class EmbeddingLayer(Layer):
    def __init__(self, num_hidden, **kwargs):
        super(EmbeddingLayer, self).__init__(**kwargs)
        self.num_hidden = num_hidden

    def build(self, input_shape):
        self.dense_layers = [
            Dense(self.num_hidden) for _ in range(input_shape[-1])
        ]
        for i in range(input_shape[-1]):
            self.dense_layers[i].build((*input_shape[:2], 1))
        super(EmbeddingLayer, self).build(input_shape)

    def call(self, inputs):
        embeddings = [dense_layer(inputs[:, :, i:i+1]) for i, dense_layer in enumerate(self.dense_layers)]
        return ops.stack(embeddings, axis=-1)

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.num_hidden, input_shape[-1])

    def get_config(self):
        config = super().get_config()
        config.update({
            'num_hidden': self.num_hidden,
        })
        return config


def build_model():
    inputs = keras.Input(shape=(5, 3))
    embedded = EmbeddingLayer(4)(inputs)
    selected = VariableSelectionNetwork(4)(embedded)
    x = Flatten()(selected)
    outputs = Dense(2)(x)
    return keras.Model(inputs, outputs)
