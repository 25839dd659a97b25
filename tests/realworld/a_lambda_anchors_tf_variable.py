"""Mask R-CNN style anchors produced by `Lambda(lambda x: tf.Variable(anchors))`.

In matterport's Mask R-CNN the training graph builds its anchor boxes with
`anchors = KL.Lambda(lambda x: tf.Variable(anchors), name="anchors")(input_image)`. On newer
TF 2 / tf.keras this raised "The following Variables were created within a Lambda layer
(anchors) but are not tracked by said layer". The anchors are a NumPy constant; the Lambda only
wraps them so the functional graph can use them. Ported to Keras 3: a backend `tf.Variable`
created inside the Lambda's function, and the lambda reads `anchors` from the enclosing scope.

On Keras 3 the model wires fine, but the Lambda's function runs again on every call, and by then
the closed-over name `anchors` has been rebound to the Lambda's own KerasTensor output, so the
first real call crashes with a message that points at TensorFlow functions, not at the capture.
"""

SOURCE = "https://github.com/matterport/Mask_RCNN/issues/1930"
CODES = ("LD012", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
building succeeds: count_params() == 260 (Conv2D + Dense), the anchors Lambda has 0 weights;
the first call model(np.zeros((2, 32, 32, 3))) raises ValueError "Exception encountered when calling
Lambda.call(). A KerasTensor cannot be used as input to a TensorFlow function" at the
`tf.Variable(anchors)` line: the lambda reads the outer `anchors`, which now names the Lambda's
KerasTensor output; the tf.Variable it creates would never be tracked either."""

import numpy as np
import tensorflow as tf
import keras
import keras.layers as KL

BATCH_SIZE = 2


def get_anchors(n=16):
    rng = np.random.default_rng(0)
    boxes = rng.uniform(0.0, 1.0, size=(n, 4)).astype("float32")
    return np.sort(boxes, axis=-1)


def build_model():
    input_image = KL.Input(shape=(32, 32, 3), name="input_image")
    anchors = get_anchors()
    anchors = np.broadcast_to(anchors, (BATCH_SIZE,) + anchors.shape)
    anchors = KL.Lambda(lambda x: tf.Variable(anchors), name="anchors")(input_image)

    feat = KL.Conv2D(8, 3, strides=4, padding="same", name="backbone")(input_image)
    feat = KL.GlobalAveragePooling2D()(feat)
    deltas = KL.Dense(4, name="rpn_bbox")(feat)
    refined = KL.Lambda(
        lambda t: t[0] + keras.ops.expand_dims(t[1], 1), name="apply_deltas"
    )([anchors, deltas])
    return keras.Model(input_image, refined, name="mask_rcnn_head")
