# LD013 super-init-missing-or-late: super(Layer or Model, self).__init__() skips Keras's own __init__
import keras
from keras import layers
from keras.layers import Layer

CASE, TITLE = "LD013e", "super(Layer, self) / super(keras.Model, self) named instead of the class"


class LastStep(Layer):
    def __init__(self, **kwargs):
        super(Layer, self).__init__(**kwargs)  # LD013

    def call(self, x):
        return x[:, -1, :]


class Classifier(keras.Model):
    def __init__(self, classes):
        super(keras.Model, self).__init__()  # LD013
        self.head = layers.Dense(classes)

    def call(self, x):
        return self.head(x)


class GRUCellLike(layers.Dense):
    def __init__(self, units, **kwargs):
        super(layers.Dense, self).__init__(**kwargs)  # skips Dense's __init__ only (Keras's own RNN code does this)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="zeros")

    def call(self, x):
        return x @ self.w


class Base(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)


class Middle(Base):
    def __init__(self, **kwargs):
        super(Middle, self).__init__(**kwargs)  # the class itself: the old spelling of super()


class SkipsMiddle(Middle):
    def __init__(self, **kwargs):
        super(Middle, self).__init__(**kwargs)  # skips a user class on purpose: Base still runs Layer's


class Wide(layers.Dense):
    def __init__(self, **kwargs):
        super(Wide, self).__init__(64, **kwargs)
