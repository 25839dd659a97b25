# LD013 super-init-missing-or-late: a setting assigned between a mixin's __init__ and Layer.__init__
import keras

CASE, TITLE = "LD013d", "self.trainable set after Mixin.__init__(self) but before Layer.__init__(self)"


class ConfigMixin:
    def __init__(self):
        self.extra_config = {}


class FrozenScale(ConfigMixin, keras.layers.Layer):
    def __init__(self, **kwargs):
        ConfigMixin.__init__(self)
        self.trainable = False  # LD013: Layer.__init__ below resets it
        keras.layers.Layer.__init__(self, **kwargs)

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")

    def call(self, inputs):
        return inputs * self.scale


class FrozenScaleFixed(ConfigMixin, keras.layers.Layer):
    def __init__(self, **kwargs):
        ConfigMixin.__init__(self)
        keras.layers.Layer.__init__(self, **kwargs)
        self.trainable = False

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")

    def call(self, inputs):
        return inputs * self.scale


SHAPE = (4,)


def make():
    return FrozenScale()
