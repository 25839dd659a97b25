# LD001 raw-tensor-state: weight-named tensors from formulas; a fixed filter from typed-in numbers is only a warning
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix10a/measure.py on this file,
# weights after one call on ones((2, 4))): make_random_projection: 0 weights (the random kernel is
# a raw tensor: not counted, not trained); make_zero_bias: 2 weights (the Dense's), the zeros bias
# untracked; make_filled_scale: 0 weights, the scale untracked. These are the LD001 errors: an
# array meant as a trainable weight (random values, or a shape filled with zeros / one value).
# make_binomial_blur: 0 weights and make_sobel_pair: 0 weights too, but by design: their values are
# computed only from number lists typed in by hand (a binomial blur a[:, None] * a[None, :], a Sobel
# filter stacked with its transpose; TensorFlowASR's BlurPool, tests/heldout10, is measured correct).
# Nothing in the code says whether such values were meant to train, so lint reports them as a
# warning that says it is a heuristic (the markers below cover them; they are not errors).
# Twins: make_registered_blur: 1 weight (non-trainable, add_weight with a Constant initializer);
# make_blur_taps: 0 weights, a fixed filter under a name that is not a weight's: no finding.
import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD001j", "weight-named tensors from formulas: random or filled arrays are errors, typed-in filters a warning"
FEATURES = 4


class RandomProjection(layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        w = np.random.randn(FEATURES, units).astype("float32") * 0.1
        self.kernel = tf.constant(w)  # LD001

    def call(self, x):
        return tf.matmul(x, self.kernel)


class ZeroBias(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(4)

    def build(self, input_shape):
        self.bias = tf.constant(np.zeros(4, "float32"))  # LD001

    def call(self, x):
        return self.proj(x) + self.bias


class FilledScale(keras.layers.Layer):
    def __init__(self, init_value=0.5, **kwargs):
        super().__init__(**kwargs)
        self.scale = ops.convert_to_tensor(np.full((FEATURES,), init_value, "float32"))  # LD001

    def call(self, x):
        return x * self.scale


class BinomialBlur(layers.Layer):
    def __init__(self, size=3, **kwargs):
        super().__init__(**kwargs)
        if size == 3:
            a = np.array([1.0, 2.0, 1.0])
        else:
            a = np.array([1.0, 3.0, 3.0, 1.0])
        self.kernel = tf.constant(a[:, None] * a[None, :], dtype="float32")  # LD001 (warning: a heuristic)
        self.kernel = self.kernel / tf.reduce_sum(self.kernel)

    def call(self, x):
        return x * tf.reduce_sum(self.kernel)


class SobelPair(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        sobel = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype="float32") / 4.0
        self.edge_kernel = ops.convert_to_tensor(np.stack([sobel, sobel.T], axis=-1)[:, :, None, :])  # LD001 (warning)

    def call(self, x):
        return x + ops.sum(ops.abs(self.edge_kernel))


class RegisteredBlur(layers.Layer):
    """Twin: the same fixed filter registered as a non-trainable weight."""

    def build(self, input_shape):
        a = np.array([1.0, 2.0, 1.0])
        self.kernel = self.add_weight(shape=(3, 3), trainable=False,
                                      initializer=keras.initializers.Constant(a[:, None] * a[None, :] / 16.0))

    def call(self, x):
        return x * ops.sum(self.kernel)


class BlurTaps(layers.Layer):
    """Twin: a fixed filter under a buffer's name."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        a = np.array([1.0, 2.0, 1.0])
        self.blur_taps = tf.constant(np.outer(a, a) / 16.0, dtype="float32")

    def call(self, x):
        return x * tf.reduce_sum(self.blur_taps)


def make_random_projection():
    return RandomProjection()


def make_zero_bias():
    return ZeroBias()


def make_filled_scale():
    return FilledScale()


def make_binomial_blur():
    return BinomialBlur()


def make_sobel_pair():
    return SobelPair()


def make_registered_blur():
    return RegisteredBlur()


def make_blur_taps():
    return BlurTaps()
