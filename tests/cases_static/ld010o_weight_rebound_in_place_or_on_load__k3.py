# LD010 variable-shadowed: a weight attribute rebound by an augmented assignment (`self.kernel *= mask`), or to the loaded array in load_own_variables()
import keras
import numpy as np
from keras import layers, ops

CASE, TITLE = "LD010o", "self.kernel *= mask in call()/build(), self._bias = store['bias'] in load_own_variables()"
FEATURES = 6

# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), /tmp/fix11a/measure.py: each make_* model
# called on a float batch, gradient of sum(outputs) with tf.GradientTape for every trainable weight.
# Buggy:
#   MaskedConv (`self.kernel *= self.mask` in call()): building the functional model leaves a symbolic
#   tensor in self.kernel, the eager call raises (Cannot convert a symbolic tf.Tensor to a numpy array);
#   DoubledLinear (`self.w += self.w` in build()): self.w is a tensor, the variable gets a None gradient;
#   ReloadedLinear (save_own_variables/load_own_variables round trip; `self._bias = store["bias"]`):
#   the bias variable stays in trainable_weights and gets a None gradient;
#   RestoredScale (set_weights override: `self.scale = weights[0]`): the variable gets a None gradient.
# Twins (every trainable weight gets a gradient):
#   AssignMaskedConv (self.kernel.assign(self.kernel * mask) in build(), a local `kernel *= mask` in call()),
#   AssignReloadedLinear (load_own_variables assigns the arrays: self._bias.assign(...), and stores a
#   plain setting self._scale), CountingLinear (`self.calls += 1`: an int attribute, not a weight).


class MaskedConv(layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(3, input_shape[-1], 4))
        self.mask = np.array([1.0, 0.0, 1.0], "float32")[:, None, None]

    def call(self, x):
        self.kernel *= self.mask  # LD010
        return ops.conv(x, self.kernel, padding="same")


class DoubledLinear(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 3))
        self.w += self.w  # LD010

    def call(self, x):
        return ops.matmul(x, self.w)


class ReloadedLinear(layers.Layer):
    def build(self, input_shape):
        self._kernel = self.add_weight(name="kernel", shape=(input_shape[-1], 3))
        self._bias = self.add_weight(name="bias", shape=(3,), initializer="ones")

    def call(self, x):
        return ops.matmul(x, self._kernel) + self._bias

    def save_own_variables(self, store):
        store["kernel"] = ops.convert_to_numpy(self._kernel)
        store["bias"] = ops.convert_to_numpy(self._bias)

    def load_own_variables(self, store):
        self._kernel.assign(store["kernel"])
        self._bias = store["bias"]  # LD010


class RestoredScale(layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        return x * self.scale

    def set_weights(self, weights):
        self.scale = weights[0]  # LD010


class AssignMaskedConv(layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(3, input_shape[-1], 4))
        self.mask = np.array([1.0, 0.0, 1.0], "float32")[:, None, None]
        self.kernel.assign(self.kernel * self.mask)

    def call(self, x):
        kernel = self.kernel
        kernel *= self.mask
        return ops.conv(x, kernel, padding="same")


class AssignReloadedLinear(layers.Layer):
    def build(self, input_shape):
        self._kernel = self.add_weight(name="kernel", shape=(input_shape[-1], 3))
        self._bias = self.add_weight(name="bias", shape=(3,), initializer="ones")
        self._scale = 1.0

    def call(self, x):
        return (ops.matmul(x, self._kernel) + self._bias) * self._scale

    def save_own_variables(self, store):
        store["kernel"] = ops.convert_to_numpy(self._kernel)
        store["bias"] = ops.convert_to_numpy(self._bias)

    def load_own_variables(self, store):
        self._kernel.assign(store["kernel"])
        self._bias.assign(store["bias"])
        self._scale = float(np.max(np.abs(store["kernel"])) > 0)


class CountingLinear(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 3))
        self.calls = 0

    def call(self, x):
        self.calls += 1
        return ops.matmul(x, self.w)


def _model(layer, shape=(FEATURES,)):
    inputs = keras.Input(shape)
    return keras.Model(inputs, layer(inputs))


def _reloaded(model):
    for layer in model.layers[1:]:
        store = {}
        layer.save_own_variables(store)
        layer.load_own_variables(store)
    return model


def make_masked_conv():
    return _model(MaskedConv(), shape=(8, 2))


def make_doubled_linear():
    return _model(DoubledLinear())


def make_reloaded_linear():
    return _reloaded(_model(ReloadedLinear()))


def make_restored_scale():
    model = _model(RestoredScale())
    model.layers[1].set_weights([np.ones(FEATURES, "float32")])
    return model


def make_assign_masked_conv():
    return _model(AssignMaskedConv(), shape=(8, 2))


def make_assign_reloaded_linear():
    return _reloaded(_model(AssignReloadedLinear()))


def make_counting_linear():
    return _model(CountingLinear())
