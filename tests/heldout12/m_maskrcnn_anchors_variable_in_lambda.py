"""Mask R-CNN's "hack around Keras's bad support for constants": a `Lambda` that returns `tf.Variable(anchors)`.

The TF2 ports of matterport Mask R-CNN build the training graph with
`anchors = KL.Lambda(lambda x: tf.Variable(anchors), name="anchors")(input_image)`: the lambda
ignores its input, closes over the NumPy anchor grid and wraps it in a new variable every time
it runs, just to get a tensor with a Keras history. The 2024 pull request explains that Lambda
layers must be stateless since TF 2.x and that state belongs in a Layer subclass. On Keras 3 the
functional model builds (count_params ignores the anchors), but the Lambda function is re-run on
every real call, and by then the closed-over name `anchors` has been rebound to the Lambda's own
KerasTensor output: the first call of the model raises "A KerasTensor cannot be used as input to
a TensorFlow function". Even with the NumPy array bound correctly, each call would create a fresh
trainable tf.Variable inside call() that the model does not track.
"""

SOURCE = "https://github.com/matterport/Mask_RCNN/pull/3020"
CODES = ("LD012", "LD002")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py m_maskrcnn_anchors_variable_in_lambda.py:
as returned: Functional, count_params() = 1028, 4 weights, unbuilt: none
call 1 raised ValueError: Exception encountered when calling Lambda.call().
own script (/tmp/mine12b/dbg4.py): calling the 'anchors' Lambda eagerly raises at the lambda body line: ValueError 'A KerasTensor cannot be used as input to a TensorFlow function' (the closed-over name anchors now holds the Lambda's KerasTensor output)."""

import numpy as np
import tensorflow as tf
import keras
import keras.layers as KL


class Config:
    NAME = "shapes"
    IMAGE_SHAPE = np.array([64, 64, 3])
    BATCH_SIZE = 2
    BACKBONE_STRIDES = [16, 32]
    RPN_ANCHOR_SCALES = (16, 32)
    RPN_ANCHOR_RATIOS = [0.5, 1, 2]
    RPN_ANCHOR_STRIDE = 1
    TOP_DOWN_PYRAMID_SIZE = 32


def generate_anchors(scales, ratios, shape, feature_stride, anchor_stride):
    scales, ratios = np.meshgrid(np.array(scales), np.array(ratios))
    scales = scales.flatten()
    ratios = ratios.flatten()
    heights = scales / np.sqrt(ratios)
    widths = scales * np.sqrt(ratios)
    shifts_y = np.arange(0, shape[0], anchor_stride) * feature_stride
    shifts_x = np.arange(0, shape[1], anchor_stride) * feature_stride
    shifts_x, shifts_y = np.meshgrid(shifts_x, shifts_y)
    box_widths, box_centers_x = np.meshgrid(widths, shifts_x)
    box_heights, box_centers_y = np.meshgrid(heights, shifts_y)
    box_centers = np.stack([box_centers_y, box_centers_x], axis=2).reshape([-1, 2])
    box_sizes = np.stack([box_heights, box_widths], axis=2).reshape([-1, 2])
    return np.concatenate([box_centers - 0.5 * box_sizes, box_centers + 0.5 * box_sizes], axis=1)


def norm_boxes(boxes, shape):
    h, w = shape
    scale = np.array([h - 1, w - 1, h - 1, w - 1])
    shift = np.array([0, 0, 1, 1])
    return np.divide((boxes - shift), scale).astype(np.float32)


class MaskRCNN:
    def __init__(self, mode, config):
        assert mode in ["training", "inference"]
        self.mode = mode
        self.config = config
        self._anchor_cache = {}
        self.keras_model = self.build(mode=mode, config=config)

    def get_anchors(self, image_shape):
        backbone_shapes = [
            [int(np.ceil(image_shape[0] / s)), int(np.ceil(image_shape[1] / s))]
            for s in self.config.BACKBONE_STRIDES
        ]
        key = tuple(image_shape)
        if key not in self._anchor_cache:
            anchors = [
                generate_anchors(self.config.RPN_ANCHOR_SCALES[i], self.config.RPN_ANCHOR_RATIOS,
                                 backbone_shapes[i], self.config.BACKBONE_STRIDES[i],
                                 self.config.RPN_ANCHOR_STRIDE)
                for i in range(len(self.config.BACKBONE_STRIDES))
            ]
            self._anchor_cache[key] = norm_boxes(np.concatenate(anchors, axis=0), image_shape[:2])
        return self._anchor_cache[key]

    def build(self, mode, config):
        input_image = KL.Input(shape=[None, None, config.IMAGE_SHAPE[2]], name="input_image")
        x = KL.Conv2D(config.TOP_DOWN_PYRAMID_SIZE, 3, strides=16, padding="same",
                      name="fpn_c4")(input_image)
        rpn_logits = KL.Conv2D(4, 1, name="rpn_bbox_pred")(x)
        rpn_bbox = KL.Reshape((-1, 4))(rpn_logits)

        if mode == "training":
            anchors = self.get_anchors(config.IMAGE_SHAPE)
            # Duplicate across the batch dimension because Keras requires it
            anchors = np.broadcast_to(anchors, (config.BATCH_SIZE,) + anchors.shape)
            # A hack to get around Keras's bad support for constants
            anchors = KL.Lambda(lambda x: tf.Variable(anchors), name="anchors")(input_image)
        else:
            anchors = KL.Input(shape=[None, 4], name="input_anchors")

        refined = KL.Lambda(
            lambda t: t[0][:, : tf.shape(t[1])[1], :] + t[1] * 0.1, name="refine_anchors"
        )([anchors, rpn_bbox])
        return keras.Model(input_image, [refined, rpn_bbox], name="mask_rcnn")


def build_model():
    config = Config()
    model = MaskRCNN(mode="training", config=config).keras_model
    return model, np.random.rand(2, 64, 64, 3).astype("float32")
