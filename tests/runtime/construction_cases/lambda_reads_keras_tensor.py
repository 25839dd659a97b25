"""A Lambda whose function closes over another branch's KerasTensor and feeds it to a TF op."""
import keras
import tensorflow as tf


def build_model():
    a = keras.Input((4,))
    b = keras.Input((4,))
    other = keras.layers.Dense(4)(b)
    mixed = keras.layers.Lambda(lambda t: tf.multiply(t, other))(a)
    return keras.Model([a, b], mixed)
