"""Subclassed Model made ready with `model.build(input_shape)`: on Keras 3 no sublayer gets built.

The reporter moved from Keras 2, where `Model.build()` ran `call()` on a placeholder and so
created every sublayer's weights, to Keras 3, where `Model.build()` of a subclassed model
without its own `build()` only marks the model as built. The maintainers answered that this
is intended: the sublayers stay unbuilt until the model is called on real data.
"""

SOURCE = "https://github.com/keras-team/keras/issues/19229"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.build((None, 12)) prints UserWarning "`build()` was called on layer 'residual_mlp', however
the layer does not have a `build()` method implemented and it looks like it has unbuilt state";
afterwards model.built is True but count_params() == 0, model.weights == [] and all five
sublayers (proj, block_a, block_b, norm, out_head) are unbuilt (summary: 0 (unbuilt)).
Only the first call on data builds them (count_params() == 2,724 after a call on a (2, 12) batch)."""

import keras
from keras import layers


class ResidualMLP(keras.Model):
    def __init__(self, width=32, num_outputs=4, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(width)
        self.block_a = layers.Dense(width, activation="relu")
        self.block_b = layers.Dense(width)
        self.norm = layers.LayerNormalization()
        self.out_head = layers.Dense(num_outputs)

    def call(self, x):
        h = self.proj(x)
        h = self.norm(h + self.block_b(self.block_a(h)))
        return self.out_head(h)


def build_model():
    model = ResidualMLP()
    # Worked on Keras 2: build() traced call() and created all the weights.
    model.build((None, 12))
    return model
