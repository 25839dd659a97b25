"""Models compiled with a loss no weight gets a gradient from, and a model frozen after compile() (Keras 3).

Measured on Keras 3.15.1 + TF 2.21 (tests/runtime/test_runtime_fix19a_compiled.py asserts it): metric_object_loss
(a keras.metrics.MeanSquaredError *object* as the loss) and argmax_accuracy_loss (a loss reading y_pred only through
argmax and a comparison) give every trainable weight a None gradient from model.compute_loss and fit raises
"No gradients provided for any variable", while the outputs' sum gives all of them one. frozen_critic (compiled,
then `trainable = False`, the Keras 2 GAN recipe) has 0 trainable weights: train_on_batch leaves all 4 unchanged.
The twins: metric_function_loss (keras.metrics.mean_squared_error, a function) and masked_crossentropy_loss
(argmax only for a weighting) train; frozen_base_classifier (a frozen base inside a compiled classifier) trains
its head."""

import keras
import tensorflow as tf


def _net(width):
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(6, activation="relu")(inputs)
    activation = "softmax" if width > 1 else "sigmoid"
    return keras.Model(inputs, keras.layers.Dense(width, activation=activation)(hidden))


def metric_object_loss():
    model = _net(3)
    model.compile(optimizer="adam", loss=keras.metrics.MeanSquaredError())
    return model


def accuracy_loss(y_true, y_pred):
    hits = tf.cast(tf.equal(tf.argmax(y_true, -1), tf.argmax(y_pred, -1)), "float32")
    return 1.0 - tf.reduce_mean(hits)


def argmax_accuracy_loss():
    model = _net(3)
    model.compile(optimizer="adam", loss=accuracy_loss)
    return model


def metric_function_loss():
    model = _net(3)
    model.compile(optimizer="adam", loss=keras.metrics.mean_squared_error)
    return model


def weighted_crossentropy(y_true, y_pred):
    weight = 1.0 + tf.cast(tf.equal(tf.argmax(y_true, -1), tf.argmax(y_pred, -1)), "float32")
    return tf.reduce_mean(weight * keras.losses.categorical_crossentropy(y_true, y_pred))


def masked_crossentropy_loss():
    model = _net(3)
    model.compile(optimizer="adam", loss=weighted_crossentropy)
    return model


def frozen_critic():
    critic = _net(1)
    critic.compile(optimizer="adam", loss="binary_crossentropy")
    critic.trainable = False
    return critic


def frozen_base_classifier():
    base = _net(3)
    base.trainable = False
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(base(inputs)))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model
