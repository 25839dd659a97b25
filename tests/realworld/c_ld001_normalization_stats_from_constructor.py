"""A trainable per-band normalization layer built from dataset means/stds passed to its constructor.

The report (a mel-spectrogram front end) passed NumPy means/stds at the call site, wrapped them in
backend variables in `build()` and immediately applied `expand_dims`, storing the *result* on
`self`. fchollet's diagnosis: "It means there is a tensor among the weights of your model ... FIRST you
create your variables, THEN you apply operations to them". Ported to Keras 3 (without the
`self.trainable_weights = [...]` line, which Keras 3 rejects), the layer silently holds two constants.
"""

SOURCE = "https://github.com/keras-team/keras/issues/4401"
CODES = ("LD001",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
Input((8, 10)) -> Normalization2D(means, stds) -> Flatten -> Dense(2): count_params() == 162 (the Dense
only); Normalization2D has 0 weights: the two keras.Variables created in build() are dropped and the
layer keeps the expand_dims results as constants; one fit step changes 2 of 2 trainable weights and never
the means/stds; no warning."""

import numpy as np
import keras
from keras import layers, ops


class Normalization2D(layers.Layer):
    """Per-frequency-band standardisation, meant to be fine-tuned."""

    def __init__(self, means, stds, **kwargs):
        super().__init__(**kwargs)
        self.means = means
        self.stds = stds

    def build(self, input_shape):
        self.means = ops.expand_dims(
            keras.Variable(np.array(self.means, dtype="float32"), name="{}_means".format(self.name)), axis=1)
        self.stds = ops.expand_dims(
            keras.Variable(np.array(self.stds, dtype="float32"), name="{}_stds".format(self.name)), axis=1)

    def call(self, x):
        # x: (batch, n_mels, time)
        return (x - self.means) / self.stds


def build_model(n_mels=8, frames=10):
    train_means = np.linspace(-1.0, 1.0, n_mels)
    train_stds = np.linspace(0.5, 2.0, n_mels)
    inputs = keras.Input((n_mels, frames))
    x = Normalization2D(train_means, train_stds)(inputs)
    x = layers.Flatten()(x)
    outputs = layers.Dense(2, activation="softmax")(x)
    return keras.Model(inputs, outputs)
