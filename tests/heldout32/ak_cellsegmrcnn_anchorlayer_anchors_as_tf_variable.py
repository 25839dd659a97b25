"""A Mask R-CNN port replaces matterport's `Lambda(lambda x: tf.Variable(anchors))` hack with an
`AnchorLayer` that keeps the anchor boxes as `self.anchors = tf.Variable(anchors)` (trainable by default)
and returns it from `call()`: Keras 3 does not track the variable, so the anchors are not counted and
not saved, and the layer's output is a detached copy.

From HabelNadik/cell_segmentation (`mrcnn/former_lambda_layers.py`), a cell-segmentation fork of
matterport Mask_RCNN moved to TF2. The file quotes the original graph code (the anchors broadcast over
the batch and wrapped in a `tf.Variable` inside a `Lambda`, "a hack to get around Keras's bad support
for constants") and defines the replacement layer. On tf.keras 2 `tf.Variable(anchors)` made in
`__init__` was tracked, and since `trainable` defaults to True the anchor coordinates were even listed
among the trainable weights; on Keras 3 the variable is a foreign object the layer does not see.

Porting edits: `import keras.engine as KE` and `import keras.models as KM` (unused here; `keras.engine`
does not exist in Keras 3) are dropped. `build_model()` wires it as `MaskRCNN.build()` does in
inference mode: an input image of 32x32x3, `anchors = AnchorLayer(anchors)(input_image)` with the anchors
broadcast to batch 1 (4 anchors, normalised y1, x1, y2, x2), next to a 1x1 RPN bbox conv on a small
backbone; the model outputs both.
"""

SOURCE = "https://github.com/HabelNadik/cell_segmentation/blob/f27e27ba0f59cbcf4be598528b2ac7d942d6a2d5/mrcnn/former_lambda_layers.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/ak/ak_cellsegmrcnn_anchorlayer_anchors_as_tf_variable.py:
as returned: Functional, count_params() = 260, 4 weights, unbuilt: none
after call: count_params() = 260, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'anchor_layer': 0}
second call: 0 variables watched that the first call did not use
260 = backbone conv 224 + rpn_bbox conv 36: the 16 anchor coordinates (a trainable tf.Variable) are not counted; the tape reads 'Variable:0' that the model does not track."""

import numpy as np
import tensorflow as tf
import keras
import keras.backend as K
import keras.layers as KL


"""
anchors = self.get_anchors(config.IMAGE_SHAPE)
# Duplicate across the batch dimension because Keras requires it
# TODO: can this be optimized to avoid duplicating the anchors?
anchors = np.broadcast_to(anchors, (config.BATCH_SIZE,) + anchors.shape)
# A hack to get around Keras's bad support for constants
anchors = KL.Lambda(lambda x: tf.Variable(anchors), name="anchors")(input_image)
"""

class AnchorLayer(KL.Layer):

    def __init__(self, anchors):
        super(AnchorLayer, self).__init__()
        self.anchors = tf.Variable(anchors)

    def call(self, input_image):
        return self.anchors


def build_model():
    input_image = KL.Input(shape=(32, 32, 3), name="input_image")
    anchors = np.array([[0.0, 0.0, 0.5, 0.5], [0.25, 0.25, 0.75, 0.75],
                        [0.5, 0.5, 1.0, 1.0], [0.0, 0.5, 0.5, 1.0]], dtype=np.float32)
    anchors = np.broadcast_to(anchors, (1,) + anchors.shape)
    anchors = AnchorLayer(anchors)(input_image)
    x = KL.Conv2D(8, 3, strides=2, padding="same", activation="relu", name="backbone_c2")(input_image)
    rpn_bbox = KL.Conv2D(4, 1, name="rpn_bbox_pred")(x)
    return keras.Model(input_image, [rpn_bbox, anchors], name="mask_rcnn")
