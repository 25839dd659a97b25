# LD009 no-gradient: a weight stored under a private name that the class itself never reads (twins: a Keras base's property or a mixin reads it)
import keras
from keras import layers, ops

CASE, TITLE = "LD009r", "weights stored as self._kernel: read through Dense's kernel property or a mixin's helper, or not at all"
FEATURES = 6

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), /tmp/fix11a/measure.py: each make_* model
# called on a float batch, gradient of sum(outputs) with tf.GradientTape for every trainable weight.
# Buggy (the weight on the marked line is counted and trainable, and gets a None gradient):
#   ScaledDense._scale (a Dense subclass; Dense has no `scale` property, call() never reads it),
#   QuantDense._kernel (its mixin, reached through a module alias, reads self._weight_q instead),
#   GatedEmbedding._gate (an Embedding subclass; only `self.gate_units` is read).
# Twins (every trainable weight gets a gradient):
#   ReplicaDense (stores self._kernel, call() runs a lambda made in build() over self.kernel: Dense's
#   property returns self._kernel), MixinDense (the mixin, reached through `Backend = Fallback`, reads
#   self._kernel in a straight-through helper: w + stop_gradient(round(w) - w)),
#   TableEmbedding (stores self._embeddings, call() reads self.embeddings: Embedding's property).


class _Fallback:
    def _quantized(self, w):
        return w + ops.stop_gradient(ops.round(w * 4.0) / 4.0 - w)

    def _weights_q(self):
        return self._quantized(self._kernel)


class _OtherFallback:
    def _weights_q(self):
        return self._weight_q


Backend = _Fallback
OtherBackend = _OtherFallback


class ScaledDense(layers.Dense):
    def build(self, input_shape):
        super().build(input_shape)
        self._scale = self.add_weight(name="scale", shape=(self.units,), initializer="ones")  # LD009

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias


class QuantDense(keras.layers.Layer, OtherBackend):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self._kernel = self.add_weight(name="kernel", shape=(input_shape[-1], self.units))  # LD009
        self._weight_q = ops.ones((input_shape[-1], self.units))

    def call(self, inputs):
        return ops.matmul(inputs, self._weights_q())


class GatedEmbedding(layers.Embedding):
    def __init__(self, *args, gate_units=4, **kwargs):
        super().__init__(*args, **kwargs)
        self.gate_units = gate_units

    def build(self, input_shape=None):
        super().build(input_shape)
        self._gate = self.add_weight(name="gate", shape=(self.gate_units,), initializer="ones")  # LD009

    def call(self, ids):
        return ops.take(self.embeddings, ids, axis=0) * float(self.gate_units)


class ReplicaDense(layers.Dense):
    def build(self, input_shape):
        self._kernel = self.add_weight(name="kernel", shape=(input_shape[-1], self.units))
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros")
        self.built = True
        self.matmul = lambda x: ops.einsum("bf,fu->bu", x, self.kernel)

    def call(self, inputs):
        return self.matmul(inputs) + self.bias


class MixinDense(keras.layers.Layer, Backend):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self._kernel = None

    def build(self, input_shape):
        self._kernel = self.add_weight(name="kernel", shape=(input_shape[-1], self.units))

    def call(self, inputs):
        return ops.matmul(inputs, self._weights_q())


class TableEmbedding(layers.Embedding):
    def build(self, input_shape=None):
        self._embeddings = self.add_weight(name="embeddings", shape=(self.input_dim, self.output_dim))
        self.built = True

    def call(self, ids):
        return ops.take(self.embeddings, ids, axis=0)


def _model(layer, shape=(FEATURES,), dtype="float32"):
    inputs = keras.Input(shape, dtype=dtype)
    return keras.Model(inputs, layer(inputs))


def make_scaled_dense():
    return _model(ScaledDense(3))


def make_quant_dense():
    return _model(QuantDense(3))


def make_gated_embedding():
    return _model(GatedEmbedding(10, 4), shape=(5,), dtype="int32")


def make_replica_dense():
    return _model(ReplicaDense(3))


def make_mixin_dense():
    return _model(MixinDense(3))


def make_table_embedding():
    return _model(TableEmbedding(10, 4), shape=(5,), dtype="int32")
