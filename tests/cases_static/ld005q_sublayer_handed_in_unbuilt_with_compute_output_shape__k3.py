# LD005 unbuilt-sublayer: a sublayer handed in through the constructor, used by call() but not built by build(), in a layer that overrides compute_output_shape
# Measured: TODO
import keras
import tensorflow as tf
from keras import layers
from tensorflow.keras import backend as K

CASE, TITLE = "LD005q", "a sublayer handed in to a layer with build() and compute_output_shape() stays unbuilt"
FEATURES = 4
INPUTS = {}


class AttentionWrapper(layers.Layer):
    """The cell is stored before super().__init__() and run only in K.rnn's step function."""

    def __init__(self, cell, units, **kwargs):
        self._cell = cell  # LD005
        self.units = units
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.w_a = self.add_weight(shape=(input_shape[-1], self.units), initializer="uniform")

    def call(self, inputs):
        def _step(x, states):
            x = tf.matmul(x, self.w_a)
            out, new_states = self._cell(x, states)
            return out, new_states

        _, outputs, _ = K.rnn(_step, inputs, [tf.zeros((tf.shape(inputs)[0], self._cell.units))])
        return outputs

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1], self._cell.units)


class Residual(keras.layers.Layer):
    def __init__(self, inner=None, scale=1.0, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner  # LD005
        self.scale = scale

    def build(self, input_shape):
        self.alpha = self.add_weight(shape=(), initializer="zeros", name="alpha")

    def call(self, x):
        return x + self.alpha * self.inner(x) * self.scale

    def compute_output_shape(self, input_shape):
        return input_shape


class ShapeAware(layers.Layer):
    """A base of the file that answers the output shape."""

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.width,)


class Projector(ShapeAware):
    def __init__(self, proj, width, **kwargs):
        super().__init__(**kwargs)
        self.proj = proj  # LD005
        self.width = width

    def build(self, input_shape):
        self.bias = self.add_weight(shape=(self.width,), initializer="zeros")

    def call(self, x):
        return self.proj(x) + self.bias


class AttentionWrapperBuilt(layers.Layer):
    """Correct: build() builds the handed-in cell."""

    def __init__(self, cell, units, **kwargs):
        self._cell = cell
        self.units = units
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.w_a = self.add_weight(shape=(input_shape[-1], self.units), initializer="uniform")
        self._cell.build((input_shape[0], self.units))

    def call(self, inputs):
        def _step(x, states):
            out, new_states = self._cell(tf.matmul(x, self.w_a), states)
            return out, new_states

        _, outputs, _ = K.rnn(_step, inputs, [tf.zeros((tf.shape(inputs)[0], self._cell.units))])
        return outputs

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1], self._cell.units)


class ResidualNoShape(keras.layers.Layer):
    """Correct: no compute_output_shape(): Keras 3 runs call() symbolically and builds the inner layer."""

    def __init__(self, inner=None, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner

    def build(self, input_shape):
        self.alpha = self.add_weight(shape=(), initializer="zeros", name="alpha")

    def call(self, x):
        return x + self.alpha * self.inner(x)


class ProjectorPrebuilt(ShapeAware):
    """Correct: the author builds the handed-in layer in __init__."""

    def __init__(self, proj, width, **kwargs):
        super().__init__(**kwargs)
        self.proj = proj
        self.proj.build((None, FEATURES))
        self.width = width

    def build(self, input_shape):
        self.bias = self.add_weight(shape=(self.width,), initializer="zeros")

    def call(self, x):
        return self.proj(x) + self.bias


def _wired(layer, shape):
    inputs = keras.Input(shape)
    return keras.Model(inputs, layer(inputs))


def make_attention_wrapper():
    return _wired(AttentionWrapper(cell=layers.GRUCell(3), units=5), (6, FEATURES))


def make_residual():
    return keras.Sequential([keras.Input((FEATURES,)), Residual(inner=layers.Dense(FEATURES)), layers.Dense(2)])


def make_projector():
    dense = layers.Dense(3)
    return _wired(Projector(dense, 3), (FEATURES,))


def make_attention_wrapper_built():
    return _wired(AttentionWrapperBuilt(layers.GRUCell(3), 5), (6, FEATURES))


def make_residual_no_shape():
    return _wired(ResidualNoShape(layers.Dense(FEATURES)), (FEATURES,))


def make_projector_prebuilt():
    return _wired(ProjectorPrebuilt(layers.Dense(3), 3), (FEATURES,))
