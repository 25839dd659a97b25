# LD005 unbuilt-sublayer: a layer class that makes its weights in a method named build_model(), which Keras never
# runs (it builds a layer with build(self, input_shape)); the model runs it on one sublayer and not on the other
# (tests/heldout29 DLRT head). Measured on Keras 3.15.1 + TF 2.21 (tests/runtime/test_runtime_weights_made_in_build_model.py,
# the same classes): `first` has its weight, `out` has none and the model's first call raises AttributeError
# "'Linear' object has no attribute 'w'". The twin LinearBuilt (build(self, input_shape)) builds on the first call.
import keras
from keras import ops


class Linear(keras.layers.Layer):
    def __init__(self, units, input_dim, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.input_dim = input_dim

    def build_model(self):
        self.w = self.add_weight(shape=(self.input_dim, self.units), initializer="random_normal")

    def call(self, inputs):
        return ops.matmul(inputs, self.w)


class Head(keras.Model):
    def __init__(self):
        super().__init__()
        self.first = Linear(4, 3)
        self.out = Linear(2, 4)  # LD005

    def build_model(self):
        self.first.build_model()

    def call(self, inputs):
        return self.out(self.first(inputs))


class LinearBuilt(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")

    def call(self, inputs):
        return ops.matmul(inputs, self.w)


