"""A CTC center-loss layer for text recognition keeps its class centers in a `tf.Variable` made in
`__init__` (`trainable=False`, optionally re-initialised with `.assign`), on a Keras `Layer`.

From noahzhy/loss4tf (`losses.py`, commit 745ba4a "Update CTCCenterLoss parameters"), a collection of
losses "packed into a Layer class". `CTCCenterLoss.call(y_true, y_pred)` takes `[features, preds]`
(the CTC head's features and its per-step class scores), takes the argmax class per time step and
returns the mean squared distance of each feature to its class center read from `self.centers`. On
Keras 3 the `tf.Variable` is not tracked by the layer: `layer.weights` and
`layer.non_trainable_weights` are empty, so the centers are not part of the model's weights,
checkpoints or `save()` (tf.keras 2 tracked it as a non-trainable weight).

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); the other loss layers of the file
left out; num_classes 86 -> 5, feat_dims 96 -> 8, 16 time steps; `build_model()` wires the layer
into a functional model with the features and scores as inputs; the author's test calls
`loss(0, [features, labels])` with a constant `y_true` the layer ignores, which Keras 3 refuses
("Only input tensors may be passed as positional arguments"), so the scores tensor is passed as
`y_true` instead (still ignored by `call()`).
"""

SOURCE = "https://github.com/noahzhy/loss4tf/blob/745ba4a4379d6457543c1b43a1e7db17a1412f9d/losses.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/m_loss4tf_ctc_center_loss_centers_tf_variable_in_init.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []   (the centers are trainable=False, so no tape)
params of the case's own layers: {'ctc_center_loss': 0}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine25b/l4_probe.py): layer.weights 0, layer.non_trainable_weights 0, model.weights 0;
type(layer.centers) is ResourceVariable of shape (5, 8) (random_init assigned it) and it is not in
model.weights, so save()/checkpoints drop the centers; the loss still evaluates (2.28)."""

import tensorflow as tf
import keras
from keras.layers import Layer


# ctc center loss
class CTCCenterLoss(Layer):
    def __init__(self,
        alpha=0.05,
        num_classes=86,
        feat_dims=96,
        random_init=False,
        name="ctc_center_loss",
        **kwargs):
        super(CTCCenterLoss, self).__init__(name=name, **kwargs)

        self.alpha = alpha
        self.num_classes = num_classes
        self.feat_dims = feat_dims
        self.centers = tf.Variable(
            initial_value=tf.zeros(shape=(num_classes, feat_dims), dtype=tf.float32, name="centers"),
            trainable=False,
            name="centers",
        )
        # random init centers
        if random_init:
            self.centers.assign(tf.random.normal(shape=(num_classes, feat_dims), mean=0.0, stddev=1.0))

    def call(self, y_true, y_pred, **kwargs):

        features, preds = y_pred[0], y_pred[1]
        feats_reshape = tf.reshape(features, shape=(-1, self.feat_dims))
        label = tf.argmax(preds, axis=-1)
        label = tf.reshape(label, shape=(tf.shape(label)[0] * tf.shape(label)[1],))

        bs = tf.shape(feats_reshape)[0]

        feat = tf.reduce_sum(tf.pow(feats_reshape, 2), axis=1, keepdims=True)
        feat = tf.broadcast_to(feat, shape=(bs, self.num_classes))

        center = tf.reduce_sum(tf.pow(self.centers, 2), axis=1, keepdims=True)
        center = tf.broadcast_to(center, shape=(self.num_classes, bs))
        center = tf.cast(center, dtype=tf.float32)
        center = tf.transpose(center)

        distmat = tf.add(feat, center)

        feat_dot_center = tf.matmul(feats_reshape, tf.transpose(self.centers))
        distmat = distmat - 2.0 * feat_dot_center

        # mask
        classes = tf.range(self.num_classes, dtype=tf.int64)
        label = tf.broadcast_to(tf.expand_dims(label, axis=1), shape=(bs, self.num_classes))
        mask = tf.math.equal(
            tf.broadcast_to(classes, shape=(bs, self.num_classes)),
            label)
        mask = tf.cast(mask, dtype=tf.float32)

        # compute loss
        dist = tf.multiply(distmat, mask)

        # clamp dist
        dist = tf.clip_by_value(dist, clip_value_min=1e-12, clip_value_max=1e+12)
        loss = tf.reduce_mean(dist)

        return loss


def build_model():
    dims = 8
    features = keras.Input(shape=(16, dims), name="features")
    labels = keras.Input(shape=(16, 5), name="labels")
    loss = CTCCenterLoss(num_classes=5, feat_dims=dims, random_init=True)
    out = loss(labels, [features, labels])
    return keras.Model([features, labels], out)
