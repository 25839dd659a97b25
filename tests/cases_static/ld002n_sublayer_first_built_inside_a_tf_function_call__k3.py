# LD002 state-created-in-call: a sublayer with weights, made in __init__ and not built in build(), first runs inside a call() decorated with @tf.function
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix12b/m2.py, m2b.py and
# /tmp/fix12b/grads.py on this file): the sublayer's weights are created while the tf.function is first
# traced, and when that first trace is symbolic (Keras wiring the layer into a functional model on a
# keras.Input, or building a layer that has no build() method by tracing call()) the traced graph every
# later call runs holds their initial values: the layer lists and counts them, but every sublayer
# weight gets a None gradient and assigning new values does not move the output. The same with a
# GRUCell or a Dense, with or without a tf.range loop, with `@tf.function(...)` arguments or an alias.
# A layer WITH a build() method whose first call is eager is fine (GruSkip/Projected called eagerly:
# 0 None grads): the variants with build() are wired here on a keras.Input, as in LSTNet.
# make_gru_skip: 3 of 3 cell weights None grads, output does not move; make_projected: 2 of 2;
# make_aliased_tf_function: 2 of 2; make_no_build_method: 2 of 2.
# Twins: make_cell_built_in_build (self.cell.build(...) in build()): 0 None, output moves;
# make_plain_call (no @tf.function): 0 None; make_dropout_only (Dropout has no weights, Dense built in build): 0 None.
import keras
import tensorflow as tf
from tensorflow import function as traced
from keras import layers

CASE, TITLE = "LD002n", "a sublayer first built inside a @tf.function call(): its weights are baked into the trace"
FEATURES = 4
INPUTS = {"make_gru_skip": (2, 5, 4), "make_cell_built_in_build": (2, 5, 4)}


class GruSkip(layers.Layer):
    def __init__(self, units=3, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.cell = layers.GRUCell(units)  # LD002

    def build(self, input_shape):
        self.timesteps = input_shape[1]

    @tf.function
    def call(self, inputs):
        state = tf.zeros((tf.shape(inputs)[0], self.units))
        out = state
        for t in tf.range(self.timesteps):
            out, state = self.cell(inputs[:, t, :], state)
        return out


class Projected(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scale = 2.0
        self.proj = layers.Dense(3)  # LD002

    def build(self, input_shape):
        self.width = input_shape[-1]

    @tf.function(reduce_retracing=True)
    def call(self, x):
        return self.proj(x) * self.scale


class AliasedTfFunction(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.head = layers.Dense(2, activation="relu")  # LD002  # LD009

    @traced
    def call(self, x):
        return self.head(x)


class NoBuildMethod(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = layers.Dense(3)  # LD002  # LD009

    @tf.function
    def call(self, x):
        return tf.nn.relu(self.encoder(x))


class CellBuiltInBuild(layers.Layer):
    """Correct: the cell is built in build(), outside the traced function."""

    def __init__(self, units=3, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.cell = layers.GRUCell(units)

    def build(self, input_shape):
        self.timesteps = input_shape[1]
        self.cell.build((input_shape[0], input_shape[-1]))

    @tf.function
    def call(self, inputs):
        state = tf.zeros((tf.shape(inputs)[0], self.units))
        out = state
        for t in tf.range(self.timesteps):
            out, state = self.cell(inputs[:, t, :], state)
        return out


class PlainCall(layers.Layer):
    """Correct: no tf.function on call(); the sublayer builds on the first call and trains."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(3)

    def call(self, x):
        return self.proj(x)


class DropoutOnly(layers.Layer):
    """Correct: the Dense is built in build(); Dropout has no weights to bake in."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.drop = layers.Dropout(0.1)
        self.proj = layers.Dense(3)

    def build(self, input_shape):
        self.proj.build(input_shape)

    @tf.function
    def call(self, x):
        return self.drop(self.proj(x))


def _wired(layer, shape):
    inputs = keras.Input(shape)
    return keras.Model(inputs, layer(inputs))


def make_gru_skip():
    return _wired(GruSkip(), (5, FEATURES))


def make_projected():
    return _wired(Projected(), (FEATURES,))


def make_aliased_tf_function():
    return AliasedTfFunction()


def make_no_build_method():
    return NoBuildMethod()


def make_cell_built_in_build():
    return _wired(CellBuiltInBuild(), (5, FEATURES))


def make_plain_call():
    return _wired(PlainCall(), (FEATURES,))


def make_dropout_only():
    return _wired(DropoutOnly(), (FEATURES,))
