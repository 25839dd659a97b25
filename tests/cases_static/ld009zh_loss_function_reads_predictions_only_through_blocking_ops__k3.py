# LD009 no-gradient: a loss function handed to compile() whose value reaches y_pred only through ops that carry no
# gradient (argsort, argmax, round, a cast to an integer type, a comparison): no weight of the model gets a gradient
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix19a/m_zh.py: each builder's model fit one epoch on 8 random samples,
# kernels compared before and after): rank_position_loss (argsort of argsort, then a float cast),
# accuracy_as_loss (argmax compared, cast to float) and make_rounded_loss(...) (a factory's nested loss of
# round(y_pred)) raise ValueError "No gradients provided for any variable" in fit. The twins train every weight:
# masked_crossentropy (argmax only for a mask, the crossentropy reads y_pred), straight_through_round
# (y_pred + stop_gradient(round(y_pred) - y_pred)), soft_rank_loss (sigmoid of differences; an argsort only in a
# side value that is not returned).
import keras
import tensorflow as tf
from keras import ops as K

CASE, TITLE = "LD009zh", "a loss function that reads y_pred only through argsort/argmax/round: no gradient"


def _regressor(width):
    inputs = keras.Input((6,))
    hidden = keras.layers.Dense(8, activation="relu")(inputs)
    return keras.Model(inputs, keras.layers.Dense(width)(hidden))


def rank_position_loss(target, scores):
    true_rank = K.argsort(K.argsort(target))
    pred_rank = K.argsort(K.argsort(scores))
    diff = K.cast(pred_rank - true_rank, "float32")
    return K.mean(K.abs(diff))


def accuracy_as_loss(labels, probs):
    hits = tf.cast(tf.equal(tf.argmax(labels, axis=-1), tf.argmax(probs, axis=-1)), tf.float32)
    return 1.0 - tf.reduce_mean(hits)


def make_rounded_loss(weight):
    def rounded(y_true, y_pred):
        snapped = tf.round(y_pred)
        return weight * tf.reduce_mean(tf.square(y_true - snapped))
    return rounded


def ranking_model():
    model = _regressor(4)
    model.compile(optimizer="adam", loss=rank_position_loss)  # LD009
    return model


def accuracy_model():
    model = _regressor(3)
    model.compile(optimizer=keras.optimizers.SGD(), loss=accuracy_as_loss)  # LD009
    return model


def rounded_model():
    model = _regressor(1)
    loss_fn = make_rounded_loss(2.0)
    model.compile("adam", loss=loss_fn)  # LD009
    return model


def masked_crossentropy(labels, probs):
    mask = tf.cast(tf.argmax(probs, axis=-1) == tf.argmax(labels, axis=-1), tf.float32)
    return tf.reduce_mean((1.0 + mask) * keras.losses.categorical_crossentropy(labels, probs))


def straight_through_round(y_true, y_pred):
    hard = y_pred + tf.stop_gradient(tf.round(y_pred) - y_pred)
    return tf.reduce_mean(tf.square(y_true - hard))


def soft_rank_loss(target, scores):
    order = K.argsort(scores)
    del order
    pairwise = K.sigmoid(K.expand_dims(scores, -1) - K.expand_dims(scores, -2))
    true_pairs = K.cast(K.expand_dims(target, -1) > K.expand_dims(target, -2), "float32")
    return K.mean(K.square(pairwise - true_pairs))


def masked_model():
    model = _regressor(3)
    model.compile(optimizer="adam", loss=masked_crossentropy)
    return model


def straight_through_model():
    model = _regressor(1)
    model.compile(optimizer="adam", loss=straight_through_round)
    return model


def soft_rank_model():
    model = _regressor(4)
    model.compile(optimizer="adam", loss=soft_rank_loss)
    return model
