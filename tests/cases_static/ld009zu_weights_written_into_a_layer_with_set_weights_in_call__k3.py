# LD009 no-gradient: call() writes a value computed from trainable weights into another layer with set_weights()
from keras import layers, ops

CASE, TITLE = "LD009zu", "call() hands g * normalize(v) to the wrapped layer's set_weights() (kerex's weight norm)"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s38/probe/ld009zu.py, eager calls under a GradientTape): SetWeightsNorm's
# g and v get a None gradient (the values are copied in as NumPy arrays), the Dense's kernel and bias do not;
# EmaOfKernel's trainable weights (scale, the Dense's kernel and bias) all get a gradient; its average is not trainable.


class SetWeightsNorm(layers.Wrapper):
    def build(self, input_shape):
        super().build(input_shape)
        self.v = self.add_weight(shape=self.layer.kernel.shape, initializer="random_normal", name="v")
        self.g = self.add_weight(shape=self.layer.bias.shape, initializer="ones", name="g")

    def call(self, inputs):
        self.layer.set_weights([self.g * ops.normalize(self.v, axis=0), self.layer.bias])  # LD009
        return self.layer(inputs)


class EmaOfKernel(layers.Wrapper):
    """Correct: assign() in call() writes a non-trainable average of the kernel; the layer itself runs."""

    def build(self, input_shape):
        super().build(input_shape)
        self.scale = self.add_weight(shape=(), initializer="ones", name="scale")
        self.ema = self.add_weight(shape=self.layer.kernel.shape, initializer="zeros", trainable=False, name="ema")

    def call(self, inputs):
        self.ema.assign(0.9 * self.ema + 0.1 * self.scale * self.layer.kernel)
        return self.scale * self.layer(inputs)


def make_set_weights_norm():
    layer = SetWeightsNorm(layers.Dense(3))
    layer.build((None, 4))
    return layer


def make_ema_of_kernel():
    layer = EmaOfKernel(layers.Dense(3))
    layer.build((None, 4))
    return layer
