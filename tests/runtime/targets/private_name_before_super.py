"""`self._name = name` before super().__init__() (ANTsPyNet's resampling layers, held-out 45): tf.keras 2 kept
a layer's name in `_name`; Keras 3 keeps it in `name`, which Layer.__init__ sets to a default, so the name
given is never used. The twin hands the name to super().__init__()."""

import keras


class Resample(keras.layers.Layer):
    def __init__(self, size, name="", **kwargs):
        self.size = size
        self._name = name
        super().__init__(**kwargs)

    def call(self, x):
        return keras.ops.image.resize(x, self.size)


class ResampleNamed(keras.layers.Layer):
    def __init__(self, size, name=None, **kwargs):
        self.size = size
        super().__init__(name=name, **kwargs)

    def call(self, x):
        return keras.ops.image.resize(x, self.size)


def private_name():
    model = keras.Sequential([keras.Input((4, 4, 1)), Resample((8, 8), name="upsample_0")])
    return model


def name_handed_on():
    model = keras.Sequential([keras.Input((4, 4, 1)), ResampleNamed((8, 8), name="upsample_0")])
    return model
