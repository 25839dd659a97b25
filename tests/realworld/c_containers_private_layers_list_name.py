"""A custom layer keeps its Dense stack in a list attribute that happens to be named `self._layers`.

The Keras 3 report: a Model subclass wraps a custom layer whose sublayers live in `self._layers`;
with any other attribute name (`self._custom_layers`) everything works, with `_layers` the model
trains and predicts but the Dense weights are missing from the saved file. `_layers` is the name
Keras 3 itself uses for the layer's tracked sublayers, and assigning it replaces that list.
"""

SOURCE = "https://github.com/keras-team/keras/issues/20260"
CODES = ("LD006", "LD011")
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
the model runs and looks healthy: count_params() == 3,754, model.weights lists the 6 Dense weights, all
get non-None gradients and one fit step changes 6 of 6; but model.save_weights(...) followed by
load_weights into a fresh CustomModel does not restore them (outputs on the same input differ after
loading); no warning on save or load."""

import keras


class CustomLayer(keras.Layer):
    def __init__(self, name="test_layer", **kwargs):
        super(CustomLayer, self).__init__(name=name, **kwargs)
        self._layers = [
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]

    def call(self, inputs):
        x = inputs
        for layer in self._layers:
            x = layer(x)
        return x


class CustomModel(keras.Model):
    def __init__(self, name="custom_model", **kwargs):
        super(CustomModel, self).__init__(name=name, **kwargs)
        self.layer = CustomLayer()

    def call(self, inputs):
        return self.layer(inputs)


def build_model():
    model = CustomModel()
    x = keras.random.normal((2, 20), seed=0)
    model(x)
    return model, x
