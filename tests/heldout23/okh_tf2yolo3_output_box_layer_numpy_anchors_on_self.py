"""TF2-Yolo3's detection output layers: `YoloOutputBoxLayer` keeps its anchor priors as a NumPy array on
`self.anchors` (set in `__init__`), stores the grid size in a `build()` that never calls `super().build()`,
and sets `self.training` from a constructor flag; the Darknet block `DarkNetConv2DBNLeaky` creates a
`LeakyReLU` sublayer that `call()` never uses (it applies `tf.nn.leaky_relu` instead).

From KUASWoodyLIN/TF2-Yolo3 (`layers/output_box_layer.py`, `layers/output_layer.py`,
`layers/DarknetConv2D_BN_Leaky.py`, wired as in `model/yolo.py`: `make_last_layers` ends with
`YoloOutputLayer(num_anchors, num_classes)` and the inference model decodes each scale with
`YoloOutputBoxLayer(anchors[6:] / (h, w), num_classes)`). It looks like the raw-array-state and
unbuilt-sublayer traps, but the anchors are fixed priors the author never meant to train (k-means box
sizes, divided by the image size), the output layers have no weights, and the unused `LeakyReLU` is
stateless: on Keras 3 every weight (the convolutions and batch norms) is tracked, counted and gets a
gradient, no layer is reported unbuilt and no variable hides outside the model.

Porting edits: `tensorflow.python.keras` -> `tf.keras`; `darknet_body` / `darknetconv2d` replaced by
two `DarkNetConv2DBNLeaky` blocks, a MaxPooling2D and a 1x1 Conv2D on 64x64 images, giving
a 2x2 grid of 3 anchors x (80 classes + 5); the repository's `config.yolo_anchors` (9 anchors, pixels).
The repository's positional call `YoloOutputBoxLayer(anchors[6:] / (h, w), num_classes)` is kept: it puts
`num_classes` into `output_layer` (so the grid-to-image scale becomes 8, not 32) and leaves `num_classes`
at its default 80; a decoding-scale slip, not a weight-tracking one;
`NMSLayer` (non-max suppression after the decode) left out; the decode's three outputs returned.
"""

SOURCE = "https://github.com/KUASWoodyLIN/TF2-Yolo3/blob/119131a918b95ee0642c6c8cc31172c778b83ec0/layers/output_box_layer.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/okh_tf2yolo3_output_box_layer_numpy_anchors_on_self.py:
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.   (twice: the unused LeakyReLU sublayers)
as returned: Functional, count_params() = 2739, 12 weights, unbuilt: none
after call: count_params() = 2739, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dark_net_conv2dbn_leaky': 124, 'dark_net_conv2dbn_leaky_1': 320, 'yolo_output_layer': 0, 'yolo_output_box_layer': 0}
second call: 0 variables watched that the first call did not use
(124 = conv 3*3*3*4 + BN 16; 320 = conv 3*3*4*8 + BN 32; + the 1x1 head conv 8*255+255 = 2295.)"""

import numpy as np
import tensorflow as tf

yolo_anchors = np.array([(10, 13), (16, 30), (33, 23), (30, 61), (62, 45),
                         (59, 119), (116, 90), (156, 198), (373, 326)], np.float32)


class DarkNetConv2DBNLeaky(tf.keras.layers.Layer):
    def __init__(self,
                 filters,
                 kernel_size,
                 strides=(1, 1), **kwargs):
        super(DarkNetConv2DBNLeaky, self).__init__(**kwargs)
        padding = 'valid' if strides == (2, 2) else 'same'
        self.conv2d = tf.keras.layers.Conv2D(filters, kernel_size, strides,
                                             padding=padding,
                                             use_bias=False,
                                             kernel_regularizer=tf.keras.regularizers.l2(5e-4))
        self.batch_normalization = tf.keras.layers.BatchNormalization()
        self.leakyrelu = tf.keras.layers.LeakyReLU(alpha=0.1)

    def call(self, inputs, **kwargs):
        x = self.conv2d(inputs)
        x = self.batch_normalization(x)
        x = tf.nn.leaky_relu(x, alpha=0.1)
        return x


class YoloOutputLayer(tf.keras.layers.Layer):
    def __init__(self, num_anchors, num_classes, **kwargs):
        super(YoloOutputLayer, self).__init__(**kwargs)
        self.num_anchors = num_anchors
        self.num_classes = num_classes

    def build(self, input_shape):
        self.input_h, self.input_w = input_shape[1:3]

    def call(self, x, **kwargs):
        if self.input_h is None or self.input_w is None:
            x = tf.reshape(x, (-1, tf.shape(x)[1], tf.shape(x)[2], self.num_anchors, self.num_classes + 5))
        else:
            x = tf.reshape(x, (-1, self.input_h, self.input_w, self.num_anchors, self.num_classes + 5))
        return x


class YoloOutputBoxLayer(tf.keras.layers.Layer):
    def __init__(self, anchors, output_layer=1, num_classes=80, training=False, **kwargs):
        super(YoloOutputBoxLayer, self).__init__(**kwargs)
        self.anchors = anchors
        self.num_classes = num_classes
        self.training = training
        if output_layer == 1:
            self.grid_to_image_scale = 32
        elif output_layer == 2:
            self.grid_to_image_scale = 16
        else:
            self.grid_to_image_scale = 8

    def build(self, input_shape):
        self.grid_h, self.grid_w = input_shape[1:3]

    def call(self, inputs, **kwargs):
        if self.grid_h is None:
            grid_h, grid_w = tf.shape(inputs)[1], tf.shape(inputs)[2]
        else:
            grid_h, grid_w = self.grid_h, self.grid_w

        box_xy, box_wh, box_confidence, box_class_probs = tf.split(inputs, (2, 2, 1, self.num_classes), axis=-1)
        box_xy = tf.sigmoid(box_xy)     # scale to 0~1
        box_confidence = tf.sigmoid(box_confidence)     # scale to 0~1
        box_class_probs = tf.sigmoid(box_class_probs)   # scale to 0~1
        pred_box = tf.concat((box_xy, box_wh), axis=-1)  # original x,y,w,h for loss function

        grid = tf.meshgrid(tf.range(grid_w), tf.range(grid_h))
        grid = tf.stack(grid, axis=-1)          # (gx, gy, 2)
        grid = tf.expand_dims(grid, axis=2)     # (gx, gy, 1, 2)

        box_xy = (box_xy + tf.cast(grid, tf.float32)) / tf.cast((grid_w, grid_h), tf.float32)
        image_w, image_h = (grid_w * self.grid_to_image_scale, grid_h * self.grid_to_image_scale)
        box_wh = tf.exp(box_wh) * (self.anchors / (image_w, image_h))

        box_x1y1 = box_xy - box_wh / 2
        box_x2y2 = box_xy + box_wh / 2
        bbox = tf.concat([box_x1y1, box_x2y2], axis=-1)
        if self.training:
            return tf.concat([bbox, box_confidence, box_class_probs, pred_box], axis=-1)
        return bbox, box_confidence, box_class_probs


def build_model(anchors=yolo_anchors, num_classes=80):
    num_anchors = len(anchors) // 3
    input_size = (64, 64, 3)
    inputs = tf.keras.Input(input_size)
    x = DarkNetConv2DBNLeaky(4, (3, 3))(inputs)
    x = DarkNetConv2DBNLeaky(8, (3, 3))(x)
    x = tf.keras.layers.MaxPooling2D(pool_size=(32, 32))(x)
    y1 = tf.keras.layers.Conv2D(num_anchors * (num_classes + 5), (1, 1))(x)
    y1 = YoloOutputLayer(num_anchors, num_classes)(y1)
    h, w, _ = input_size
    y1 = YoloOutputBoxLayer(anchors[6:] / (h, w), num_classes)(y1)
    return tf.keras.Model(inputs, y1, name='Yolo-V3')
