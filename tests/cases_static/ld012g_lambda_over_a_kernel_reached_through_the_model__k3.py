# LD012 lambda-captured-state: a Lambda closes over a kernel reached through model.layers[i] / get_layer()
import keras
from keras import layers, ops

CASE, TITLE = "LD012g", "tied decoders built with model.add: the transpose is taken once, at wiring"
FEATURES = 10


def make_by_index():
    model = keras.Sequential()
    model.add(keras.Input((FEATURES,)))
    model.add(layers.Dense(4, use_bias=False))
    tied = ops.transpose(model.layers[-1].kernel)
    model.add(layers.Lambda(lambda x: ops.matmul(x, tied)))  # LD012
    return model


def make_by_name():
    model = keras.Sequential([keras.Input((FEATURES,)), layers.Dense(4, use_bias=False, name="enc")])
    weights = ops.transpose(model.get_layer("enc").kernel)
    model.add(layers.Lambda(lambda x: ops.matmul(x, weights)))  # LD012
    return model


def make_width_only():
    """Correct: the Lambda reads the encoder's width, a plain number."""
    model = keras.Sequential([keras.Input((FEATURES,)), layers.Dense(4, use_bias=False)])
    width = model.layers[-1].units
    model.add(layers.Lambda(lambda x: ops.tile(x, (1, FEATURES // width + 1))[:, :FEATURES]))
    return model


def make_live_variable():
    """Correct: the Lambda closes over the kernel variable itself and transposes it on every call."""
    model = keras.Sequential([keras.Input((FEATURES,)), layers.Dense(4, use_bias=False, name="enc")])
    kernel = model.get_layer("enc").kernel
    model.add(layers.Lambda(lambda x: ops.matmul(x, ops.transpose(kernel))))
    return model


def make_live_lookup():
    """Correct: the Lambda looks the encoder's kernel up when it runs."""
    model = keras.Sequential([keras.Input((FEATURES,)), layers.Dense(4, use_bias=False, name="enc")])
    model.add(layers.Lambda(lambda x: ops.matmul(x, ops.transpose(model.get_layer("enc").kernel))))
    return model


def make_functional_live_variable():
    """Correct: functional wiring; the Lambda reads the kernel of a Dense the model calls."""
    inputs = keras.Input((FEATURES,))
    encoder = layers.Dense(4, use_bias=False)
    code = encoder(inputs)
    kernel = encoder.kernel
    return keras.Model(inputs, layers.Lambda(lambda t: ops.matmul(t, ops.transpose(kernel)))(code))


def make_outside_variable():
    """The Lambda reads the kernel of a Dense that the model never calls: nothing tracks it."""
    projection = layers.Dense(4, use_bias=False)
    projection.build((None, FEATURES))
    kernel = projection.kernel
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layers.Lambda(lambda t: ops.matmul(t, kernel))(inputs))  # LD012
