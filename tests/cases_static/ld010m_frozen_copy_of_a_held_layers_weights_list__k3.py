# LD010 variable-shadowed: a tensor computed in build() from a held layer's `weights[i]` (or trainable_weights, variables), read in call()
# Measured on Keras 3.15.1 + TF 2.21, calling the head layer alone on fixed inputs: for TiedTransposed,
# SharedProjection and ScaledLookup tape.gradient(output, the other layer's weight) is None and, after assigning
# new random values to that weight, the output is unchanged (a constant copy taken in build()); the weight is
# still listed and counted. The twins (transpose in call(), or build() keeping the variable itself) get a gradient
# and their output follows the weight. Before this family lint missed the marked lines: the weight was reached as
# `weights[0]` / `trainable_weights[0]` / `variables[0]` of a held layer, and a class with no weight of its own
# was not looked at.
import keras
from keras import layers, ops

CASE, TITLE = "LD010m", "`self.w_t = ops.transpose(self.tied_to.weights[0])` in build(): a frozen copy of another layer's weight"
VOCAB, DIM = 20, 8


class TiedTransposed(layers.Layer):
    """No weight of its own: the transpose of the passed layer's first weight, taken once in build()."""

    def __init__(self, tied_to, **kwargs):
        super().__init__(**kwargs)
        self.tied_to = tied_to

    def build(self, input_shape):
        self.transposed = ops.transpose(self.tied_to.weights[0])  # LD010

    def call(self, inputs):
        return ops.softmax(ops.matmul(inputs, self.transposed))


class SharedProjection(layers.Layer):
    """The source's trainable_weights[0] read into a local first; the layer has its own bias."""

    def __init__(self, source, units, **kwargs):
        super().__init__(**kwargs)
        self.source = source
        self.units = units

    def build(self, input_shape):
        table = self.source.trainable_weights[0]
        self.proj = ops.transpose(table) * 0.5  # LD010
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs):
        return ops.matmul(inputs, self.proj) + self.bias


class ScaledLookup(layers.Layer):
    """A sublayer made in __init__ and built in build(); its variables[0] scaled once."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.emb = layers.Embedding(VOCAB, DIM)

    def build(self, input_shape):
        self.emb.build(input_shape)
        self.scaled = self.emb.variables[0] * 0.1  # LD010

    def call(self, inputs):
        return ops.take(self.scaled, inputs, axis=0)


class TiedLive(layers.Layer):
    """Correct: the transpose is taken in call(), from the passed layer's variable, every time."""

    def __init__(self, tied_to, **kwargs):
        super().__init__(**kwargs)
        self.tied_to = tied_to

    def call(self, inputs):
        return ops.softmax(ops.matmul(inputs, ops.transpose(self.tied_to.weights[0])))


class TiedAlias(layers.Layer):
    """Correct: build() keeps the variable itself (an alias); call() transposes it."""

    def __init__(self, tied_to, **kwargs):
        super().__init__(**kwargs)
        self.tied_to = tied_to

    def build(self, input_shape):
        self.table = self.tied_to.weights[0]

    def call(self, inputs):
        return ops.softmax(ops.matmul(inputs, ops.transpose(self.table)))


def _tied(cls):
    tokens = keras.Input((5,), dtype="int32")
    encoder = layers.Embedding(VOCAB, DIM)
    x = layers.GlobalAveragePooling1D()(encoder(tokens))
    return keras.Model(tokens, cls(encoder)(x))


def make_tied_transposed():
    return _tied(TiedTransposed)


def make_shared_projection():
    tokens = keras.Input((5,), dtype="int32")
    encoder = layers.Embedding(VOCAB, DIM)
    x = layers.GlobalAveragePooling1D()(encoder(tokens))
    return keras.Model(tokens, SharedProjection(encoder, VOCAB)(x))


def make_scaled_lookup():
    tokens = keras.Input((5,), dtype="int32")
    return keras.Model(tokens, ScaledLookup()(tokens))


def make_tied_live():
    return _tied(TiedLive)


def make_tied_alias():
    return _tied(TiedAlias)
