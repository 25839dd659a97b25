"""A framework's Keras model base calls only its own mixin's `__init__`, and `Model.__init__` later in `build()`.

The framework's `KerasModel(Model, BaseModel)` has an `__init__` documented as "Call __init__ of
BaseModel not keras.models.Model" (with `# pylint: disable=super-init-not-called`): the mixin
stores the config on `self`, and `build()` later asks the subclass for its input and output
tensors and runs `Model.__init__(self, inputs, outputs)`. Rewritten with a small config mixin and
a two-layer network built the way the framework does it.
"""

SOURCE = "https://github.com/analysiscenter/batchflow/blob/351ce5fb912c08180d9a1dcdae52155476a5fd53/batchflow/models/keras/keras_model.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py d_mixin_model_init_deferred_to_build.py:
build_model() raised AttributeError: 'TwoLayerNet' object has no attribute '_parent_path'"""

import keras


class ConfigMixin:
    def __init__(self, config=None, *args, **kwargs):
        self.config = dict(config or {})

    def get(self, key, default=None):
        return self.config.get(key, default)


class KerasModel(keras.Model, ConfigMixin):
    def __init__(self, config=None, *args, **kwargs):
        # Call __init__ of the mixin, not keras.Model: the graph is not known yet.
        ConfigMixin.__init__(self, config, *args, **kwargs)

    def build(self, *args, **kwargs):
        inputs, outputs = self._build(**self.config)
        keras.Model.__init__(self, inputs, outputs)
        self.compile(loss=self.get("loss", "mse"), optimizer=self.get("optimizer", "sgd"))

    def _build(self, **config):
        raise NotImplementedError


class TwoLayerNet(KerasModel):
    def _build(self, input_shape=(10,), units=16, **config):
        inputs = keras.Input(input_shape)
        hidden = keras.layers.Dense(units, activation="relu")(inputs)
        return inputs, keras.layers.Dense(1)(hidden)


def build_model():
    model = TwoLayerNet(config={"input_shape": (10,), "units": 16})
    model.build()
    return model
