# LD009 no-gradient: a weight build() always makes is read only after `if not self.use_bias: return res`,
# and an instance made with the default use_bias=False never reads it (tests/heldout32, a pointer-generator's
# LinearLayer, whose every instance takes the default). Measured on Keras 3.15.1 + TF 2.21
# (/tmp/p35/probe_static.py): that instance's bias gets a None gradient; the instance made with
# use_bias=True trains its bias (no finding on that site).
import keras
from keras import ops


class LinearLayer(keras.layers.Layer):
    def __init__(self, output_size, use_bias=False, **kwargs):
        super().__init__(**kwargs)
        self.output_size = output_size
        self.use_bias = use_bias

    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=[input_shape[-1], self.output_size])
        self.bias = self.add_weight(name="bias", shape=[self.output_size], initializer="zeros")

    def call(self, inputs):
        res = ops.matmul(inputs, self.kernel)
        if not self.use_bias:
            return res
        return res + self.bias


def build_model():
    inputs = keras.Input((4,))
    plain = LinearLayer(3)(inputs)  # LD009
    biased = LinearLayer(3, use_bias=True)(inputs)
    return keras.Model(inputs, [plain, biased])
