"""teras' LayerList takes a list of layers in its constructor and builds them one after another in build().

KhawajaAbaid/teras (a Keras 3 library of tabular models) has `LayerList(keras.layers.Layer)`: the
layers arrive as a constructor argument, are stored on `self.layers`, and `build()` calls
`layer.build(input_shape)` on each, threading `compute_output_shape` through when `sequential`
is set; `call()` applies them in order. Layers handed in from outside, stored under a name that
`keras.Model` reserves, and built by hand rather than by calling them - all of it is tracked and
built on Keras 3: the list becomes a tracked list of sublayers, every weight exists after
`build()`, is counted once and gets a gradient. (Its `from_config` lacks `@classmethod`, which
matters only for deserialization.) Used here the way teras' tabular encoders stack Dense blocks.
"""

SOURCE = "https://github.com/KhawajaAbaid/teras/blob/main/teras/_src/layers/layer_list.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py okc_teras_layer_list_builds_constructor_layers_sequentially.py:
as returned: Functional, count_params() = 1057, 10 weights, unbuilt: none
after call: count_params() = 1057, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 1040, 'layer_list_1': 560, 'layer_list': 480}
second call: 0 variables watched that the first call did not use"""

import keras


class LayerList(keras.layers.Layer):
    def __init__(self, layers: list, sequential: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.layers = layers
        self.sequential = sequential

    def __getitem__(self, item):
        return self.layers[item]

    def __len__(self):
        return len(self.layers)

    def compute_output_shape(self, input_shape):
        if not self.sequential:
            return self.layers[-1].compute_output_shape(input_shape)
        output_shape = input_shape
        for layer in self.layers:
            output_shape = layer.compute_output_shape(output_shape)
        return output_shape

    def build(self, input_shape):
        for layer in self.layers:
            layer.build(input_shape)
            if self.sequential:
                input_shape = layer.compute_output_shape(input_shape)

    def call(self, inputs):
        if self.sequential:
            x = inputs
            for layer in self.layers:
                x = layer(x)
            return x
        else:
            raise NotImplemented("`LayerList` doesn't provide a `call` method for non-sequential list of layers.")  # noqa: F901 - as in teras

    def get_config(self):
        config = super().get_config()
        serialized_layers = [keras.layers.serialize(layer) for layer in self.layers]
        config.update({"layers": serialized_layers, "sequential": self.sequential})
        return config

    def from_config(cls, config):
        deserialized_layers = [keras.layers.deserialize(layer) for layer in config.pop("layers")]
        return cls(deserialized_layers, **config)


def mlp_block(units, dropout=0.1):
    return LayerList(
        [keras.layers.Dense(units, activation="relu"), keras.layers.Dropout(dropout), keras.layers.LayerNormalization()],
        sequential=True,
    )


def build_model(num_features=12):
    inputs = keras.Input(shape=(num_features,))
    encoder = LayerList([mlp_block(32), mlp_block(16)], sequential=True, name="encoder")
    x = encoder(inputs)
    outputs = keras.layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
