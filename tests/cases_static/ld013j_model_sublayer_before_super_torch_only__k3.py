# LD013 super-init-missing-or-late: Models (functional subclasses too) assign sublayers before super().__init__(): Keras 3 raises only on torch, so a warning
# Measured (/tmp/fix12b/m3.py; Keras 3.15.1 + TF 2.21 and Keras 3.15.1 + torch 2.13.0 CPU): on TensorFlow
# every class here runs and tracks its layers (make_functional_backbone 56 params, make_positional_functional
# 16, make_subclassed_model 16, make_setter_backbone 16, make_settings_only_functional 16). On torch the
# first three raise "AttributeError: cannot assign module before Module.__init__() call" (a functional
# subclass handing inputs/outputs to super().__init__() too: keras-hub's Backbone routes around it with a
# __setattr__ override, make_setter_backbone, which runs on torch: 16 params); a plain setting
# (make_settings_only_functional, `self.units = 4`) and a list of layers assigned first run on torch.
# On Keras 3 the finding is a warning (torch only); the severity is checked in tests/test_ld013_severity.py.
import keras
from keras import layers

CASE, TITLE = "LD013j", "a Model assigns sublayers before super().__init__(): only torch raises on Keras 3"
FEATURES = 3


class FunctionalBackbone(keras.Model):
    def __init__(self, **kwargs):
        self.embed = layers.Dense(4)  # LD013
        self.blocks = [layers.Dense(4), layers.Dense(4)]
        inputs = keras.Input((FEATURES,))
        x = self.embed(inputs)
        for block in self.blocks:
            x = block(x)
        super().__init__(inputs=inputs, outputs=x, **kwargs)


class PositionalFunctional(keras.Model):
    def __init__(self):
        self.head = layers.Dense(4)  # LD013
        inputs = keras.Input((FEATURES,))
        super().__init__(inputs, self.head(inputs))


class SubclassedModel(keras.Model):
    def __init__(self):
        self.dense = layers.Dense(4)  # LD013
        super().__init__()

    def call(self, x):
        return self.dense(x)


class SetterBase(keras.Model):
    """keras-hub's workaround: plain object.__setattr__ until Model.__init__ has run."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._initialized = True

    def __setattr__(self, name, value):
        if keras.config.backend() == "torch" and not hasattr(self, "_initialized"):
            return object.__setattr__(self, name, value)
        return super().__setattr__(name, value)


class SetterBackbone(SetterBase):
    """Correct: the base's __setattr__ routes around torch's check."""

    def __init__(self):
        self.head = layers.Dense(4)
        inputs = keras.Input((FEATURES,))
        super().__init__(inputs, self.head(inputs))


class SettingsOnlyFunctional(keras.Model):
    """Correct: only a plain setting before super().__init__()."""

    def __init__(self):
        self.units = 4
        inputs = keras.Input((FEATURES,))
        super().__init__(inputs, layers.Dense(self.units)(inputs))


def make_functional_backbone():
    return FunctionalBackbone()


def make_positional_functional():
    return PositionalFunctional()


def make_subclassed_model():
    return SubclassedModel()


def make_setter_backbone():
    return SetterBackbone()


def make_settings_only_functional():
    return SettingsOnlyFunctional()
