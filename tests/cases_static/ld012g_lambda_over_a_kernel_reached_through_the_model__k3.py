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
