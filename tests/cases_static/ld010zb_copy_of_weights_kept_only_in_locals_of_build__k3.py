# LD010 variable-shadowed: build() makes weights with add_weight into locals and keeps on self only a tensor computed
# from them (a concatenation, a transpose), alone or appended to a list call() reads (Nested-LSTM's cell, held-out 41)
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s41/probe_ld010zb.py, each layer called on ones((2, 3)) under a
# GradientTape): Joined: 2 trainable weights, both gradients None; Levels: 3 trainable weights, None for the 2
# concatenated ones (level 0), a gradient for level 1's own weight; KeptOnSelf and Listed (the weights themselves
# kept, the computation in call()): every gradient present.
import keras
from keras import ops


class Joined(keras.layers.Layer):
    def build(self, input_shape):
        inputs = self.add_weight(shape=(input_shape[-1], 4), name="inputs")
        hidden = self.add_weight(shape=(4, 4), name="hidden")
        self.kernel = ops.concatenate([inputs, hidden], axis=0)  # LD010

    def call(self, x):
        return ops.matmul(ops.concatenate([x, ops.zeros((ops.shape(x)[0], 4))], axis=-1), self.kernel)


class Levels(keras.layers.Layer):
    def build(self, input_shape):
        self.kernels = []
        for i in range(2):
            if i == 0:
                inputs = self.add_weight(shape=(input_shape[-1], 4), name="inputs")
                hidden = self.add_weight(shape=(4, 4), name="hidden")
                kernel = ops.concatenate([inputs, hidden], axis=0)
            else:
                kernel = self.add_weight(shape=(input_shape[-1] + 4, 4), name="level_1")
            self.kernels.append(kernel)  # LD010

    def call(self, x):
        joined = ops.concatenate([x, ops.zeros((ops.shape(x)[0], 4))], axis=-1)
        return ops.matmul(joined, self.kernels[0]) + ops.matmul(joined, self.kernels[1])


class KeptOnSelf(keras.layers.Layer):
    def build(self, input_shape):
        inputs = self.add_weight(shape=(input_shape[-1], 4), name="inputs")
        hidden = self.add_weight(shape=(4, 4), name="hidden")
        self.inputs_kernel, self.hidden_kernel = inputs, hidden

    def call(self, x):
        kernel = ops.concatenate([self.inputs_kernel, self.hidden_kernel], axis=0)
        return ops.matmul(ops.concatenate([x, ops.zeros((ops.shape(x)[0], 4))], axis=-1), kernel)


class Listed(keras.layers.Layer):
    def build(self, input_shape):
        self.kernels = []
        for i in range(2):
            kernel = self.add_weight(shape=(input_shape[-1], 4), name=f"level_{i}")
            self.kernels.append(kernel)

    def call(self, x):
        return sum(ops.matmul(x, kernel) for kernel in self.kernels)
