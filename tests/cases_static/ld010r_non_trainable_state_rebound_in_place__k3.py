# LD010 variable-shadowed: `self.state += update` in call() on a weight made with trainable=False (routing
# logits of a capsule layer, a step counter): the attribute becomes a tensor, the variable keeps its initial
# value (and is saved so), and each call starts from the tensor the previous one left (tests/heldout23 reijo1337
# CapsNet). `.assign_add()` and a plain Python counter stay clean.
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f23/measure_ld010r.py): after two calls
# Routing.logits is an EagerTensor, the variable still all zeros, and the two outputs differ; Counter.step
# likewise; AssignedRouting.logits stays the variable (updated), CountedCalls.calls is a Python int.
import keras
from keras import ops


class Routing(keras.layers.Layer):
    def build(self, input_shape):
        self.logits = self.add_weight(shape=(1, input_shape[-1]), initializer="zeros", trainable=False)

    def call(self, x):
        weights = ops.softmax(self.logits)
        self.logits += ops.sum(x * weights, axis=0, keepdims=True)  # LD010
        return x * weights


class Counter(keras.layers.Layer):
    def build(self, input_shape):
        self.step = self.add_weight(shape=(), initializer="zeros", trainable=False, name="step")

    def call(self, x):
        self.step += 1.0  # LD010
        return x / self.step


class AssignedRouting(keras.layers.Layer):
    def build(self, input_shape):
        self.logits = self.add_weight(shape=(1, input_shape[-1]), initializer="zeros", trainable=False)

    def call(self, x):
        weights = ops.softmax(self.logits)
        self.logits.assign_add(ops.sum(x * weights, axis=0, keepdims=True))
        return x * weights


class CountedCalls(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.calls = 0

    def call(self, x):
        self.calls += 1
        return x
