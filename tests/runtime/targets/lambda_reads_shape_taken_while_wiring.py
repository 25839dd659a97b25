"""Keras 2 code that takes `tf.shape` of a model input while wiring, for a Lambda's function to read later
(a global, as DSen2-CR does in held-out 43, or a closure): Keras 3 refuses the KerasTensor in the TensorFlow op,
so the factory raises on that line, before the Lambda exists. `shape_inside` computes it in the function."""

import tensorflow as tf
from keras import Input, Model, layers


def global_shape():
    global shape_n
    inputs = Input(shape=(4, 6))
    x = layers.Dense(6)(inputs)
    shape_n = tf.shape(inputs)

    def pad_channels(t):
        return tf.concat([t, tf.zeros((shape_n[0], shape_n[1], 1))], axis=-1)

    outputs = layers.Lambda(pad_channels)(x)
    return Model(inputs, outputs)


def closure_batch():
    inputs = Input(shape=(4, 6))
    x = layers.Dense(6)(inputs)
    batch = tf.shape(inputs)[0]
    flat = batch * 1
    outputs = layers.Lambda(lambda t: tf.reshape(t, (flat, -1)))(x)
    return Model(inputs, outputs)


def shape_inside():
    inputs = Input(shape=(4, 6))
    x = layers.Dense(6)(inputs)

    def pad_channels(t):
        shape_n = tf.shape(t)
        return tf.concat([t, tf.zeros((shape_n[0], shape_n[1], 1))], axis=-1)

    outputs = layers.Lambda(pad_channels)(x)
    return Model(inputs, outputs)
