"""A layer that declares its output shape (compute_output_shape) and uses a sublayer only inside
call() (held-out 13's TF in Action Bahdanau wrapper: a GRUCell run in K.rnn's step). Keras 3 wires the
functional model from the declaration without running call(), so the sublayer stays unbuilt (missing
from count_params()) and the layers after it are built for the declared width; when that width is
wrong, the first call on data fails in the next layer with a shape error. Inspect reports LD005 (the
unbuilt sublayer behind the declared shape) rather than LD008 (reuse) for that error.
Twins build the sublayer in build(), or declare nothing (Keras then traces call() and builds it).
test_runtime_fix13c_inspect.py measures Keras first."""

import tensorflow as tf
from tensorflow.keras import backend as K


class StepCell(tf.keras.layers.Layer):
    """The case's spelling: a GRUCell given to __init__, run in K.rnn's step; declared width = input's."""

    def __init__(self, cell, **kwargs):
        self._cell = cell
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.W_a = self.add_weight(name="W_a", shape=(input_shape[-1], self._cell.units))

    def call(self, inputs):
        def _step(x, states):
            out, states = self._cell(x, states)
            return out, states

        initial = [tf.zeros((tf.shape(inputs)[0], self._cell.units))]
        _, outputs, _ = K.rnn(_step, inputs, initial)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape


class Widening(tf.keras.layers.Layer):
    """A Dense sublayer made in __init__ after super(); the declaration keeps the input's width."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.project = tf.keras.layers.Dense(units)

    def build(self, input_shape):
        self.gain = self.add_weight(name="gain", shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        return tf.nn.relu(self.project(x * self.gain))

    def compute_output_shape(self, input_shape):
        return input_shape


class DeclaringBase(tf.keras.layers.Layer):
    def compute_output_shape(self, input_shape):
        return input_shape


class InheritedDeclaration(DeclaringBase):
    """The declaration comes from a user base class; a Conv1D sublayer held under another name."""

    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv_block = tf.keras.layers.Conv1D(filters, 3, padding="same")

    def build(self, input_shape):
        self.offset = self.add_weight(name="offset", shape=(input_shape[-1],), initializer="zeros")

    def call(self, x):
        return self.conv_block(x + self.offset)


class BuiltInBuild(Widening):
    """Twin: build() builds the sublayer and the declaration matches call()."""

    def build(self, input_shape):
        super().build(input_shape)
        self.project.build(input_shape)

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.project.units,)


class NoDeclaration(tf.keras.layers.Layer):
    """Twin: no compute_output_shape; Keras traces call() while wiring and builds the sublayer."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.project = tf.keras.layers.Dense(units)

    def build(self, input_shape):
        self.gain = self.add_weight(name="gain", shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        return tf.nn.relu(self.project(x * self.gain))


def _wired(layer):
    inputs = tf.keras.Input((5, 4))
    return tf.keras.Model(inputs, tf.keras.layers.Dense(3)(layer(inputs)))


def step_cell():
    return _wired(StepCell(tf.keras.layers.GRUCell(8)))


def widening():
    return _wired(Widening(8))


def inherited_declaration():
    return _wired(InheritedDeclaration(8))


def built_in_build():
    return _wired(BuiltInBuild(8))


def no_declaration():
    return _wired(NoDeclaration(8))
