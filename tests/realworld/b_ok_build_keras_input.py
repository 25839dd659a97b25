"""Correct: a custom layer that composes two Dense layers (no `build()`), wired on a `keras.Input`.

keras#20004 reported that custom layers made of built-in layers "hide their weights" on Keras 3.
The answer on the issue: create the sublayers in `__init__` and call the layer on a symbolic
`Input` in a functional model; the symbolic call runs `call()`, so both Dense layers are built
and the model lists all four weights.
"""

SOURCE = "https://github.com/keras-team/keras/issues/20004"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
len(m.weights) == 4 right after construction, count_params() == 148 (fc1 80 + fc2 68);
no unbuilt layer; no warning; every weight gets a gradient."""

from keras import layers, models


class MyCompositionLayer(layers.Layer):
    def __init__(self, input_shape, **kwargs):
        super().__init__(**kwargs)
        self.fc1 = layers.Dense(int(input_shape[-1] * 4), name="fc1")
        self.fc2 = layers.Dense(input_shape[-1], name="fc2")

    def call(self, inputs):
        return self.fc2(self.fc1(inputs))

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model():
    x = layers.Input(shape=(None, 4), dtype="float32")
    y = MyCompositionLayer(x.shape)(x)
    return models.Model(x, y)
