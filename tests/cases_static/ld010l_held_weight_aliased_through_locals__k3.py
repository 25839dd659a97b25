# LD010 variable-shadowed: a held layer's weight replaced in call() through an alias that build() made via locals
# Measured on Keras 3.15.1 + TF 2.21: make_weight_norm, make_direction_scale and make_half_table raise AttributeError
# ("property 'kernel' of 'Dense' / 'Conv1D' object has no setter", "property 'embeddings' of 'Embedding' object has no
# setter"; the functional model's symbolic call already raises for the last two). The twins run, every trainable weight
# gets a gradient and the output follows the weights: the normalized value assigned into the aliased variable, and
# `bias` (a plain attribute on Keras 3) recomputed from its alias in every call. Before this family lint missed the
# marked lines: build() made the alias through locals (`kernel_layer = self.layer.cell if rnn else self.layer;
# kernel = kernel_layer.kernel; self.v = kernel`), and only `self.v = self.layer.kernel` was recognised (ld010j).
import keras
from keras import layers, ops

CASE, TITLE = "LD010l", "`self.v = kernel` after `kernel = kernel_layer.kernel` in build(); `self.layer.kernel = f(self.v)` in call()"
FEATURES = 6


def _l2(w):
    return w / ops.sqrt(ops.sum(ops.square(w), axis=0, keepdims=True) + 1e-12)


class WeightNorm(layers.Wrapper):
    """The tfa WeightNormalization shape: the owner chosen by a conditional, the kernel read into a local."""

    def __init__(self, layer, **kwargs):
        super().__init__(layer, **kwargs)
        self.is_rnn = isinstance(layer, layers.RNN)

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        kernel_layer = self.layer.cell if self.is_rnn else self.layer
        kernel = kernel_layer.kernel
        self.g = self.add_weight(shape=(kernel.shape[-1],), initializer="ones", name="g")
        self.v = kernel
        super().build(input_shape)

    def call(self, inputs):
        kernel = _l2(self.v) * self.g
        self.layer.kernel = kernel  # LD010
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


class DirectionScale(layers.Wrapper):
    """A wrapped Conv1D named through a local in build(); call() writes the scaled direction back."""

    def build(self, input_shape):
        conv = self.layer
        conv.build(input_shape)
        direction = conv.kernel
        self.direction = direction
        self.scale = self.add_weight(shape=(), initializer="ones", name="scale")
        super().build(input_shape)

    def call(self, inputs):
        self.layer.kernel = self.direction * self.scale  # LD010
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


class HalfTable(layers.Layer):
    """A held Embedding; the table reached through a local in build(), halved into the property in call()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.embed = layers.Embedding(10, 4)

    def build(self, input_shape):
        self.embed.build(input_shape)
        table = self.embed.embeddings
        self.table = table

    def call(self, inputs):
        halved = self.table * 0.5
        self.embed.embeddings = halved  # LD010
        return self.embed(inputs)


class AssignedWeightNorm(layers.Wrapper):
    """Correct: the same alias, but the normalized value is assigned into the variable."""

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        kernel_layer = self.layer
        kernel = kernel_layer.kernel
        self.v = kernel
        super().build(input_shape)

    def call(self, inputs):
        self.layer.kernel.assign(_l2(self.v))
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


class ScaledBias(layers.Wrapper):
    """Correct: `bias` is a plain attribute on Keras 3; recomputed from its alias in every call, it trains."""

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        inner = self.layer
        bias = inner.bias
        self.b = bias
        self.s = self.add_weight(shape=(), initializer="ones", name="s")
        super().build(input_shape)

    def call(self, inputs):
        self.layer.bias = self.b * self.s
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


def _model(layer, shape=(FEATURES,), dtype="float32"):
    inputs = keras.Input(shape, dtype=dtype)
    return keras.Model(inputs, layer(inputs))


def make_weight_norm():
    return _model(WeightNorm(layers.Dense(4)))


def make_direction_scale():
    return _model(DirectionScale(layers.Conv1D(4, 3, padding="same")), (5, FEATURES))


def make_half_table():
    return _model(HalfTable(), (5,), "int32")


def make_assigned_weight_norm():
    return _model(AssignedWeightNorm(layers.Dense(4)))


def make_scaled_bias():
    return _model(ScaledBias(layers.Dense(4)))
