# LD009 no-gradient: build() keeps slices of its weight in a list (`self.cores[k] = self.kernel[a:b]`,
# or `.append(...)`) and call() reads only the list: each slice is a tensor taken once, so the weight
# gets no gradient (tests/heldout32, TT-RNN's TT_Layer). Measured on Keras 3.15.1 + TF 2.21
# (/tmp/p35/probe_static.py): gradient None for both kernels; the twin slices in call() and trains.
import keras
from keras import ops


class IndexedCores(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(8,), name="kernel")  # LD009
        self.cores = [None] * 2
        for k in range(2):
            self.cores[k] = self.kernel[k * 4:(k + 1) * 4]

    def call(self, x):
        return x * self.cores[0] + x * self.cores[1]


class AppendedCores(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(8,), name="kernel")  # LD009
        self.cores = []
        for k in range(2):
            self.cores.append(self.kernel[k * 4:(k + 1) * 4])

    def call(self, x):
        return x * self.cores[0] + x * self.cores[1]


class SlicedInCall(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(8,), name="kernel")

    def call(self, x):
        return x * self.kernel[:4] + x * ops.reshape(self.kernel[4:], (4,))


def build_model():
    inputs = keras.Input((4,))
    return keras.Model(inputs, [IndexedCores()(inputs), AppendedCores()(inputs), SlicedInCall()(inputs)])
