"""YunYang1994's RPN+ (a VGG16 region-proposal network written as a `tf.keras.Model`): `__init__` declares
three region-proposal convolutions, one per pyramid tap (pool3, pool4, conv5_3), but `call()` computes the
conv5 tap with `self.region_proposal_conv2(h)` again, a copy-paste slip for `region_proposal_conv3`.

From YunYang1994/TensorFlow2.0-Examples (`4-Object_Detection/RPN/rpn.py`, trained by `train.py` with
`model = RPNplus()` and `model(image_data)`). Both taps have 512 channels, so nothing fails: on Keras 3 the
pool4 and conv5 proposals silently share one kernel, and `region_proposal_conv3` is never called, never
built and holds no weights (the summary shows it as "0 (unbuilt)"); `pool5` is declared and unused too
(weightless). The model trains one 5x2 convolution fewer than its author wrote.

Porting edits: widths shrunk (VGG 64/128/256/512 -> 4/4/8/8 filters, proposal convs 256/512/512 -> 4/8/8;
the 9-anchor heads keep 18 and 36 channels); the input shrunk from 720x960 to 48x64, so the hard-coded
reshape grid [-1, 45, 60, ...] becomes [-1, 3, 4, ...]; `build_model()` instantiates `RPNplus()` as
`train.py` does and returns it with one 48x64 RGB image (no dataset, anchors or loss).
"""

SOURCE = "https://github.com/YunYang1994/TensorFlow2.0-Examples/blob/299fd6689f242d0f647a96b8844e86325e9fcb46/4-Object_Detection/RPN/rpn.py"
CODES = ("LD005", "LD007")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/o_yunyang_rpnplus_region_proposal_conv2_reused_for_conv3.py:
UserWarning: `build()` was called on layer 'rp_nplus', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. ...
as returned: RPNplus, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv2D:conv2d', ..., 'Conv2D:conv2d_17'] (not called yet)
after call: count_params() = 7564, 30 trainable weights, unbuilt: ['Conv2D:conv2d_15']; output dtypes ['float32']
gradient None for 0 of 30 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine26b/p12.py): outputs (1, 3, 4, 9, 2) and (1, 3, 4, 9, 4); region_proposal_conv2 is
called 2 times per forward (pool4 and conv5 taps); region_proposal_conv1 = conv2d_13 320 params,
region_proposal_conv2 = conv2d_14 640 params, region_proposal_conv3 = conv2d_15 built False; summary row
"conv2d_15 (Conv2D) | ? | 0 (unbuilt)"; total 7,564 instead of the 8,204 the author's layers define."""

import numpy as np
import tensorflow as tf

class RPNplus(tf.keras.Model):
    # VGG_MEAN = [103.939, 116.779, 123.68]
    def __init__(self):
        super(RPNplus, self).__init__()
        # conv1
        self.conv1_1 = tf.keras.layers.Conv2D(4, 3, activation='relu', padding='same')
        self.conv1_2 = tf.keras.layers.Conv2D(4, 3, activation='relu', padding='same')
        self.pool1   = tf.keras.layers.MaxPooling2D(2, strides=2, padding='same')

        # conv2
        self.conv2_1 = tf.keras.layers.Conv2D(4, 3, activation='relu', padding='same')
        self.conv2_2 = tf.keras.layers.Conv2D(4, 3, activation='relu', padding='same')
        self.pool2   = tf.keras.layers.MaxPooling2D(2, strides=2, padding='same')

        # conv3
        self.conv3_1 = tf.keras.layers.Conv2D(8, 3, activation='relu', padding='same')
        self.conv3_2 = tf.keras.layers.Conv2D(8, 3, activation='relu', padding='same')
        self.conv3_3 = tf.keras.layers.Conv2D(8, 3, activation='relu', padding='same')
        self.pool3   = tf.keras.layers.MaxPooling2D(2, strides=2, padding='same')

        # conv4
        self.conv4_1 = tf.keras.layers.Conv2D(8, 3, activation='relu', padding='same')
        self.conv4_2 = tf.keras.layers.Conv2D(8, 3, activation='relu', padding='same')
        self.conv4_3 = tf.keras.layers.Conv2D(8, 3, activation='relu', padding='same')
        self.pool4   = tf.keras.layers.MaxPooling2D(2, strides=2, padding='same')

        # conv5
        self.conv5_1 = tf.keras.layers.Conv2D(8, 3, activation='relu', padding='same')
        self.conv5_2 = tf.keras.layers.Conv2D(8, 3, activation='relu', padding='same')
        self.conv5_3 = tf.keras.layers.Conv2D(8, 3, activation='relu', padding='same')
        self.pool5   = tf.keras.layers.MaxPooling2D(2, strides=2, padding='same')

        ## region_proposal_conv
        self.region_proposal_conv1 = tf.keras.layers.Conv2D(4, kernel_size=[5,2],
                                                            activation=tf.nn.relu,
                                                            padding='same', use_bias=False)
        self.region_proposal_conv2 = tf.keras.layers.Conv2D(8, kernel_size=[5,2],
                                                            activation=tf.nn.relu,
                                                            padding='same', use_bias=False)
        self.region_proposal_conv3 = tf.keras.layers.Conv2D(8, kernel_size=[5,2],
                                                            activation=tf.nn.relu,
                                                            padding='same', use_bias=False)
        ## Bounding Boxes Regression layer
        self.bboxes_conv = tf.keras.layers.Conv2D(36, kernel_size=[1,1],
                                                padding='same', use_bias=False)
        ## Output Scores layer
        self.scores_conv = tf.keras.layers.Conv2D(18, kernel_size=[1,1],
                                                padding='same', use_bias=False)


    def call(self, x, training=False):
        h = self.conv1_1(x)
        h = self.conv1_2(h)
        h = self.pool1(h)

        h = self.conv2_1(h)
        h = self.conv2_2(h)
        h = self.pool2(h)

        h = self.conv3_1(h)
        h = self.conv3_2(h)
        h = self.conv3_3(h)
        h = self.pool3(h)
        # Pooling to same size
        pool3_p = tf.nn.max_pool2d(h, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1],
                                   padding='SAME', name='pool3_proposal')
        pool3_p = self.region_proposal_conv1(pool3_p) # [1, 45, 60, 256]

        h = self.conv4_1(h)
        h = self.conv4_2(h)
        h = self.conv4_3(h)
        h = self.pool4(h)
        pool4_p = self.region_proposal_conv2(h) # [1, 45, 60, 512]

        h = self.conv5_1(h)
        h = self.conv5_2(h)
        h = self.conv5_3(h)
        pool5_p = self.region_proposal_conv2(h) # [1, 45, 60, 512]

        region_proposal = tf.concat([pool3_p, pool4_p, pool5_p], axis=-1) # [1, 45, 60, 1280]

        conv_cls_scores = self.scores_conv(region_proposal) # [1, 45, 60, 18]
        conv_cls_bboxes = self.bboxes_conv(region_proposal) # [1, 45, 60, 36]

        cls_scores = tf.reshape(conv_cls_scores, [-1, 3, 4, 9, 2])
        cls_bboxes = tf.reshape(conv_cls_bboxes, [-1, 3, 4, 9, 4])

        return cls_scores, cls_bboxes


def build_model():
    model = RPNplus()
    image_data = np.random.default_rng(0).random((1, 48, 64, 3)).astype("float32")
    return model, image_data
