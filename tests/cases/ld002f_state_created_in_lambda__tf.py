# LD002 state-created-in-call: layers and variables created by a Lambda's function, on every call
import tensorflow as tf
from tensorflow import keras

CASE, TITLE = "LD002f", "a Lambda whose function creates layers or variables each time it runs"
INPUTS = [(6,)]


def per_half_projection(x):
    halves = [x[:, :3], x[:, 3:]]
    projected = [keras.layers.Dense(2)(h) for h in halves]  # LD002
    return tf.concat(projected, axis=-1)


def make_functional():
    inp = keras.Input((6,))
    out = keras.layers.Lambda(per_half_projection, output_shape=(4,))(inp)  # LD012
    return keras.Model(inp, out)


def learned_scale():
    def scale(x):
        gain = tf.Variable(1.0, name="gain")  # LD002
        return x * gain

    inp = keras.Input((6,))
    out = keras.layers.Lambda(lambda t: scale(t))(inp)  # LD012
    return keras.Model(inp, out)


class Decoder:
    def upsample(self, tensor, filters):
        return keras.layers.Lambda(  # LD012
            lambda t: keras.layers.Conv1DTranspose(filters, 3, strides=2, padding="same")(t)  # LD002
        )(tensor)


# Correct look-alikes: a Lambda may create weightless layers and use keras.ops.
def weightless_inside():
    inp = keras.Input((6,))
    out = keras.layers.Lambda(lambda t: keras.layers.Activation("relu")(t) + tf.reduce_mean(t))(inp)
    return keras.Model(inp, out)
