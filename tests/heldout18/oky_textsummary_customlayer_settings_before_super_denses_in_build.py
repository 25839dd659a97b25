"""A study repository's `tensorflow.py` (the Keras chapter of a Korean TF2 NLP book): `CustomLayer` sets
its three size settings on `self` *before* `super().__init__()`, creates its three Dense sublayers in
`build()` (not `__init__`), never calls `super().build()`, and the model is a Sequential with no input
shape, so nothing is built until data arrives.

Settings before `super().__init__`, sublayers born in `build()` and a `build()` without `super().build()`
all look like the late-init / unbuilt-sublayer bug shapes. On Keras 3 they are fine: plain int settings
survive `super().__init__`, sublayers assigned during `build()` are tracked, each is built on its first
call inside `call()`, and all six weights are counted and trained.

Porting edits: `tensorflow.keras` -> `keras`; the file's first two example models (plain Sequential and
functional Denses) left out; `build_model()` is the book's next step, `model.add(CustomLayer(64, 64, 10))`
in a Sequential, returned with a sample batch since the model has no input shape.
"""

SOURCE = "https://github.com/Dochi-Messenger/Text_Summary_NLP/blob/c24e7bbe91085ed9e09ce812bd2093f14fa6af5e/tensorflow.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/oky_textsummary_customlayer_settings_before_super_denses_in_build.py:
as returned: Sequential, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['CustomLayer:custom_layer']
after call: count_params() = 6922, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_layer': 6922}
second call: 0 variables watched that the first call did not use
The three Dense sublayers are made in build() and built by their first call in call(); 6922 params = 32*64+64 + 64*64+64 + 64*10+10, all with gradients. The int settings set before super().__init__() survive."""

import keras
from keras import layers


class CustomLayer(layers.Layer):
    def __init__(self, hidden_dimension, hidden_dimension2, output_dimension):
        self.hidden_dimension = hidden_dimension
        self.hidden_dimension2 = hidden_dimension2
        self.output_dimension = output_dimension
        super(CustomLayer, self).__init__()

    def build(self, input_shape):
        self.dense_layer1 = layers.Dense(self.hidden_dimension, activation='relu')
        self.dense_layer2 = layers.Dense(self.hidden_dimension2, activation='relu')
        self.dense_layer3 = layers.Dense(self.output_dimension, activation='softmax')

    def call(self, inputs):
        x = self.dense_layer1(inputs)
        x = self.dense_layer2(x)

        return self.dense_layer3(x)


def build_model():
    model = keras.Sequential()
    model.add(CustomLayer(64, 64, 10))
    return model, keras.ops.ones((2, 32))
