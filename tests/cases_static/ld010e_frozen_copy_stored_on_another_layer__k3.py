# LD010 variable-shadowed: a copy computed from weights in build(), stored on ANOTHER layer that call() uses
import keras
import tensorflow as tf
from keras import ops

CASE, TITLE = "LD010e", "frozen copy stored on a wrapped layer or sublayer (weight norm, tied embeddings)"


class NormedDense(keras.layers.Dense):
    """Reads a kernel that a wrapper may install."""

    def call(self, inputs):
        return ops.matmul(inputs, self.normed_kernel) + self.bias


class WeightNorm(keras.layers.Wrapper):
    """keras.ops, on the wrapped layer's own attribute."""

    def build(self, input_shape):
        self.layer.build(input_shape)
        v = self.layer.kernel
        self.g = self.add_weight(shape=(v.shape[-1],), initializer="ones", name="g")
        self.layer.normed_kernel = self.g * v / ops.norm(v, axis=0)  # LD010: computed once, from initial values

    def call(self, inputs):
        return self.layer(inputs)


class WeightNormOverKernel(keras.layers.Wrapper):
    """tf ops, over the variable behind Dense's `kernel` property, through a local alias of the layer."""

    def build(self, input_shape):
        inner = self.layer
        inner.build(input_shape)
        self.g = self.add_weight(shape=(inner.units,), initializer="ones", name="g")
        inner._kernel = tf.nn.l2_normalize(inner.kernel, axis=0) * self.g  # LD010: Dense.call reads it

    def call(self, inputs):
        return self.layer(inputs)


class TiedHead(keras.layers.Layer):
    def call(self, inputs):
        return ops.matmul(inputs, self.tied_kernel)


class TiedLanguageModel(keras.Model):
    """A subclassed model tying the output head to the embedding table in build()."""

    def __init__(self, vocab, dim, **kwargs):
        super().__init__(**kwargs)
        self.embed = keras.layers.Embedding(vocab, dim)
        self.head = TiedHead()

    def build(self, input_shape):
        self.embed.build(input_shape)
        self.head.tied_kernel = ops.transpose(self.embed.embeddings)  # LD010: a constant copy of the table

    def call(self, tokens):
        return self.head(ops.mean(self.embed(tokens), axis=1))


class WeightNormInCall(keras.layers.Wrapper):
    """Correct: the same normalisation, recomputed on every call."""

    def build(self, input_shape):
        self.layer.build(input_shape)
        self.g = self.add_weight(shape=(self.layer.units,), initializer="ones", name="g")
        self.layer.fan_in = self.layer.kernel.shape[0]  # metadata, not a copy

    def call(self, inputs):
        v = self.layer.kernel
        self.layer.normed_kernel = self.g * v / ops.norm(v, axis=0)
        return self.layer(inputs)


class TiedByReference(keras.Model):
    """Correct: the head gets the variable itself and transposes it in its call()."""

    def __init__(self, vocab, dim, **kwargs):
        super().__init__(**kwargs)
        self.embed = keras.layers.Embedding(vocab, dim)
        self.head = TiedHeadByReference()

    def build(self, input_shape):
        self.embed.build(input_shape)
        self.head.table = self.embed.embeddings

    def call(self, tokens):
        return self.head(ops.mean(self.embed(tokens), axis=1))


class TiedHeadByReference(keras.layers.Layer):
    def call(self, inputs):
        return ops.matmul(inputs, ops.transpose(self.table))


class ProjectedDense(keras.layers.Dense):
    def call(self, inputs):
        return ops.matmul(ops.matmul(inputs, self.projection), self.kernel) + self.bias


class FixedProjectionWrapper(keras.layers.Wrapper):
    """Correct: a copy of a non-trainable buffer, a fixed constant by design."""

    def build(self, input_shape):
        self.basis = self.add_weight(shape=(input_shape[-1], input_shape[-1]), trainable=False, name="basis")
        self.layer.build(input_shape)
        self.layer.projection = ops.transpose(self.basis)

    def call(self, inputs):
        return self.layer(inputs)


SHAPE = (12,)


def make():
    return WeightNorm(NormedDense(6))
