# LD013 super-init-missing-or-late: super(<a Keras class>, self).__init__() skips that class's own __init__
import keras
from keras import layers
from keras.layers import Layer

CASE, TITLE = "LD013e", "super(Layer, self) / super(keras.Model, self) / super(layers.Dense, self) named instead of the class"


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


class ScaledDense(layers.Dense):
    def __init__(self, units, scale=2.0, **kwargs):
        super(layers.Dense, self).__init__(**kwargs)  # LD013
        self.scale = scale

    def call(self, x):
        return super().call(x) * self.scale


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
