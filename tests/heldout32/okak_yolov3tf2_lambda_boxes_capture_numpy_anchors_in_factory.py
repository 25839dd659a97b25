"""yolov3-tf2 builds YOLOv3-tiny from closure factories (`YoloConvTiny`, `YoloOutput` return functions that
wrap a nested functional `Model`) and decodes boxes in `Lambda` layers whose lambdas capture the module's
NumPy anchor arrays and the class count: the captured values are constants, every weight lives in the
nested models, and Keras 3 tracks and trains all of them.

From zzh8829/yolov3-tf2 (`yolov3_tf2/models.py`), the most copied TF2 YOLOv3. `YoloV3Tiny(...,
training=False)` ends with `Lambda(lambda x: yolo_boxes(x, anchors[masks[0]], classes))` per scale and
`Lambda(lambda x: yolo_nms(x, anchors, masks, classes))` for the combined NMS; `YoloOutput` reshapes the
head with `Lambda(lambda x: tf.reshape(x, (..., anchors, classes + 5)))`. It looks like the catalog's
LD012 (a `Lambda` using state defined outside it) and like LD011 (layers made inside closures), but the
lambdas capture NumPy arrays and ints, not variables or layers, and each closure's layers are wired
into a `Model` that is itself called in the graph, so nothing escapes tracking. The
repository's `BatchNormalization` subclass (from `batch_norm.py`, overriding only `call` to freeze BN
when `trainable=False`) is included.

Porting edits: none to the code kept (`DarknetConv`, `DarknetTiny`, `YoloConvTiny`, `YoloOutput`,
`yolo_boxes`, `yolo_nms`, `YoloV3Tiny`, the BN subclass); the loss, the full YOLOv3 and the Darknet-53
backbone are dropped. `build_model()` calls `YoloV3Tiny(64, training=True, classes=3)` as `train.py` does
(its heads still end in the reshape `Lambda` capturing `anchors` and `classes`); the inference graph
(`training=False`, with the box-decoding and NMS Lambdas) is measured by the case's own probe, since
`CombinedNonMaxSuppression` has no gradient and the measure script takes one.
"""

SOURCE = "https://github.com/zzh8829/yolov3-tf2/blob/c5c5d4ceed1392b5b7dcd79db8ca01655c411b10/yolov3_tf2/models.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/ak/okak_yolov3tf2_lambda_boxes_capture_numpy_anchors_in_factory.py:
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.  (printed 11 times, once per LeakyReLU(alpha=0.1))
as returned: Functional, count_params() = 8680864, 59 weights, unbuilt: none
after call: count_params() = 8680864, 37 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 37 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'batch_normalization_6': 4096, 'batch_normalization_5': 2048, 'batch_normalization_4': 1024, 'batch_normalization_3': 512, 'batch_normalization_2': 256, 'batch_normalization_1': 128, 'batch_normalization': 64, 'batch_normalization_7': 1024, 'batch_normalization_9': 512, 'batch_normalization_8': 2048, 'batch_normalization_10': 1024}
second call: 0 variables watched that the first call did not use
Own probe (probe_yolov3tf2.py): YoloV3Tiny(64, classes=3) inference graph (training=False) has the same 8680864 params / 37 trainable weights as the training graph; Lambda layers yolo_boxes_0/yolo_boxes_1/yolo_nms hold 0 weights; inference outputs (1, 100, 4), (1, 100), (1, 100), (1,); on the training graph one SGD step changes 37 of 37 trainable weights, no None gradient."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import (
    Add,
    Concatenate,
    Conv2D,
    Input,
    Lambda,
    LeakyReLU,
    MaxPool2D,
    UpSampling2D,
    ZeroPadding2D,
)
from tensorflow.keras.regularizers import l2


class BatchNormalization(tf.keras.layers.BatchNormalization):
    """
    Make trainable=False freeze BN for real (the og version is sad)
    """

    def call(self, x, training=False):
        if training is None:
            training = tf.constant(False)
        training = tf.logical_and(training, self.trainable)
        return super().call(x, training)


yolo_tiny_anchors = np.array([(10, 14), (23, 27), (37, 58),
                              (81, 82), (135, 169),  (344, 319)],
                             np.float32) / 416
yolo_tiny_anchor_masks = np.array([[3, 4, 5], [0, 1, 2]])


def DarknetConv(x, filters, size, strides=1, batch_norm=True):
    if strides == 1:
        padding = 'same'
    else:
        x = ZeroPadding2D(((1, 0), (1, 0)))(x)  # top left half-padding
        padding = 'valid'
    x = Conv2D(filters=filters, kernel_size=size,
               strides=strides, padding=padding,
               use_bias=not batch_norm, kernel_regularizer=l2(0.0005))(x)
    if batch_norm:
        x = BatchNormalization()(x)
        x = LeakyReLU(alpha=0.1)(x)
    return x


def DarknetTiny(name=None):
    x = inputs = Input([None, None, 3])
    x = DarknetConv(x, 16, 3)
    x = MaxPool2D(2, 2, 'same')(x)
    x = DarknetConv(x, 32, 3)
    x = MaxPool2D(2, 2, 'same')(x)
    x = DarknetConv(x, 64, 3)
    x = MaxPool2D(2, 2, 'same')(x)
    x = DarknetConv(x, 128, 3)
    x = MaxPool2D(2, 2, 'same')(x)
    x = x_8 = DarknetConv(x, 256, 3)  # skip connection
    x = MaxPool2D(2, 2, 'same')(x)
    x = DarknetConv(x, 512, 3)
    x = MaxPool2D(2, 1, 'same')(x)
    x = DarknetConv(x, 1024, 3)
    return tf.keras.Model(inputs, (x_8, x), name=name)


def YoloConvTiny(filters, name=None):
    def yolo_conv(x_in):
        if isinstance(x_in, tuple):
            inputs = Input(x_in[0].shape[1:]), Input(x_in[1].shape[1:])
            x, x_skip = inputs

            # concat with skip connection
            x = DarknetConv(x, filters, 1)
            x = UpSampling2D(2)(x)
            x = Concatenate()([x, x_skip])
        else:
            x = inputs = Input(x_in.shape[1:])
            x = DarknetConv(x, filters, 1)

        return Model(inputs, x, name=name)(x_in)
    return yolo_conv


def YoloOutput(filters, anchors, classes, name=None):
    def yolo_output(x_in):
        x = inputs = Input(x_in.shape[1:])
        x = DarknetConv(x, filters * 2, 3)
        x = DarknetConv(x, anchors * (classes + 5), 1, batch_norm=False)
        x = Lambda(lambda x: tf.reshape(x, (-1, tf.shape(x)[1], tf.shape(x)[2],
                                            anchors, classes + 5)))(x)
        return tf.keras.Model(inputs, x, name=name)(x_in)
    return yolo_output


def yolo_boxes(pred, anchors, classes):
    # pred: (batch_size, grid, grid, anchors, (x, y, w, h, obj, ...classes))
    grid_size = tf.shape(pred)[1]
    box_xy, box_wh, objectness, class_probs = tf.split(
        pred, (2, 2, 1, classes), axis=-1)

    box_xy = tf.sigmoid(box_xy)
    objectness = tf.sigmoid(objectness)
    class_probs = tf.sigmoid(class_probs)
    pred_box = tf.concat((box_xy, box_wh), axis=-1)  # original xywh for loss

    # !!! grid[x][y] == (y, x)
    grid = tf.meshgrid(tf.range(grid_size), tf.range(grid_size))
    grid = tf.expand_dims(tf.stack(grid, axis=-1), axis=2)  # [gx, gy, 1, 2]

    box_xy = (box_xy + tf.cast(grid, tf.float32)) / \
        tf.cast(grid_size, tf.float32)
    box_wh = tf.exp(box_wh) * anchors

    box_x1y1 = box_xy - box_wh / 2
    box_x2y2 = box_xy + box_wh / 2
    bbox = tf.concat([box_x1y1, box_x2y2], axis=-1)

    return bbox, objectness, class_probs, pred_box


def yolo_nms(outputs, anchors, masks, classes):
    # boxes, conf, type
    b, c, t = [], [], []

    for o in outputs:
        b.append(tf.reshape(o[0], (tf.shape(o[0])[0], -1, tf.shape(o[0])[-1])))
        c.append(tf.reshape(o[1], (tf.shape(o[1])[0], -1, tf.shape(o[1])[-1])))
        t.append(tf.reshape(o[2], (tf.shape(o[2])[0], -1, tf.shape(o[2])[-1])))

    bbox = tf.concat(b, axis=1)
    confidence = tf.concat(c, axis=1)
    class_probs = tf.concat(t, axis=1)

    scores = confidence * class_probs
    boxes, scores, classes, valid_detections = tf.image.combined_non_max_suppression(
        boxes=tf.reshape(bbox, (tf.shape(bbox)[0], -1, 1, 4)),
        scores=tf.reshape(
            scores, (tf.shape(scores)[0], -1, tf.shape(scores)[-1])),
        max_output_size_per_class=100,
        max_total_size=100,
        iou_threshold=0.5,
        score_threshold=0.5
    )

    return boxes, scores, classes, valid_detections


def YoloV3Tiny(size=None, channels=3, anchors=yolo_tiny_anchors,
               masks=yolo_tiny_anchor_masks, classes=80, training=False):
    x = inputs = Input([size, size, channels])

    x_8, x = DarknetTiny(name='yolo_darknet')(x)

    x = YoloConvTiny(256, name='yolo_conv_0')(x)
    output_0 = YoloOutput(256, len(masks[0]), classes, name='yolo_output_0')(x)

    x = YoloConvTiny(128, name='yolo_conv_1')((x, x_8))
    output_1 = YoloOutput(128, len(masks[1]), classes, name='yolo_output_1')(x)

    if training:
        return Model(inputs, (output_0, output_1), name='yolov3')

    boxes_0 = Lambda(lambda x: yolo_boxes(x, anchors[masks[0]], classes),
                     name='yolo_boxes_0')(output_0)
    boxes_1 = Lambda(lambda x: yolo_boxes(x, anchors[masks[1]], classes),
                     name='yolo_boxes_1')(output_1)
    outputs = Lambda(lambda x: yolo_nms(x, anchors, masks, classes),
                     name='yolo_nms')((boxes_0[:3], boxes_1[:3]))
    return Model(inputs, outputs, name='yolov3_tiny')


def build_model():
    return YoloV3Tiny(64, training=True, classes=3)
