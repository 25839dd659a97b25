"""SSD's L2Normalization layer makes its scale with a backend variable and assigns `self.trainable_weights = [self.gamma]`.

Users porting the SSD300 model to TF 2 got "Can't set the attribute 'trainable_weights'" at model
creation. The same build() ported to Keras 3 (`keras.Variable` for the old `K.variable`) fails the
same way: `trainable_weights` is a read-only property.
"""

SOURCE = "https://github.com/pierluigiferrari/ssd_keras/issues/322"
CODES = ("LD006",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
build_model() raises when L2Normalization is first called on the conv4_3 feature map:
AttributeError: property 'trainable_weights' of 'L2Normalization' object has no setter."""

import numpy as np
import keras
from keras import ops
from keras.layers import Layer, InputSpec


class L2Normalization(Layer):
    def __init__(self, gamma_init=20, **kwargs):
        self.axis = -1
        self.gamma_init = gamma_init
        super(L2Normalization, self).__init__(**kwargs)

    def build(self, input_shape):
        self.input_spec = [InputSpec(shape=input_shape)]
        gamma = self.gamma_init * np.ones((input_shape[self.axis],), dtype="float32")
        self.gamma = keras.Variable(gamma, name="{}_gamma".format(self.name))
        self.trainable_weights = [self.gamma]
        super(L2Normalization, self).build(input_shape)

    def call(self, x, mask=None):
        output = x / ops.sqrt(ops.maximum(ops.sum(ops.square(x), axis=self.axis, keepdims=True), 1e-12))
        return output * self.gamma


def build_model():
    image = keras.Input((16, 16, 3))
    conv4_3 = keras.layers.Conv2D(8, 3, padding="same", activation="relu", name="conv4_3")(image)
    conv4_3_norm = L2Normalization(gamma_init=20, name="conv4_3_norm")(conv4_3)
    conf = keras.layers.Conv2D(4, 3, padding="same", name="conv4_3_norm_mbox_conf")(conv4_3_norm)
    return keras.Model(image, conf)
