# LD002 state-created-in-call: a weighted sublayer handed in through the constructor, not built in build(), first runs inside a call() decorated with @tf.function
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix13b/measure.py on this file: the
# model as made, then one GradientTape call on random data): as ld002n, but the sublayer is made at the call
# site and handed in (`self.cell = cell`), as in Hands-On ML's MyRNN(LNSimpleRNNCell(32)). Counted, built,
# no sublayer unbuilt, but None gradients: make_step_loop (a project NormCell = SimpleRNNCell +
# LayerNormalization, tf.range loop, no build(), in a Sequential): 5 of 7 weights None (all the cell's);
# make_refiner (build() makes a gate but not the handed-in Dense, keyword argument, functional wiring): 2 of
# 3 None (the Dense's); make_aliased_head (`traced = tf.function`, the Dense bound to a local first): 2 of 2.
# Twins: make_step_loop_built (build() builds the GRUCell): 0 of 5 None; make_plain_head (no tf.function):
# 0 of 2; make_noisy_head (a Dropout handed in, no weights): 0 of 2.
import keras
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD002p", "a sublayer handed in through the constructor first built inside a @tf.function call()"
FEATURES = 4
traced = tf.function
INPUTS = {}


class NormCell(layers.Layer):
    """A project cell: a SimpleRNNCell plus LayerNormalization, made in __init__, no build()."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.state_size = units
        self.output_size = units
        self.rnn_cell = layers.SimpleRNNCell(units, activation=None)
        self.norm = layers.LayerNormalization()

    def call(self, inputs, states):
        out, _ = self.rnn_cell(inputs, states)
        out = tf.tanh(self.norm(out))
        return out, [out]


class StepLoop(layers.Layer):
    """No build(): Keras builds it by tracing the @tf.function call()."""

    def __init__(self, cell, **kwargs):
        super().__init__(**kwargs)
        self.cell = cell  # LD002  # LD009

    @tf.function
    def call(self, inputs):
        states = [tf.zeros((tf.shape(inputs)[0], self.cell.state_size))]
        out = states[0]
        for t in tf.range(tf.shape(inputs)[1]):
            out, states = self.cell(inputs[:, t], states)
        return out


class Refiner(keras.layers.Layer):
    """A build() that leaves the handed-in layer alone; wired on a keras.Input."""

    def __init__(self, units, inner=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self._inner = inner  # LD002

    def build(self, input_shape):
        self.gate = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    @tf.function(reduce_retracing=True)
    def call(self, x):
        return self._inner(x * self.gate)


class AliasedHead(layers.Layer):
    def __init__(self, head, **kwargs):
        super().__init__(**kwargs)
        self.head = head  # LD002  # LD009

    @traced
    def call(self, x):
        return tf.nn.relu(self.head(x))


class StepLoopBuilt(layers.Layer):
    """Correct: build() builds the cell before the traced call runs."""

    def __init__(self, cell, **kwargs):
        super().__init__(**kwargs)
        self.cell = cell

    def build(self, input_shape):
        self.cell.build((input_shape[0], input_shape[-1]))

    @tf.function
    def call(self, inputs):
        states = [tf.zeros((tf.shape(inputs)[0], self.cell.state_size))]
        out = states[0]
        for t in tf.range(tf.shape(inputs)[1]):
            out, states = self.cell(inputs[:, t], states)
        return out


class PlainHead(layers.Layer):
    """Correct: call() is not a tf.function; the handed-in layer builds on the first call."""

    def __init__(self, head, **kwargs):
        super().__init__(**kwargs)
        self.head = head

    def call(self, x):
        return tf.nn.relu(self.head(x))


class NoisyHead(layers.Layer):
    """Correct: the handed-in layer has no weights (Dropout): nothing to bake into the trace."""

    def __init__(self, noise, **kwargs):
        super().__init__(**kwargs)
        self.noise = noise

    @tf.function
    def call(self, x):
        return self.noise(x)


def make_step_loop():
    return keras.Sequential([keras.Input((5, FEATURES)), StepLoop(NormCell(3)), layers.Dense(2)])


def make_refiner():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, Refiner(3, inner=layers.Dense(3))(inputs))


def make_aliased_head():
    dense = layers.Dense(2)
    return keras.Sequential([keras.Input((FEATURES,)), AliasedHead(dense)])


def make_step_loop_built():
    return keras.Sequential([keras.Input((5, FEATURES)), StepLoopBuilt(layers.GRUCell(3)), layers.Dense(2)])


def make_plain_head():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, PlainHead(layers.Dense(3))(inputs))


def make_noisy_head():
    return keras.Sequential([keras.Input((FEATURES,)), NoisyHead(layers.Dropout(0.0)), layers.Dense(2)])
