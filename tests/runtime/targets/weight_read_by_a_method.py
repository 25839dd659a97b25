"""A trainable weight call() never reads: unused (LD009), or read by a method of the layer that call() does not run
and a training loop's loss calls (gSDE's `log_std` behind `get_std()`, held-out 41's rl-toolkit look-alike)."""

import keras
from keras import ops


class NoisyLayer(keras.layers.Layer):
    """The policy's exploration noise: `log_std` trains through the log-likelihood a loss builds on get_std()."""

    def build(self, input_shape):
        self.log_std = self.add_weight(shape=(input_shape[-1], 2), initializer="zeros", name="log_std")
        self.exploration = self.add_weight(shape=(input_shape[-1], 2), initializer="ones", trainable=False,
                                           name="exploration")

    def call(self, x):
        return ops.matmul(x, self.exploration)

    def get_std(self):
        return ops.exp(self.log_std)


class ForgottenLayer(keras.layers.Layer):
    """`scale` is read by a helper that call() itself runs, on a path the output drops: still never trained."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 2), name="kernel")
        self.scale = self.add_weight(shape=(2,), initializer="ones", name="scale")

    def scaled(self):
        return ops.exp(self.scale)

    def call(self, x):
        unused = self.scaled()  # noqa: F841 - the author forgot to apply it
        return ops.matmul(x, self.kernel)


def _model(layer):
    inputs = keras.Input((4,))
    return keras.Model(inputs, layer(inputs))


def noisy():
    return _model(NoisyLayer())


def forgotten():
    return _model(ForgottenLayer())
