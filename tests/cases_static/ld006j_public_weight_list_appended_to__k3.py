# LD006 private-weight-list: `self.trainable_weights.append(...)` / `.extend(...)` / `.remove(...)`: the public
# lists are built anew on every read, so the change is lost without an error (kapre-style STFT layers,
# tests/heldout8 and tests/heldout31). Measured on Keras 3.15.1 + TF 2.21 and tf-keras 2.21 (/tmp/tw_append.py,
# /tmp/tw_append2.py): after the layer's first call the appended variable is not in trainable_weights on
# either. Reported as a warning: what the line adds is in the weights anyway when Keras tracks it (add_weight).
import keras
import numpy as np


class Kernels(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 2), name="kernel")
        self.trainable_weights.append(self.kernel)  # LD006

    def call(self, x):
        return x @ self.kernel


class KernelsTwin(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 2), name="kernel")
        self.weights_seen = list(self.trainable_weights)  # a copy of its own: nothing is changed

    def call(self, x):
        return x @ self.kernel


def build_model():
    inputs = keras.Input((3,))
    outputs = KernelsTwin()(Kernels()(inputs))
    model = keras.Model(inputs, outputs)
    model(np.ones((1, 3), "float32"))
    return model
