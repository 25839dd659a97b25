"""An ELMo-style embedding layer sets `self.trainable` before calling `super().__init__()`.

The keras-elmo notebook (copied into many projects) starts `__init__` with `self.dimensions = 1024;
self.trainable = True` and only then calls `super().__init__(**kwargs)`. Adapted to freeze the
pretrained encoder (`self.trainable = False`, the usual reason to set the flag), the setting is
silently reset by `Layer.__init__` on Keras 3 and the "frozen" encoder is trained.
"""

SOURCE = "https://github.com/strongio/keras-elmo/blob/master/Elmo%20Keras.ipynb"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
ElmoEmbeddingLayer().trainable == True right after construction although __init__ set it to False;
in the functional model len(model.trainable_weights) == 6 (encoder 4 + head 2) and
non_trainable_weights == []; the "frozen" encoder kernels get non-None gradients and one fit step
changes 6 of 6 weights; no warning."""

import keras
from keras import layers


class ElmoEmbeddingLayer(layers.Layer):
    def __init__(self, **kwargs):
        self.dimensions = 32
        self.trainable = False
        super(ElmoEmbeddingLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        # stands in for the pretrained hub.Module
        self.elmo = keras.Sequential(
            [layers.Dense(32, activation="tanh"), layers.Dense(self.dimensions)],
            name="{}_module".format(self.name),
        )
        self.elmo.build(input_shape)

    def call(self, x, mask=None):
        return self.elmo(x)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.dimensions)


def build_model():
    input_text = layers.Input(shape=(4,))
    embedding = ElmoEmbeddingLayer()(input_text)
    pred = layers.Dense(1, activation="sigmoid")(embedding)
    return keras.Model(inputs=input_text, outputs=pred)
