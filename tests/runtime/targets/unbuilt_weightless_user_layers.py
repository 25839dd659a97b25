"""Models keeping a layer of the user's own they never call, whose build() makes no variable and no
layer (a wiring description filling tensors, held-out 26's ncps LTC cell): it stays unbuilt and
nothing is lost. Twins whose build() makes weights (through a helper method, a sublayer, or a Keras
base's build() via super()) do lose them. Each function returns (model, inputs); the model keeps the
layer as `spare`."""

import keras
import numpy as np
from keras import layers, ops

INPUTS = np.ones((2, 3), dtype="float32")


class Wiring(layers.Layer):
    """Connectivity only: build() fills a matrix (checked, with an exception for a wrong shape)."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.input_dim = None
        self.adjacency = None

    def build(self, input_dim):
        if self.input_dim is not None and self.input_dim != input_dim:
            raise ValueError(f"Conflicting input dimensions: {self.input_dim} and {input_dim}")
        self.input_dim = input_dim
        self.adjacency = ops.zeros((input_dim, self.units))
        for src in range(input_dim):
            self._connect(src)

    def _connect(self, src):
        self.adjacency = ops.slice_update(self.adjacency, (src, 0), ops.ones((1, self.units)))


class FullWiring(Wiring):
    def build(self, input_dim):
        super().build(input_dim)
        self.full = True


class HelperWeight(layers.Layer):
    """build() makes its kernel through a helper method."""

    def build(self, input_shape):
        self._make_kernel(input_shape[-1])

    def _make_kernel(self, width):
        self.kernel = self.add_weight(shape=(width, 2), name="kernel")

    def call(self, x):
        return ops.matmul(x, self.kernel)


class BuiltHead(layers.Layer):
    """build() makes a Dense sublayer and builds it."""

    def build(self, input_shape):
        self.head = layers.Dense(2)
        self.head.build(input_shape)

    def call(self, x):
        return self.head(x)


class ScaledDense(layers.Dense):
    """A Dense whose own build() hands the work to Dense.build() (which makes the kernel and bias)."""

    def build(self, input_shape):
        super().build(input_shape)
        self.scale = 2.0


class Net(keras.Model):
    def __init__(self, spare, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)
        self.spare = spare

    def call(self, x):
        return self.dense(x)


def wiring_kept_unbuilt():
    return Net(Wiring(4)), INPUTS


def subclassed_wiring_kept_unbuilt():
    return Net(FullWiring(4)), INPUTS


def helper_weight_kept_unbuilt():
    return Net(HelperWeight()), INPUTS


def built_head_kept_unbuilt():
    return Net(BuiltHead()), INPUTS


def dense_subclass_kept_unbuilt():
    return Net(ScaledDense(2)), INPUTS


CORRECT = ["wiring_kept_unbuilt", "subclassed_wiring_kept_unbuilt"]
