# LD001 raw-tensor-state, a near miss: `self.anchors_w` next to `self.anchors_h` is a width and height pair
# of fixed anchor sizes, not a weight `w` (tests/heldout32, d2k's YOLO layer: a correct layer). No finding
# for the pair; `self.bias_w` without an `_h` twin, drawn at random, stays a raw tensor. Measured on
# Keras 3.15.1 + TF 2.21 (/tmp/p35/probe_static.py): AnchorDecode has 0 weights by design, its output
# uses the anchors; RandomOffset has 0 weights although its offset is meant to train.
import keras
import tensorflow as tf
import tensorflow.keras.backend as K


class AnchorDecode(keras.layers.Layer):
    def __init__(self, anchors, **kwargs):
        super().__init__(**kwargs)
        self.anchors_w = K.constant([a[0] for a in anchors], dtype="float32")
        self.anchors_h = K.constant([a[1] for a in anchors], dtype="float32")

    def call(self, x):
        return tf.concat([tf.exp(x[..., :2]) * self.anchors_w, tf.exp(x[..., 2:]) * self.anchors_h], -1)


class RandomOffset(keras.layers.Layer):
    def build(self, input_shape):
        self.bias_w = tf.random.normal((input_shape[-1],))  # LD001

    def call(self, x):
        return x + self.bias_w


def build_model():
    inputs = keras.Input((4,))
    return keras.Model(inputs, [AnchorDecode([(10, 13), (16, 30)])(inputs), RandomOffset()(inputs)])
