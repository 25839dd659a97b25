# LD009 no-gradient: a sampling layer whose call() returns a hard one-hot made by a comparison (equal/>=), directly or
# through module functions and a `hard` flag branch, with no straight-through step: nothing before it is trained
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix18b/m_ze.py: each layer wired as Input(12) -> Dense(6) -> layer ->
# Dense(3), one GradientTape over the model's output sum): OneHotArgmaxSampler, TopChoice, CategoricalPick and
# DefaultHardPick give a None gradient for the first Dense's kernel and bias (2 of 4 weights), the last Dense trains.
# The twins train all 4: StraightThroughSampler (hard - soft behind stop_gradient, plus soft), SoftSampler (the same
# helper called with hard=False, so the comparison never runs), GatedByComparison (the comparison only masks a soft
# value that still carries the gradient). SameSegmentMask (tf-models' packed-sequence mask: a boolean mask of which
# token ids share a segment) has no weights before it: Input(int ids) -> mask, nothing to train.
import keras
import tensorflow as tf
from keras import layers, ops
from tensorflow import equal as tf_equal

CASE, TITLE = "LD009ze", "a hard one-hot sample made by a comparison, returned without straight-through"


def _gumbel_noise(shape):
    u = keras.random.uniform(shape, minval=1e-6, maxval=1.0)
    return -ops.log(-ops.log(u))


def relaxed(logits, tau):
    return ops.softmax((logits + _gumbel_noise(ops.shape(logits))) / tau, axis=-1)


def one_hot_of_max(y):
    return ops.cast(ops.equal(y, ops.max(y, axis=-1, keepdims=True)), "float32")


def pick(logits, tau=1.0, hard=False):
    y = relaxed(logits, tau)
    if hard:
        y = tf.cast(tf_equal(y, tf.reduce_max(y, axis=-1, keepdims=True)), y.dtype)
    return y


def sample_hard(logits, tau=0.5, hard=True):
    y = relaxed(logits, tau)
    if not hard:
        return y
    return ops.cast(ops.greater_equal(y, ops.max(y, axis=-1, keepdims=True)), "float32")


def pick_straight_through(logits, tau=1.0, hard=False):
    y = relaxed(logits, tau)
    if hard:
        y_hard = tf.cast(tf.equal(y, tf.reduce_max(y, axis=-1, keepdims=True)), y.dtype)
        y = tf.stop_gradient(y_hard - y) + y
    return y


class OneHotArgmaxSampler(layers.Layer):
    def __init__(self, tau=0.5, **kwargs):
        super().__init__(**kwargs)
        self.tau = tau

    def call(self, logits):
        return one_hot_of_max(relaxed(logits, self.tau))  # LD009


class TopChoice(layers.Layer):
    def call(self, scores):
        probs = ops.softmax(scores, axis=-1)
        return ops.cast(probs >= ops.max(probs, axis=-1, keepdims=True), probs.dtype)  # LD009


class CategoricalPick(layers.Layer):
    def __init__(self, tau=0.5, hard=True, **kwargs):
        super().__init__(**kwargs)
        self.tau, self.hard = tau, hard

    def call(self, logits):
        return pick(logits, self.tau, hard=self.hard)  # LD009


class DefaultHardPick(layers.Layer):
    def call(self, logits):
        return sample_hard(logits)  # LD009


class StraightThroughSampler(layers.Layer):
    def __init__(self, tau=0.5, hard=True, **kwargs):
        super().__init__(**kwargs)
        self.tau, self.hard = tau, hard

    def call(self, logits):
        return pick_straight_through(logits, self.tau, hard=self.hard)


class SoftSampler(layers.Layer):
    def call(self, logits):
        return pick(logits, 0.5, hard=False)


class SameSegmentMask(layers.Layer):
    def call(self, segment_ids):
        starts = ops.cast(ops.equal(segment_ids, segment_ids[:, :1]), "int32")
        ids = ops.expand_dims(ops.cumsum(starts, axis=-1), -1)
        return ops.equal(ids, ops.transpose(ids, (0, 2, 1)))


class GatedByComparison(layers.Layer):
    def call(self, x):
        soft = ops.sigmoid(x)
        return soft * ops.cast(soft > 0.5, soft.dtype)


def wire(layer):
    inputs = keras.Input((12,))
    h = layers.Dense(6)(inputs)
    return keras.Model(inputs, layers.Dense(3)(layer(h)))
