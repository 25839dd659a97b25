"""A composite layer sizes its Dense sublayers from an input shape passed to its constructor, with no build().

The report compared Keras 2 and 3 for custom layers composed of built-in layers; the maintainer's
answer keeps `fc1`/`fc2` as attributes sized from `input_shape[-1]` given by hand, without `build()`.
Sizes passed by hand and no build() look suspicious, but on Keras 3 the sublayers are tracked and built on first call.
"""

SOURCE = "https://github.com/keras-team/keras/issues/20004"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
Input((None, 4)) -> MyCompositionLayer(x.shape): len(model.weights) == 4, count_params() == 148
(fc1 4->16 = 80, fc2 16->4 = 68); every weight gets a non-None gradient; no warning."""

from keras import layers, models


class MyCompositionLayer(layers.Layer):
    def __init__(self, input_shape, **kwargs):
        super(MyCompositionLayer, self).__init__(**kwargs)
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
