"""A custom RNN cell (layer-normalised SimpleRNN) makes its SimpleRNNCell and LayerNormalization in `__init__` and has no `build()`: `keras.layers.RNN` builds the outer cell only.

The reporter (the layer-norm RNN cell of the "Hands-On ML" chapter on sequences) expected a custom
cell to behave like a custom layer: its internal layers should be built the first time the cell is
used. On Keras 3 `RNN.build()` calls the cell's default `build()`, which cannot know the shapes of the
cell's sublayers: Keras warns that the cell "looks like it has unbuilt state" and marks it built.
The Sequential model is then "built" with only the TimeDistributed head counted (210 parameters);
both SimpleRNNCells and LayerNormalizations stay unbuilt with no variables until the first real
call on data (1550 parameters after it), so `summary()`, `load_weights()` before a call, or an
optimizer built from `model.trainable_weights` see a fraction of the model.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/27445"
CODES = ("LD005",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py e_ln_simple_rnn_cell_inner_cell_and_norm_unbuilt.py:
warning: `build()` was called on layer 'ln_simple_rnn_cell', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as bui
warning: `build()` was called on layer 'ln_simple_rnn_cell_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as b
as returned: Sequential, count_params() = 210, 2 weights, unbuilt: ['LayerNormalization:layer_normalization', 'SimpleRNNCell:simple_rnn_cell', 'LayerNormalization:layer_normalization_1', 'SimpleRNNCell:simple_rnn_cell_1']
after call: count_params() = 1550, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ln_simple_rnn_cell': 480, 'ln_simple_rnn_cell_1': 860}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


class LNSimpleRNNCell(keras.layers.Layer):
    def __init__(self, units, activation="tanh", **kwargs):
        super().__init__(**kwargs)
        self.state_size = units
        self.output_size = units
        self.simple_rnn_cell = layers.SimpleRNNCell(units, activation=None)
        self.layer_norm = layers.LayerNormalization()
        self.activation = keras.activations.get(activation)

    def call(self, inputs, states):
        outputs, new_states = self.simple_rnn_cell(inputs, states)
        norm_outputs = self.activation(self.layer_norm(outputs))
        return norm_outputs, [norm_outputs]


def build_model():
    model = keras.models.Sequential([
        keras.Input(shape=(None, 1)),
        layers.RNN(LNSimpleRNNCell(20), return_sequences=True),
        layers.RNN(LNSimpleRNNCell(20), return_sequences=True),
        layers.TimeDistributed(layers.Dense(10)),
    ])
    return model
