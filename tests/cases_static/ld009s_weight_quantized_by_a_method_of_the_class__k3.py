# LD009 no-gradient: a weight that reaches call()'s result only through a method of the class (or a local) that signs/rounds it
import keras
from keras import layers, ops

CASE, TITLE = "LD009s", "weights ternarized by a method of the class (where(|w| > t, sign(w), 0)), or rounded through a local of call()"
FEATURES = 6

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), /tmp/fix11a/measure.py: each make_* model
# called on a float batch, gradient of sum(outputs) with tf.GradientTape for every trainable weight.
# Buggy (the kernel is counted and trainable, and never trained):
#   TernaryLinear.kernel (self._ternarize: where(abs(w) > 0.7*mean|w|, sign(w), zeros_like(w))): gradient zero;
#   RoundedLinear.w (`w = self.w` in call(), then round(w * 4) / 4): gradient None;
#   FloorDense.kernel (Dense's kernel, through self._snap called twice, floor()): gradient None.
# Twins (every trainable weight gets a gradient):
#   SteTernaryLinear (the same method wrapped as w + stop_gradient(q(w) - w)), ClippedLinear (a method
#   that clips: differentiable inside the range), ScaledLinear (the rounding method applies to a Python
#   float scale, the weight is multiplied directly).


class TernaryLinear(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def _threshold(self, w):
        return 0.7 * ops.mean(ops.abs(w))

    def _ternarize(self, w):
        return ops.where(ops.abs(w) > self._threshold(w), ops.sign(w), ops.zeros_like(w))

    def call(self, inputs):
        kernel = self._ternarize(self.kernel)  # LD009
        return ops.matmul(inputs, kernel)


class RoundedLinear(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 3))

    def call(self, x):
        w = self.w  # LD009
        q = ops.round(w * 4.0) / 4.0
        return ops.matmul(x, q)


class FloorDense(layers.Dense):
    def _snap(self, t):
        return ops.floor(t * 8.0) / 8.0

    def call(self, inputs):
        y = ops.matmul(self._snap(inputs), self._snap(self.kernel))  # LD009
        return y + self.bias


class SteTernaryLinear(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def _ternarize(self, w):
        q = ops.where(ops.abs(w) > 0.05, ops.sign(w), ops.zeros_like(w))
        return w + ops.stop_gradient(q - w)

    def call(self, inputs):
        kernel = self._ternarize(self.kernel)
        return ops.matmul(inputs, kernel)


class ClippedLinear(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 3))

    def _bounded(self, w):
        return ops.clip(w, -1.0, 1.0)

    def call(self, x):
        return ops.matmul(x, self._bounded(self.w))


class ScaledLinear(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 3))

    def _levels(self, scale):
        return ops.round(scale * 4.0)

    def call(self, x):
        w = self.w
        return ops.matmul(x, w) * self._levels(0.6)


def _model(layer, shape=(FEATURES,)):
    inputs = keras.Input(shape)
    return keras.Model(inputs, layer(inputs))


def make_ternary_linear():
    return _model(TernaryLinear(3))


def make_rounded_linear():
    return _model(RoundedLinear())


def make_floor_dense():
    return _model(FloorDense(3))


def make_ste_ternary_linear():
    return _model(SteTernaryLinear(3))


def make_clipped_linear():
    return _model(ClippedLinear())


def make_scaled_linear():
    return _model(ScaledLinear())
