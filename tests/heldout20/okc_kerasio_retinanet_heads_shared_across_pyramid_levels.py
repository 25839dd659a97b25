"""The keras.io RetinaNet: one classification head and one box head (each a `keras.Sequential` built by
`build_head()`) are applied in a loop to all five feature-pyramid levels P3..P7, and the `FeaturePyramid`
custom layer holds the backbone model plus eight convolutions and one `UpSampling2D` used twice.

From keras-team/keras-io (`examples/vision/retinanet.py`). Looks like the shared-layer / reused-on-
different-inputs traps (a head made once and called on feature maps of five sizes, a backbone
`keras.Model` stored on a layer, `FeaturePyramid` with no `build()`), but every pyramid level has the
same 256 (here 16) channels, so the shared heads fit all of them: on Keras 3 each head is counted once,
all backbone, pyramid and head weights get gradients, and a `fit` step changes them all.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); `get_backbone()`'s ImageNet ResNet50 (a
download) replaced by a small functional model with the same three outputs (C3/C4/C5 at strides
8/16/32, 16/32/64 channels); the pyramid and head width 256 -> 16 (`build_head` takes the width as a
parameter, the example hard-codes 256); 3 classes instead of 80; `build_model()` returns the model
with two 64x64 images (no dataset, loss or training).
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/040e8ba4b4bf32ba42d56130fd0f793bec57d097/examples/vision/retinanet.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout20/_measure.py tests/heldout20/okc_kerasio_retinanet_heads_shared_across_pyramid_levels.py:
as returned: RetinaNet, count_params() = count_params() raised ValueError, 28 weights, unbuilt: ['FeaturePyramid:FeaturePyramid', 'UpSampling2D:up_sampling2d', 'Conv2D:conv2d_11', 'Conv2D:conv2d_10', ..., 'Conv2D:conv2d_4'] (subclassed, not called yet; the heads and backbone are built by their Input)
after call: count_params() = 72575, 44 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 44 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'FeaturePyramid': 44880}
second call: 0 variables watched that the first call did not use
Own scripts: cls_head and box_head have 10 weights each (counted once although each is called on five
levels); /tmp/mine20a/fitprobe2.py (SGD(0.1), mse, one step): fit ok, 42/44 weights change; the two
kernels left bit-identical are the P6/P7 convs, whose gradients are ~1e-11 (the heads start at
N(0, 0.01)), i.e. an update below float32 resolution, not a missing gradient."""

import numpy as np
import tensorflow as tf
import keras

WIDTH = 16


def get_backbone():
    """Stands in for the example's ResNet50: returns C3, C4, C5 (strides 8, 16, 32)."""
    inputs = keras.Input(shape=[None, None, 3])
    x = keras.layers.Conv2D(8, 3, strides=4, padding="same", activation="relu")(inputs)
    x = c3_output = keras.layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(x)
    x = c4_output = keras.layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(x)
    c5_output = keras.layers.Conv2D(64, 3, strides=2, padding="same", activation="relu")(x)
    return keras.Model(
        inputs=[inputs], outputs=[c3_output, c4_output, c5_output]
    )


class FeaturePyramid(keras.layers.Layer):
    """Builds the Feature Pyramid with the feature maps from the backbone."""

    def __init__(self, backbone=None, **kwargs):
        super(FeaturePyramid, self).__init__(name="FeaturePyramid", **kwargs)
        self.backbone = backbone if backbone else get_backbone()
        self.conv_c3_1x1 = keras.layers.Conv2D(WIDTH, 1, 1, "same")
        self.conv_c4_1x1 = keras.layers.Conv2D(WIDTH, 1, 1, "same")
        self.conv_c5_1x1 = keras.layers.Conv2D(WIDTH, 1, 1, "same")
        self.conv_c3_3x3 = keras.layers.Conv2D(WIDTH, 3, 1, "same")
        self.conv_c4_3x3 = keras.layers.Conv2D(WIDTH, 3, 1, "same")
        self.conv_c5_3x3 = keras.layers.Conv2D(WIDTH, 3, 1, "same")
        self.conv_c6_3x3 = keras.layers.Conv2D(WIDTH, 3, 2, "same")
        self.conv_c7_3x3 = keras.layers.Conv2D(WIDTH, 3, 2, "same")
        self.upsample_2x = keras.layers.UpSampling2D(2)

    def call(self, images, training=False):
        c3_output, c4_output, c5_output = self.backbone(images, training=training)
        p3_output = self.conv_c3_1x1(c3_output)
        p4_output = self.conv_c4_1x1(c4_output)
        p5_output = self.conv_c5_1x1(c5_output)
        p4_output = p4_output + self.upsample_2x(p5_output)
        p3_output = p3_output + self.upsample_2x(p4_output)
        p3_output = self.conv_c3_3x3(p3_output)
        p4_output = self.conv_c4_3x3(p4_output)
        p5_output = self.conv_c5_3x3(p5_output)
        p6_output = self.conv_c6_3x3(c5_output)
        p7_output = self.conv_c7_3x3(tf.nn.relu(p6_output))
        return p3_output, p4_output, p5_output, p6_output, p7_output


def build_head(output_filters, bias_init, width=WIDTH):
    """Builds the class/box predictions head."""
    head = keras.Sequential([keras.Input(shape=[None, None, width])])
    kernel_init = keras.initializers.RandomNormal(0.0, 0.01)
    for _ in range(4):
        head.add(
            keras.layers.Conv2D(width, 3, padding="same", kernel_initializer=kernel_init)
        )
        head.add(keras.layers.ReLU())
    head.add(
        keras.layers.Conv2D(
            output_filters,
            3,
            1,
            padding="same",
            kernel_initializer=kernel_init,
            bias_initializer=bias_init,
        )
    )
    return head


class RetinaNet(keras.Model):
    """A subclassed Keras model implementing the RetinaNet architecture."""

    def __init__(self, num_classes, backbone=None, **kwargs):
        super(RetinaNet, self).__init__(name="RetinaNet", **kwargs)
        self.fpn = FeaturePyramid(backbone)
        self.num_classes = num_classes

        prior_probability = keras.initializers.Constant(-np.log((1 - 0.01) / 0.01))
        self.cls_head = build_head(9 * num_classes, prior_probability)
        self.box_head = build_head(9 * 4, "zeros")

    def call(self, image, training=False):
        features = self.fpn(image, training=training)
        N = tf.shape(image)[0]
        cls_outputs = []
        box_outputs = []
        for feature in features:
            box_outputs.append(tf.reshape(self.box_head(feature), [N, -1, 4]))
            cls_outputs.append(
                tf.reshape(self.cls_head(feature), [N, -1, self.num_classes])
            )
        cls_outputs = tf.concat(cls_outputs, axis=1)
        box_outputs = tf.concat(box_outputs, axis=1)
        return tf.concat([box_outputs, cls_outputs], axis=-1)


def build_model():
    images = np.random.default_rng(0).random((2, 64, 64, 3)).astype("float32")
    return RetinaNet(3, get_backbone()), images
