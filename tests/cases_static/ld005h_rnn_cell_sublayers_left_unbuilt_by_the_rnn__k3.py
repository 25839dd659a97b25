# LD005 unbuilt-sublayer: keras.layers.RNN builds a custom cell without running its call(): sublayers the cell makes in __init__ with no build() stay unbuilt
import keras
from keras import layers, ops

CASE, TITLE = "LD005h", "a custom RNN cell whose sublayers only its call() would build, wired through RNN or StackedRNNCells"
FEATURES = 6
DATA_SHAPE = (3, 5, FEATURES)


class NormalizedCell(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.state_size = units
        self.output_size = units
        self.inner = layers.SimpleRNNCell(units)
        self.norm = layers.LayerNormalization()

    def call(self, inputs, states):
        outputs, new_states = self.inner(inputs, states)
        outputs = self.norm(outputs)
        return outputs, [outputs]


class ProjectedGRUCell(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units
        self.gru = layers.GRUCell(units)

    def build(self, input_shape):
        self.out = layers.Dense(self.units)

    def call(self, inputs, states):
        outputs, new_states = self.gru(inputs, states)
        return self.out(outputs), new_states


class BuiltCell(layers.Layer):
    """Correct: build() builds the sublayers with the shapes call() gives them."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units
        self.inner = layers.SimpleRNNCell(units)
        self.norm = layers.LayerNormalization()

    def build(self, input_shape):
        self.inner.build(input_shape)
        self.norm.build((input_shape[0], self.units))

    def call(self, inputs, states):
        outputs, new_states = self.inner(inputs, states)
        outputs = self.norm(outputs)
        return outputs, [outputs]


class WeightCell(layers.Layer):
    """Correct: its own weights, made in build()."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.recurrent = self.add_weight(shape=(self.units, self.units), name="recurrent")

    def call(self, inputs, states):
        outputs = ops.tanh(ops.matmul(inputs, self.kernel) + ops.matmul(states[0], self.recurrent))
        return outputs, [outputs]


def make_rnn_in_sequential():
    # MEASURED: params as returned 10, after call 62; SimpleRNNCell and LayerNormalization unbuilt as returned
    return keras.Sequential([
        keras.Input((None, FEATURES)),
        layers.RNN(NormalizedCell(4), return_sequences=True),  # LD005
        layers.Dense(2),
    ])


def make_rnn_functional():
    # MEASURED: params as returned 0, after call 164; GRUCell and Dense (made in build()) unbuilt as returned
    inputs = keras.Input((None, FEATURES))
    cell = ProjectedGRUCell(4)
    outputs = layers.RNN(cell)(inputs)  # LD005
    return keras.Model(inputs, outputs)


def make_stacked_cells():
    # MEASURED: params as returned 0, after call 96; both cells' SimpleRNNCell and LayerNormalization unbuilt
    inputs = keras.Input((None, FEATURES))
    cells = layers.StackedRNNCells([NormalizedCell(4), NormalizedCell(4)])  # LD005
    return keras.Model(inputs, layers.RNN(cells)(inputs))


def make_list_of_cells():
    # MEASURED: params as returned 36 (the plain SimpleRNNCell), after call 88; the custom cell's sublayers unbuilt
    inputs = keras.Input((None, FEATURES))
    return keras.Model(inputs, layers.RNN([NormalizedCell(4), layers.SimpleRNNCell(4)])(inputs))  # LD005


def make_built_cell():
    # MEASURED: params as returned 52, after call 52
    inputs = keras.Input((None, FEATURES))
    return keras.Model(inputs, layers.RNN(BuiltCell(4))(inputs))


def make_weight_cell():
    # MEASURED: params as returned 40, after call 40
    inputs = keras.Input((None, FEATURES))
    return keras.Model(inputs, layers.RNN(WeightCell(4))(inputs))


def make_sequential_without_input():
    """Correct once called: no Input, so the first call on data builds the RNN and runs the cell's call().
    MEASURED: the model is unbuilt as returned (count_params raises); after call 62, nothing unbuilt."""
    return keras.Sequential([layers.RNN(NormalizedCell(4)), layers.Dense(2)])


class Tagger(keras.Model):
    """Correct: a subclassed model: the first call on data runs the cell's call()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rnn = layers.RNN(NormalizedCell(4), return_sequences=True)

    def call(self, inputs):
        return self.rnn(inputs)


def make_subclassed():
    # MEASURED: unbuilt as returned (count_params raises); after call 52, nothing unbuilt
    return Tagger()
