"""A ranking loss built from tf.argsort(tf.argsort(y_pred)): the model's weights get no gradient.

The report (keras#16663) trains a regression head on a transformer to predict the order of
cells: the loss replaces padded targets, then compares `tf.argsort(tf.argsort(y_true))`
with `tf.argsort(tf.argsort(y_pred))`. `fit` fails with "No gradients provided for any
variable" (with `loss='mse'` it trains). argsort returns integer positions and has no
gradient, so nothing in the loss depends differentiably on any weight.

Porting edits: a small Dense regressor over 8 features instead of the TFAutoModel
(distilbert) backbone and tokenizer; calculate_loss() and the compile/fit call are the report's.
"""

SOURCE = "https://github.com/keras-team/keras/issues/16663"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
python tests/heldout19/_measure.py tests/heldout19/b_rank_loss_double_argsort_of_predictions.py
  as returned: Functional, count_params() = 246, 4 weights, unbuilt: none
  gradient None for 0 of 4 trainable weights: []   (the probe differentiates sum(outputs), not the loss)
/tmp/mine19b/m_argsort.py (4 samples, last target padded with -1):
  GradientTape over model.loss(y, model(x)): loss dtype int32, None grads 4 of 4
  model.fit(...): ValueError No gradients provided for any variable.
No weight of the model reaches the loss through a differentiable op."""

import tensorflow as tf
from keras import Model
from keras.layers import Dense, Dropout, Input

MAX_CELLS = 6


def calculate_loss(pad_val, max_val):
    def loss(y_true, y_pred):
        pad_indices = tf.where(y_true == pad_val)
        y_true = tf.tensor_scatter_nd_update(
            y_true,
            pad_indices,
            tf.ones(tf.shape(pad_indices)[0], y_true.dtype) * max_val,
        )
        actual_orders = tf.argsort(tf.argsort(y_true))
        predicted_orders = tf.argsort(tf.argsort(y_pred))
        return tf.reduce_sum(tf.abs(actual_orders - predicted_orders))

    return loss


def build_model():
    features = Input(shape=(8,), name="features")
    x = Dense(16, activation="relu")(features)
    x = Dropout(0.1)(x)
    outputs = Dense(MAX_CELLS)(x)
    model = Model(features, outputs)
    model.compile(optimizer="adam", loss=calculate_loss(pad_val=-1.0, max_val=1e9))
    return model
