"""Correct: a dispersion weight added to the output Dense from outside and read only by the loss.

rstudio/keras#654 (Keras from R): to learn the dispersion `theta` of a negative-binomial
likelihood, the user adds it with `add_weight(..., trainable = TRUE)` to the model's last Dense
layer and reads it in the custom loss. Dense never reads it in `call()`, which looks like an
unused, never-trained weight, but the loss uses it and the layer tracks it, so `fit` trains it.
On Keras 3 the weight must be added before the Dense is built (adding state to a built layer
raises), which this factory does.
"""

SOURCE = "https://github.com/rstudio/keras3/issues/654"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.trainable_weights has 11 variables including thetaX (tracked by the output Dense);
count_params() == 1,592. Under GradientTape with loss = model.loss(y, model(x, training=True))
on a (4, 12) batch every trainable weight, thetaX included, gets a gradient. With loss = sum of
the outputs (no likelihood) thetaX gets None: it is a loss parameter, not part of the forward
pass. Adding the same weight after the Dense is built raises ValueError "You cannot add new
elements of state (variables or sub-layers) to a layer that is already built"."""

import tensorflow as tf

import keras
from keras import ops


def make_model(n_features=12):
    out_layer = keras.layers.Dense(1, activation="linear")
    out_layer.thetaX = out_layer.add_weight(
        name="thetaX", shape=(), initializer=keras.initializers.Constant(0.5), trainable=True
    )
    model = keras.Sequential([
        keras.Input(shape=(n_features,)),
        keras.layers.Dense(30, activation="relu"),
        keras.layers.BatchNormalization(),
        keras.layers.Dense(30, activation="relu"),
        keras.layers.BatchNormalization(),
        out_layer,
    ])

    def negative_binomial_nll(y_true, y_pred):
        y_hat = ops.exp(y_pred)
        theta = 1.0 / (ops.softplus(out_layer.thetaX) + 1e-7)
        log_prob = (
            tf.math.lgamma(y_true + theta) - tf.math.lgamma(theta) - tf.math.lgamma(y_true + 1.0)
            + theta * ops.log(theta / (theta + y_hat)) + y_true * ops.log(y_hat / (theta + y_hat))
        )
        return -ops.mean(log_prob)

    model.compile(optimizer="adam", loss=negative_binomial_nll)
    return model


def build_model():
    return make_model()
