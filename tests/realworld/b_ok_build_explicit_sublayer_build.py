"""Correct: a custom block whose `build()` builds its own sublayers, inside a model built with `model.build()`.

The fix discussed around the Keras 3 `Model.summary()` change: when a layer owns sublayers,
its `build()` must build them (`self.dense.build(shape)`, chaining `compute_output_shape`),
and then an explicit `model.build(input_shape)` is enough for `summary()` and
`load_weights()`. Looks like the unbuilt-sublayer trap, but every weight exists before any call.
"""

SOURCE = "https://github.com/keras-team/keras/pull/19863"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after model.build((None, 6)): every layer built, count_params() == 275 before any call and
275 after a call on a (2, 6) batch; no warning; no None gradient under GradientTape."""

import keras
from keras import layers


class FeedForward(layers.Layer):
    def __init__(self, hidden, out, **kwargs):
        super().__init__(**kwargs)
        self.inner = layers.Dense(hidden, activation="gelu")
        self.outer = layers.Dense(out)

    def build(self, input_shape):
        self.inner.build(input_shape)
        self.outer.build(self.inner.compute_output_shape(input_shape))

    def call(self, x):
        return self.outer(self.inner(x))

    def compute_output_shape(self, input_shape):
        return self.outer.compute_output_shape(self.inner.compute_output_shape(input_shape))


class Tagger(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.ff = FeedForward(16, 8)
        self.cls = layers.Dense(3)

    def build(self, input_shape):
        self.ff.build(input_shape)
        self.cls.build(self.ff.compute_output_shape(input_shape))

    def call(self, x):
        return self.cls(self.ff(x))


def build_model():
    model = Tagger()
    model.build((None, 6))
    return model
