# LD009 no-gradient: an Embedding fed the float output of trainable layers; a Lambda through tf.numpy_function
import keras
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD009m", "float scores used as ids; a NumPy round trip as the model's output"
FEATURES = 6


def identity_in_numpy(x):
    values = tf.numpy_function(lambda array: array, [x], tf.float32)
    values.set_shape(x.shape)
    return values


def make_scores_as_ids():
    inputs = keras.Input((FEATURES,))
    scores = layers.Dense(4, activation="relu")(inputs)
    looked_up = layers.Embedding(10, 3, trainable=False)(scores)  # LD009
    return keras.Model(inputs, layers.Dense(2)(layers.Flatten()(looked_up)))


def make_numpy_function_output():
    inputs = keras.Input((FEATURES,))
    hidden = layers.Dense(4)(inputs)
    return keras.Model(inputs, layers.Lambda(identity_in_numpy)(hidden))  # LD009


def _base_model():
    return keras.Sequential([keras.Input((FEATURES,)), layers.Dense(4)])


def make_argmax_of_a_base_model():
    base = _base_model()
    labels = layers.Lambda(lambda t: keras.ops.argmax(t, axis=-1))(base.outputs[0])  # LD009
    return keras.Model(base.inputs, labels)


def make_ids_from_the_input():
    """Correct: the Embedding reads the model's own integer input."""
    ids = keras.Input((FEATURES,), dtype="int32")
    return keras.Model(ids, layers.Dense(2)(layers.Flatten()(layers.Embedding(10, 3)(ids))))


def make_py_function_output():
    """Correct: tf.py_function records a gradient (tf.numpy_function does not)."""
    inputs = keras.Input((FEATURES,))
    hidden = layers.Dense(4)(inputs)

    def doubled(x):
        values = tf.py_function(lambda t: t * 2.0, [x], tf.float32)
        values.set_shape(x.shape)
        return values

    return keras.Model(inputs, layers.Lambda(doubled)(hidden))
