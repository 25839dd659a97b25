# LD005 unbuilt-sublayer: `network.build(shape)` in a helper function whose parameter the caller fills with a
# subclassed model without build() (calmisential's YOLOv3_TensorFlow2 `print_model_summary(network=net)` before
# load_weights, held-out 42)
import numpy as np
import keras
from keras import layers

CASE, TITLE = "LD005zs", "model.build(shape) in a helper handed the model"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s42/probe/probe_ld005zs.py): summarized() returns a Detector with 0
# weights after the helper's build() ("looks like it has unbuilt state" warning) and 2 unbuilt Dense;
# called_first() and built_by_its_own_build() have all 4 weights when the helper returns.


class Detector(keras.Model):
    def __init__(self, classes):
        super().__init__()
        self.backbone = layers.Dense(8)
        self.head = layers.Dense(classes)

    def call(self, x):
        return self.head(self.backbone(x))


class BuiltDetector(Detector):
    def build(self, input_shape):
        self.backbone.build(input_shape)
        self.head.build((*input_shape[:-1], 8))


def print_model_summary(network, shape=(None, 4)):
    network.build(input_shape=shape)  # LD005
    return network.count_params()


def summary_of_built(network):
    network.build((None, 4))
    return network.count_params()


def summarized():
    net = Detector(classes=3)
    print_model_summary(network=net)
    return net


def called_first():
    net = Detector(classes=3)
    net(np.zeros((1, 4), "float32"))
    summary_of_built(net)
    return net


def built_by_its_own_build():
    net = BuiltDetector(classes=3)
    summary_of_built(net)
    return net
