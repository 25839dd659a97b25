"""Generalized-mean (GeM) pooling for a sign-language image classifier: when `train_p=True` the
learnable exponent is `self.p = tf.Variable(p)` in `__init__`, otherwise a plain float.

From magisterbrown/kenyan-sign-language (`src/models/gempool.py`, "Gem pooling to replace avg
pooling" in front of the 9-class `Dense` head of `src/models/efficentnetV2.py`). On Keras 3 a
`tf.Variable` assigned to a layer is not tracked: with `train_p=True` the model reports 0 parameters
for the pooling layer, `p` is not in `trainable_weights`, so `fit` never updates it and it is not
saved; the author's switch makes the exponent silently constant either way.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); the repository's EfficientNetV2 backbone
(a download) replaced by two small convolutions, `GlobalAveragePooling2D` replaced by
`GeMPoolingLayer(p=3., train_p=True)` as the file's comment says; the head `Dense(n_hidden,'relu')`
-> `Dense(9,'softmax')` kept with `n_hidden=8`; 32x32x3 images.
"""

SOURCE = "https://github.com/magisterbrown/kenyan-sign-language/blob/bac8888b49dd7651fb589c6d02c20a467f7d38f8/src/models/gempool.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/l_kenyansignlanguage_gem_pooling_trainable_p_tf_variable.py:
as returned: Functional, count_params() = 1609, 8 weights, unbuilt: none
after call: count_params() = 1609, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'ge_m_pooling_layer': 0}
second call: 0 variables watched that the first call did not use
The untracked 'Variable:0' is the exponent p (3.0): watched by the tape, absent from model.trainable_weights
(8 = the two convs and two Dense), so an optimizer over trainable_weights never updates it."""

import tensorflow as tf
import keras
from keras.layers import Conv2D, Dense, Dropout, Input


# Gem pooling to replace avg pooling
class GeMPoolingLayer(keras.layers.Layer):
    def __init__(self, p=1., train_p=False):
        super().__init__()
        if train_p:
            self.p = tf.Variable(p, dtype=tf.float32)
        else:
            self.p = p
        self.eps = 1e-6

    def call(self, inputs: tf.Tensor, **kwargs):
        inputs = tf.clip_by_value(inputs, clip_value_min=1e-6, clip_value_max=tf.reduce_max(inputs))
        inputs = tf.pow(inputs, self.p)
        inputs = tf.reduce_mean(inputs, axis=[1, 2], keepdims=False)
        inputs = tf.pow(inputs, 1./self.p)
        return inputs


def build_model(n_hidden=8, drop=0.2):
    images = Input((32, 32, 3))
    x = Conv2D(8, 3, strides=2, activation="relu")(images)
    x = Conv2D(16, 3, strides=2, activation="relu")(x)
    x = GeMPoolingLayer(p=3., train_p=True)(x)
    x = Dropout(drop)(x)
    x = Dense(n_hidden, activation='relu')(x)
    x = Dense(9, activation='softmax')(x)
    return keras.Model(images, x)
