"""A custom layer whose `build()` builds its Dense, BatchNormalization and ReLU by hand from the input shape, then the whole model is `quantize("int8")`d.

From the Keras pull request that let `quantize()` reach layers inside subclasses: `MySubclass`
creates its sublayers in `__init__`, builds each one in `build()` from a shape it edits by hand
(`input_shape[-1] = 4`), never calls `super().build()`, and walks `self._flatten_layers(...)` in
`get_config()` to record the sublayers' quantized dtype policies. It looks like several lint
targets at once (hand-built sublayers, a private Keras API, a Dense whose float kernel is replaced by
an int8 one after build), but on Keras 3 it is correct: every sublayer is built before the first
call, `quantize("int8")` swaps the Dense kernel for a non-trainable int8 kernel plus a scale, and the
bias and BatchNormalization weights keep training.
"""

SOURCE = "https://github.com/keras-team/keras/pull/19488"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oke_quantize_int8_subclass_build_builds_sublayers_by_shape.py:
warning: Layer InputLayer does not have a `quantize` method implemented.
warning: Layer ReLU does not have a `quantize` method implemented.
warning: Layer BatchNormalization does not have a `quantize` method implemented.
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
as returned: Sequential, count_params() = 88, 7 weights, unbuilt: none
after call: count_params() = 88, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_subclass': 88}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import dtype_policies


@keras.saving.register_keras_serializable("MyPackage")
class MySubclass(keras.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layer1 = keras.layers.Dense(4)
        self.layer2 = keras.layers.BatchNormalization(axis=-1)
        self.layer3 = keras.layers.ReLU()

    def build(self, input_shape):
        self._input_shape = input_shape
        self.layer1.build(input_shape)
        input_shape = list(input_shape)
        input_shape[-1] = 4
        self.layer2.build(input_shape)
        self.layer3.build(input_shape)

    def call(self, inputs):
        x = self.layer1(inputs)
        x = self.layer2(x)
        return self.layer3(x)

    def get_config(self):
        config = super().get_config()
        quantized_dtype_policies = {}
        for idx, layer in enumerate(self._flatten_layers(include_self=False, recursive=False)):
            if isinstance(layer.dtype_policy, dtype_policies.QuantizedDTypePolicy):
                quantized_dtype_policies[str(idx)] = layer.dtype_policy
        if quantized_dtype_policies:
            config["quantized_dtype_policies"] = quantized_dtype_policies
        return config


def build_model():
    model = keras.Sequential([keras.Input(shape=(16,)), MySubclass()])
    model.quantize("int8")
    return model
