"""QANet's highway layers make their two Conv1D gates in `build()` without building them, and are stacked in a plain list by a layer whose `build()` is `pass`: all tracked.

From dsr-lab/QACNNnet (`input_embedding/highway_layer.py` and `input_embedding/input_embedding_layer.py`), a
QANet reimplementation. `HighwayLayer.__init__` keeps `self.transform = None` and `self.conv = None` and a Dropout;
its `build(input_lenght)` creates `self.transform = Conv1D(n_filters, k, activation='sigmoid')` and `self.conv =
Conv1D(n_filters, k, activation=...)` from the input's last dimension but neither builds them nor calls
`super().build()`; `call()` mixes `h * t + inputs * (1 - t)`. `InputEmbeddingLayer` appends `n_highway_layers`
HighwayLayers to a plain Python list attribute `self.highway_layers`, has `def build(self, input_lenght): pass`
and loops over the list in `call()`. A checker could flag sublayers created in `build()` and never built there
(LD005), attributes first set to None, a `build()` that does nothing (seed Myth), or layers held in a plain list
(LD011). On Keras 3 the list is tracked, the Conv1Ds are built on the first call, counted, and get gradients.

Porting edits: `InputEmbeddingLayer`'s word and character embedding sublayers (pretrained GloVe matrix, char CNN)
and the `Concatenate` of their outputs are dropped: here the layer receives the already concatenated embedding
and keeps only the author's highway stack (list attribute, empty `build`, loop in `call`). `tf.keras` is `keras`.
`HighwayLayer` is the author's. `build_model()` wires `Input((30, 64)) -> InputEmbeddingLayer(n_highway_layers=2)`.
"""

SOURCE = "https://github.com/dsr-lab/QACNNnet/blob/06f2b7cbc9e55dbd1aa95fda1eac043041b847ed/input_embedding/highway_layer.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbd_qacnnnet_highway_conv1d_gates_made_in_build_stacked_in_list.py:
as returned: Functional, count_params() = 16640, 8 weights, unbuilt: none
after call: count_params() = 16640, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'input_embedding_layer': 16640, 'highway_layer_1': 8320, 'highway_layer': 8320}
second call: 0 variables watched that the first call did not use"""

import keras


class HighwayLayer(keras.layers.Layer):

    # input-independent initialization
    def __init__(self, activation=None, dropout_rate=0.1, kernel_size=1):
        super(HighwayLayer, self).__init__()

        # Class variables
        self.kernel_size = kernel_size
        self.activation = activation

        # Layers
        self.dropout = keras.layers.Dropout(dropout_rate)

        self.transform = None
        self.conv = None

    # input-dependent initialization
    def build(self, input_lenght):
        n_filters = input_lenght[-1]
        self.transform = keras.layers.Conv1D(n_filters, self.kernel_size, activation='sigmoid')
        self.conv = keras.layers.Conv1D(n_filters, self.kernel_size, activation=self.activation)

    # forward computation
    def call(self, inputs):
        t = self.transform(inputs)

        h = self.conv(inputs)
        h = self.dropout(h)

        result = h * t + inputs * (1.0 - t)
        return result


class InputEmbeddingLayer(keras.layers.Layer):

    # input-independent initialization (embedding sublayers dropped, see docstring)
    def __init__(self, n_highway_layers=2):
        super(InputEmbeddingLayer, self).__init__()

        self.highway_layers = []
        for i in range(n_highway_layers):
            self.highway_layers.append(HighwayLayer())

    # input-dependent initialization
    def build(self, input_lenght):
        pass

    # forward computation
    def call(self, inputs):
        final_emb = inputs

        for highway in self.highway_layers:
            final_emb = highway(final_emb)

        return final_emb


def build_model():
    inputs = keras.Input(shape=(30, 64))
    outputs = InputEmbeddingLayer(n_highway_layers=2)(inputs)
    return keras.Model(inputs, outputs)
