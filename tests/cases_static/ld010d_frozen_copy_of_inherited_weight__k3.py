# LD010 variable-shadowed: copies of the weights a built-in base layer made in super().build()
import keras
from keras import ops

CASE, TITLE = "LD010d", "frozen copy of an inherited weight (through a local alias; over the base's _kernel)"


class ScaledEmbedding(keras.layers.Embedding):
    def build(self, input_shape=None):
        super().build(input_shape)
        table = self.embeddings  # an alias of the variable: fine by itself
        self.scaled_table = table * (self.output_dim ** 0.5)  # LD010: computed once, from the initial values

    def call(self, inputs):
        return ops.take(self.scaled_table, ops.cast(inputs, "int32"), axis=0)


class MaskedConv1D(keras.layers.Conv1D):
    def build(self, input_shape):
        super().build(input_shape)
        self.scale = self.add_weight(name="scale", shape=(self.filters,), initializer="ones")
        self.raw = self.kernel  # an alias of the variable: fine
        causal = ops.cast(ops.arange(self.kernel_size[0]) <= self.kernel_size[0] // 2, "float32")[:, None, None]
        self._kernel = self.raw * causal * self.scale  # LD010: the inherited call() reads a constant


class ScaledEmbeddingFixed(keras.layers.Embedding):
    """The correct twin: the scaled table is computed on every call."""

    def build(self, input_shape=None):
        super().build(input_shape)
        self.table_shape = self.embeddings.shape  # metadata, not a copy

    def call(self, inputs):
        table = self.embeddings * (self.output_dim ** 0.5)
        return ops.take(table, ops.cast(inputs, "int32"), axis=0)


class NormalisedDense(keras.layers.Dense):
    """Correct too: no super().build() here, so kernel is this class's own weight, read in call()."""

    def build(self, input_shape):
        self.kernel_v = self.add_weight(name="kernel_v", shape=(input_shape[-1], self.units))

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel_v / ops.norm(self.kernel_v, axis=0))
