# LD009 no-gradient: weights behind comparisons, inputs taken to NumPy in call(), outputs that carry no gradient
import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD009k", "comparisons, NumPy round trips of call()'s input, and model outputs no gradient reaches"
FEATURES, CLASSES = 6, 4


class HardGate(layers.Layer):
    """The threshold gets no gradient: it is only compared with the input."""

    def build(self, input_shape):
        self.threshold = self.add_weight(shape=(1,), initializer="zeros", name="threshold")

    def call(self, x):
        return ops.where(ops.greater_equal(x, self.threshold), x, ops.zeros_like(x))  # LD009


class StepGate(layers.Layer):
    """The same with Python's comparison operator."""

    def build(self, input_shape):
        self.cut = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="cut")

    def call(self, x):
        mask = ops.cast(x > self.cut, x.dtype)  # LD009
        return x * mask


class SoftGate(layers.Layer):
    """Correct: the comparison picks where, and the weight is also read differentiably."""

    def build(self, input_shape):
        self.threshold = self.add_weight(shape=(1,), initializer="zeros", name="threshold")

    def call(self, x):
        return ops.where(x > self.threshold, x - self.threshold, ops.zeros_like(x))


class ShiftWhere(layers.Layer):
    """Correct: the weight is a value `where` returns, not its condition."""

    def build(self, input_shape):
        self.fill = self.add_weight(shape=(input_shape[-1],), initializer="zeros", name="fill")

    def call(self, x):
        return ops.where(x > 0.0, x, self.fill + ops.zeros_like(x))


class NumpyMix(layers.Layer):
    """The layers before it get no gradient: call() takes its input to NumPy and back."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(units)

    def call(self, inputs):
        values = ops.convert_to_numpy(inputs)  # LD009
        mixed = values + values[::-1]
        return self.dense(ops.convert_to_tensor(mixed))


class EagerNumpyMix(layers.Layer):
    """The same with np.asarray."""

    def call(self, x):
        return tf.convert_to_tensor(np.tanh(np.asarray(x)))  # LD009


class MaskFromNumpy(layers.Layer):
    """Correct: only a mask comes from NumPy; the input itself flows on."""

    def call(self, x):
        keep = ops.convert_to_tensor(np.ones((1, FEATURES), dtype="float32"))
        return x * keep


class NumpyChain(keras.Model):
    """Run eagerly (a symbolic tensor has no NumPy value): the first Dense gets no gradient."""

    def __init__(self):
        super().__init__()
        self.embed = layers.Dense(FEATURES)
        self.mix = NumpyMix(CLASSES)

    def call(self, x):
        return self.mix(self.embed(x))


def arg_max():
    return layers.Lambda(lambda q: tf.math.argmax(q, axis=-1))  # LD009


def make_index_regressor():
    """A fresh Dense is followed only by an argmax output: nothing can ever train it."""
    inputs = keras.Input((FEATURES,))
    scores = layers.Dense(CLASSES)(inputs)
    return keras.Model(inputs, arg_max()(scores))


def constant_score(args):
    return ops.ones((ops.shape(args)[0], 1))


def make_constant_head():
    """The output ignores its input: no weight before it gets a gradient."""
    inputs = keras.Input((FEATURES,))
    x = layers.Dense(8, activation="relu")(inputs)
    x = layers.Dense(CLASSES, activation="softmax")(x)
    return keras.Model(inputs, layers.Lambda(constant_score, output_shape=(1,))(x))  # LD009


def make_serving_wrapper(trained):
    """Correct: an argmax decoding step on a model trained elsewhere."""
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layers.Lambda(lambda q: ops.argmax(q, axis=-1))(trained(inputs)))


def make_loaded_decoder(path):
    """Correct: fresh layers, but their weights are loaded before the argmax output is used."""
    inputs = keras.Input((FEATURES,))
    scores = layers.Dense(CLASSES)(inputs)
    model = keras.Model(inputs, layers.Lambda(lambda q: ops.argmax(q, axis=-1))(scores))
    model.load_weights(path)
    return model


def make_shape_feature():
    """Correct: the Lambda reads only the batch size, but the Dense output is the model's too."""
    inputs = keras.Input((FEATURES,))
    x = layers.Dense(CLASSES)(inputs)
    size = layers.Lambda(lambda t: ops.ones((ops.shape(t)[0], 1)))(x)
    return keras.Model(inputs, [x, size])
