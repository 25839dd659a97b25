# LD010 variable-shadowed: a held layer's weight replaced by a tensor computed from an alias of it (`self.w = self.layer.kernel`)
# Measured on Keras 3.15.1 + TF 2.21 (each make_* below, called twice on data under a GradientTape): the
# marked SpectralWrap, MaskedConv and ScaledEmbedding raise AttributeError on their first call ("property
# 'kernel' of 'Dense' / 'Conv1D' object has no setter", "property 'embeddings' of 'Embedding' object has no
# setter"), and so does renormalize() on a built Dense; HalvedBias runs but its Dense computes with a frozen
# copy of the bias (gradient None for dense/bias). The twins run and every trainable weight gets a gradient:
# the value assigned into the aliased variable, the normalized kernel used by the wrapper's own matmul, a
# plain attribute set on the held layer, and `bias` (a plain attribute on Keras 3) recomputed from its
# alias in call() on every call (before this family lint missed all the marked lines: the weight was read
# through an alias or a local, and the writes inside layer classes were seen only when the file's
# functional code mentioned `x.kernel = ... .kernel`).
import keras
from keras import layers, ops

CASE, TITLE = "LD010j", "`self.layer.kernel = self.w / sigma` where build() aliased `self.w = self.layer.kernel`"
FEATURES = 6


def _sigma(w):
    return ops.sqrt(ops.sum(ops.square(w)) + 1e-12)


class SpectralWrap(layers.Wrapper):
    """The wrapped layer's kernel aliased in build(); a helper that call() runs writes the normalized copy back."""

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        self.kernel_var = self.layer.kernel
        super().build(input_shape)

    def call(self, inputs):
        self._renormalize()
        return self.layer(inputs)

    def _renormalize(self):
        self.layer.kernel = self.kernel_var / _sigma(self.kernel_var)  # LD010

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


class MaskedConv(layers.Layer):
    """A held Conv1D (not a Wrapper), its kernel aliased in build(); call() masks it through a local."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv1D(4, 3, padding="same")

    def build(self, input_shape):
        self.conv.build(input_shape)
        self.raw = self.conv.kernel
        self.mask = self.add_weight(shape=self.raw.shape, initializer="ones", trainable=False)

    def call(self, inputs):
        masked = ops.multiply(self.raw, self.mask)
        self.conv.kernel = masked  # LD010
        return self.conv(inputs)


class ScaledEmbedding(layers.Wrapper):
    """The owner through a local (`inner = self.layer`), the embeddings table aliased in build()."""

    def build(self, input_shape):
        self.layer.build(input_shape)
        self.table = self.layer.embeddings
        super().build(input_shape)

    def call(self, inputs):
        inner = self.layer
        inner.embeddings = self.table * 0.5  # LD010
        return inner(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


class HalvedBias(layers.Layer):
    """A held Dense's bias aliased in __init__ after building it; build() writes a scaled copy back."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(4)
        self.proj.build((None, FEATURES))
        self.offset = self.proj.bias

    def build(self, input_shape):
        self.proj.bias = self.offset * 0.5  # LD010

    def call(self, inputs):
        return self.proj(inputs)


def renormalize(layer):
    """A plain function: the kernel read into a local first, the normalized copy written back."""
    w = layer.kernel
    layer.kernel = w / _sigma(w)  # LD010
    return layer


class AssignedSpectralWrap(layers.Wrapper):
    """Correct: same alias, but the variable keeps its identity and its value is assigned."""

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        self.kernel_var = self.layer.kernel
        super().build(input_shape)

    def call(self, inputs):
        self._renormalize()
        return self.layer(inputs)

    def _renormalize(self):
        self.layer.kernel.assign(self.kernel_var / _sigma(self.kernel_var))

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


class SpectralDenseOutput(layers.Wrapper):
    """Correct: same alias, the normalized kernel kept on self and used by this layer's own matmul."""

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        self.kernel_var = self.layer.kernel
        super().build(input_shape)

    def call(self, inputs):
        self.normed = self.kernel_var / _sigma(self.kernel_var)
        return ops.matmul(inputs, self.normed) + self.layer.bias

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


class SigmaOnHeldLayer(layers.Wrapper):
    """Correct: the alias only names the variable; a plain attribute of the held layer takes the tensor."""

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        self.kernel_var = self.layer.kernel
        super().build(input_shape)

    def call(self, inputs):
        self.layer.last_sigma = _sigma(self.kernel_var)
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


class BiasRescaledPerCall(layers.Wrapper):
    """Correct on Keras 3: `bias` is a plain attribute there, and call() recomputes it from the alias
    each call, so the tensor the held layer reads is a fresh function of the variable."""

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        self.offset = self.layer.bias
        super().build(input_shape)

    def call(self, inputs):
        self.layer.bias = self.offset * 0.5
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


def _dense_model(wrapper):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, wrapper(layers.Dense(4))(inputs))


def make_spectral_wrap():
    return _dense_model(SpectralWrap)


def make_masked_conv():
    inputs = keras.Input((5, FEATURES))
    return keras.Model(inputs, MaskedConv()(inputs))


def make_scaled_embedding():
    inputs = keras.Input((5,), dtype="int32")
    return keras.Model(inputs, ScaledEmbedding(layers.Embedding(10, 4))(inputs))


def make_renormalized():
    dense = layers.Dense(4)
    dense.build((None, FEATURES))
    renormalize(dense)
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, dense(inputs))


def make_halved_bias():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, HalvedBias()(inputs))


def make_bias_rescaled_per_call():
    return _dense_model(BiasRescaledPerCall)


def make_assigned_spectral_wrap():
    return _dense_model(AssignedSpectralWrap)


def make_spectral_dense_output():
    return _dense_model(SpectralDenseOutput)


def make_sigma_on_held_layer():
    return _dense_model(SigmaOnHeldLayer)
