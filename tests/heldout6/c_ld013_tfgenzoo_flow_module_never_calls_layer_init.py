"""TFGENZOO's FlowModule (a Glow container of flow steps) never calls `super().__init__()`.

MokkeMeguru/TFGENZOO builds normalizing flows (Glow) from an abstract helper hierarchy:
`FlowBase(Layer, metaclass=ABCMeta)` dispatches `call(inputs, inverse=...)` to
`forward`/`inverse`, `FlowComponent(FlowBase)` is one invertible step (Actnorm, 1x1 conv, ...),
and `FlowModule(FlowBase)` chains a list of components. Every other class passes through
`super().__init__()`, but `FlowModule.__init__` only stores `self.components = components`. On
Keras 3 the assignment still works (the tracker is created on demand), so the module looks
assembled, but `Layer.__init__` never ran: the first call raises, and nothing of the flow can be
built or trained through the module.
"""

SOURCE = "https://github.com/MokkeMeguru/TFGENZOO/blob/master/TFGENZOO/flows/flowbase.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py c_ld013_tfgenzoo_flow_module_never_calls_layer_init.py:
build_model() raised RuntimeError: In layer 'FlowModule', you forgot to call `super().__init__()` as the first statement in the `__init__()` method. Go add it!"""

from abc import ABCMeta, abstractmethod
from typing import List

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

Layer = layers.Layer


class FlowBase(Layer, metaclass=ABCMeta):
    @abstractmethod
    def __init__(self, args):
        super(FlowBase, self).__init__()

    @abstractmethod
    def build(self, **kwargs):
        self.built = True

    def call(self, inputs, inverse=False, **kwargs):
        if inverse:
            return self.inverse(inputs, **kwargs)
        else:
            return self.forward(inputs, **kwargs)

    @abstractmethod
    def forward(self, inputs, **kwargs):
        return inputs

    @abstractmethod
    def inverse(self, inputs, **kwargs):
        return inputs


class FlowComponent(FlowBase):
    @abstractmethod
    def __init__(self, args):
        super(FlowComponent, self).__init__(args)

    @abstractmethod
    def forward(self, x, **kwargs):
        return x, tf.zeros(tf.shape(x)[0:1])

    @abstractmethod
    def inverse(self, z, **kwargs):
        return z, tf.zeros(tf.shape(z)[0:1])


class FlowModule(FlowBase):
    def build(self, **kwargs):
        super(FlowModule, self).build()

    def __init__(self, components: List[FlowComponent]):
        self.components = components

    def forward(self, x, **kwargs):
        z = x
        log_det_jacobian = []
        for component in self.components:
            z, ldj = component(z, inverse=False, **kwargs)
            log_det_jacobian.append(ldj)
        return z, sum(log_det_jacobian)

    def inverse(self, z, **kwargs):
        x = z
        inverse_log_det_jacobian = []
        for component in reversed(self.components):
            x, ildj = component(x, inverse=True, **kwargs)
            inverse_log_det_jacobian.append(ildj)
        return x, sum(inverse_log_det_jacobian)


class Actnorm(FlowComponent):
    def __init__(self, scale: float = 1.0, logscale_factor: float = 3.0):
        super(Actnorm, self).__init__(None)
        self.scale = scale
        self.logscale_factor = logscale_factor

    def build(self, input_shape):
        b, h, w, c = list(input_shape)
        self.logdet_factor = float(h * w)
        stats_shape = (1, 1, 1, c)
        self.logs = self.add_weight(name="logscale", shape=stats_shape, initializer="zeros", trainable=True)
        self.bias = self.add_weight(name="bias", shape=stats_shape, initializer="zeros", trainable=True)
        self.built = True

    def forward(self, x, **kwargs):
        logs = self.logs * self.logscale_factor
        z = (x + self.bias) * tf.exp(logs)
        log_det_jacobian = tf.reduce_sum(logs) * self.logdet_factor
        return z, tf.broadcast_to(log_det_jacobian, tf.shape(x)[0:1])

    def inverse(self, z, **kwargs):
        logs = self.logs * self.logscale_factor
        x = z * tf.exp(-1 * logs) - self.bias
        inverse_log_det_jacobian = -1 * tf.reduce_sum(logs) * self.logdet_factor
        return x, tf.broadcast_to(inverse_log_det_jacobian, tf.shape(x)[0:1])


def build_model():
    flow = FlowModule([Actnorm(), Actnorm()])
    images = np.random.default_rng(0).random((2, 8, 8, 3)).astype("float32")
    flow(images)  # the Glow model's first forward pass
    return flow, images
