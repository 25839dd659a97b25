# LD001 raw-tensor-state: a random tensor that a function of the file returns, stored on self
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix17a/measure_m.py on this file): each
# make_* model is called on ones((2, 8)), then its layer's attribute is checked (a keras.Variable or not),
# count_params() taken, and a fresh model made the same way is compared after load_weights.
# make_features: RandomFeatures.random_features is a NumPy array (8, 16), not a variable: count_params 0
# for the layer (the model counts only the Dense head, 17), and a reloaded model's outputs differ (a new
# draw: by 0.78 to 2.1 over two runs); make_projected: Projected.proj (a builder's static method, through
# a local), an EagerTensor, the same (0 params, outputs differ by 0.62 to 2.2); make_fourier:
# FourierFeatures.omega (cos/sin of a draw made by another file function) the same (0.15 to 0.61);
# make_sketch: SketchLayer.sketch (one_hot of a randint draw, in build()) the same (0.65 to 1.1).
# Twins: make_counted: feature_rows() returns an int, 0 weights and nothing lost (no state);
# make_sinusoid: sinusoid_table() a constant NumPy table from np.arange (reload gives the same
# outputs); make_held: the helper's draw handed to add_weight through a Constant initializer: a
# variable, counted (128 + head) and restored by load_weights (outputs equal); make_factory: a helper returning a
# Dense layer (tracked, counted); make_initialized: a helper returning an initializer object, used by
# add_weight (counted); make_seeded: a stateless draw seeded from the layer's settings: not counted (0
# params) but the same after a reload (outputs equal): a fixed buffer rebuilt from the config, left alone.
import math

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD001m", "a random tensor returned by a function of the file, stored in __init__/build"
FEATURES = 8


def gaussian_orthogonal(rows, cols):
    blocks = []
    for _ in range(max(1, cols // rows)):
        q, _ = np.linalg.qr(np.random.randn(rows, rows))
        blocks.append(q.T)
    return np.concatenate(blocks, axis=1)[:, :cols].astype("float32") * math.sqrt(rows)


class Projections:
    @staticmethod
    def draw(dim, count):
        mat = tf.random.normal((dim, dim))
        q, _ = tf.linalg.qr(mat)
        return tf.tile(q, [1, count])


def _gaussian(dim, count, scale):
    return keras.random.normal((dim, count)) * scale


def fourier_basis(dim, count, scale=1.0):
    w = _gaussian(dim, count, scale)
    return ops.concatenate([ops.cos(w), ops.sin(w)], axis=-1)


def count_sketch(dim, width):
    buckets = keras.random.randint((dim,), 0, width)
    return ops.one_hot(buckets, width)


def seeded_projection(dim, count, seed):
    return tf.random.stateless_normal((dim, count), seed=[seed, seed + 1])


def feature_rows(dim):
    return int(dim * math.log(dim))


def sinusoid_table(dim, count):
    positions = np.arange(dim, dtype="float32")[:, None]
    rates = np.exp(-np.arange(count, dtype="float32") / count)
    return np.sin(positions * rates)


def dense_projection(units):
    return layers.Dense(units, use_bias=False)


def orthogonal_init(seed):
    return keras.initializers.Orthogonal(seed=seed)


class RandomFeatures(layers.Layer):
    def __init__(self, count=16, **kwargs):
        super().__init__(**kwargs)
        self.random_features = gaussian_orthogonal(FEATURES, count)  # LD001

    def call(self, x):
        return ops.relu(ops.matmul(x, self.random_features))


class Projected(layers.Layer):
    def __init__(self, count=2, **kwargs):
        super().__init__(**kwargs)
        proj = Projections.draw(FEATURES, count)
        self.proj = proj  # LD001

    def call(self, x):
        return ops.matmul(x, self.proj)


class FourierFeatures(layers.Layer):
    def __init__(self, count=8, **kwargs):
        super().__init__(**kwargs)
        self.omega = fourier_basis(FEATURES, count, scale=0.5)  # LD001

    def call(self, x):
        return ops.matmul(x, self.omega)


class SketchLayer(layers.Layer):
    def __init__(self, width=4, **kwargs):
        super().__init__(**kwargs)
        self.width = width

    def build(self, input_shape):
        self.sketch = count_sketch(input_shape[-1], self.width)  # LD001

    def call(self, x):
        return ops.matmul(x, self.sketch)


class SeededFeatures(layers.Layer):
    def __init__(self, count=16, seed=7, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.features = seeded_projection(FEATURES, count, seed=self.seed)

    def call(self, x):
        return ops.relu(ops.matmul(x, self.features))


class Counted(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows = feature_rows(FEATURES)

    def call(self, x):
        return ops.tile(x, [1, 2])[:, : self.rows]


class Sinusoid(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.table = sinusoid_table(FEATURES, FEATURES)

    def call(self, x):
        return ops.matmul(x, self.table)


class Held(layers.Layer):
    def __init__(self, count=16, **kwargs):
        super().__init__(**kwargs)
        values = gaussian_orthogonal(FEATURES, count)
        self.random_features = self.add_weight(
            shape=values.shape, initializer=keras.initializers.Constant(values), trainable=False)

    def call(self, x):
        return ops.relu(ops.matmul(x, self.random_features))


class Factory(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = dense_projection(FEATURES)

    def call(self, x):
        return self.proj(x)


class Initialized(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.init = orthogonal_init(3)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], FEATURES), initializer=self.init)

    def call(self, x):
        return ops.matmul(x, self.kernel)


def _wrap(layer):
    inputs = keras.Input(shape=(FEATURES,))
    return keras.Model(inputs, layers.Dense(1)(layer(inputs)))


def make_features():
    return _wrap(RandomFeatures())


def make_projected():
    return _wrap(Projected())


def make_fourier():
    return _wrap(FourierFeatures())


def make_sketch():
    return _wrap(SketchLayer())


def make_seeded():
    return _wrap(SeededFeatures())


def make_counted():
    return _wrap(Counted())


def make_sinusoid():
    return _wrap(Sinusoid())


def make_held():
    return _wrap(Held())


def make_factory():
    return _wrap(Factory())


def make_initialized():
    return _wrap(Initialized())
