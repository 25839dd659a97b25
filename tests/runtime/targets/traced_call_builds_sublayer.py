"""A layer whose call() is a tf.function and whose sublayer (made in __init__) is first built
inside that call: Keras wires the functional model by tracing call() once, the sublayer's
variables are created during that trace (still uninitialised, they read as their initial values),
and the traced graph every later call reuses holds those values as constants. The variables are
counted, get no gradient and changing them does not change the output: LD002 (state created
while call() is traced), with LD009 (held-out 12's LSTNet SkipGRU). Twins build the sublayer in
build() before the trace, or leave call() a plain method. test_runtime_traced_call_builds_sublayer.py
measures Keras first."""

import tensorflow as tf
from tensorflow import function as compiled


class CellStep(tf.keras.layers.Layer):
    """The case's spelling: a GRUCell in __init__ before super().__init__(), @tf.function call()."""

    def __init__(self, units, **kwargs):
        self.units = units
        self.cell = tf.keras.layers.GRUCell(units)
        super().__init__(**kwargs)

    @tf.function
    def call(self, inputs):
        state = tf.zeros((tf.shape(inputs)[0], self.units))
        for t in range(inputs.shape[1]):
            out, state = self.cell(inputs[:, t, :], states=state)
        return out


class TracedProjection(tf.keras.layers.Layer):
    """A Dense sublayer made after super().__init__(), first called in a tf.function call()
    imported under another name."""

    def __init__(self, units):
        super().__init__()
        self.project = tf.keras.layers.Dense(units)

    @compiled
    def call(self, x):
        return tf.nn.relu(self.project(x))


class WrappedCall(tf.keras.layers.Layer):
    """call = tf.function(...) in the class body; a Conv1D sublayer held under another name."""

    def __init__(self, filters):
        super().__init__()
        self.conv_block = tf.keras.layers.Conv1D(filters, 2, padding="same")

    def _forward(self, x):
        return self.conv_block(x) * 2.0

    call = tf.function(_forward)


class CellBuiltInBuild(CellStep):
    """Twin: build() builds the cell before call() is traced."""

    def build(self, input_shape):
        self.cell.build((input_shape[0], input_shape[-1]))


class PlainCall(tf.keras.layers.Layer):
    """Twin: the same sublayer first built in a plain call() (Keras 3 runs it eagerly later)."""

    def __init__(self, units):
        super().__init__()
        self.project = tf.keras.layers.Dense(units)

    def call(self, x):
        return tf.nn.relu(self.project(x))


def _functional(layer, shape):
    inputs = tf.keras.Input(shape)
    return tf.keras.Model(inputs, layer(inputs))


def cell_step():
    return _functional(CellStep(4), (5, 3))


def traced_projection():
    return _functional(TracedProjection(4), (6,))


def wrapped_call():
    return _functional(WrappedCall(4), (5, 3))


def cell_built_in_build():
    return _functional(CellBuiltInBuild(4), (5, 3))


def plain_call():
    return _functional(PlainCall(4), (6,))
