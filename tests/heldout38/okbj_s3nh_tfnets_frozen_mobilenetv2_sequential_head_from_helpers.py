"""A transfer-learning script freezes an ImageNet MobileNetV2 with `base_model.trainable = False` and stacks
it in a `Sequential` with a pooling layer and a `Dense(1)` returned by small helper functions, one of which
also builds a pooling layer it never uses: layers made in helpers and thrown away, and a frozen nested base,
look like lost or unbuilt weights, but the model tracks the whole base (non-trainable) and trains the head.

From s3nh/tensorflow-nets, `models/models.py`: `_classification_head()` returns `GlobalAveragePooling2D()`,
`_prediction_layer()` calls `_classification_head()` (result unused; the line that would have applied the
Dense to it is commented out) and returns `Dense(1)`; `load_model()` builds `MobileNetV2(input_shape=IMG_SHAPE,
include_top=False, weights='imagenet')`, sets `base_model.trainable = False` and returns
`tf.keras.Sequential([base_model, global_average_layer, prediction_layer])`. The throw-away pooling layer has
no weights and is not part of the model.

Porting edits: `weights=None` instead of 'imagenet' (no download); `IMG_SHAPE=(96, 96, 3)` passed instead of
the default 224 to keep the case light. `build_model()` returns `load_model(...)` and 2 images.
"""

SOURCE = "https://github.com/s3nh/tensorflow-nets/blob/1a62ae19ecea9ea45606e9bbfc68b83c0b596a01/models/models.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bj/okbj_s3nh_tfnets_frozen_mobilenetv2_sequential_head_from_helpers.py:
as returned: Sequential, count_params() = 2259265, 262 weights, unbuilt: none
after call: count_params() = 2259265, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 156 variables the model does not track: ['Conv1/kernel:0', 'bn_Conv1/gamma:0', 'bn_Conv1/beta:0', 'expanded_conv_depthwise/kernel:0', 'expanded_conv_depthwise_BN/gamma:0', 'expanded_conv_depthwise_BN/beta:0']
second call: 0 variables watched that the first call did not use
probe (probe/p_train.py, probe/p_s3nh.py): layers [Functional, GlobalAveragePooling2D, Dense]; the 156
"watched" variables are the frozen MobileNetV2's, tracked as non-trainable (260 non-trainable weights,
2257984 values); the 2 trainable weights are the Dense head's. Both get a gradient (kernel max |g| 2.7e-11,
bias 2.0); with `weights=None` the frozen random base outputs pooled features of ~2e-12, so one
train_on_batch visibly moves only the bias (1 of 2 changed by np.allclose): an artefact of the porting
edit, not of the wiring."""

import numpy as np
import tensorflow as tf


def _classification_head():
    global_average_layer = tf.keras.layers.GlobalAveragePooling2D()
    return global_average_layer


def _prediction_layer():
    feature_batch_average = _classification_head()
    prediction_layer = tf.keras.layers.Dense(1)
    #prediction_batch = prediction_layer(feature_batch_average)
    return prediction_layer


def load_model(IMG_SHAPE=(224, 224, 3)):
    base_model = tf.keras.applications.MobileNetV2(input_shape=IMG_SHAPE,
                                                   include_top=False,
                                                   weights=None)
    base_model.trainable = False
    global_average_layer = _classification_head()
    prediction_layer = _prediction_layer()
    model = tf.keras.Sequential([
        base_model,
        global_average_layer,
        prediction_layer
    ])
    return model


def build_model():
    model = load_model(IMG_SHAPE=(96, 96, 3))
    x = np.random.default_rng(0).uniform(-1, 1, (2, 96, 96, 3)).astype("float32")
    return model, x
