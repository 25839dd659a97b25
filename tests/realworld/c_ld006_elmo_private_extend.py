"""An embedding wrapper layer adds its encoder's variables with `self._trainable_weights += ...` in build().

The ELMo-as-a-Keras-layer recipe loaded a TF-Hub module in `build()` and, because
`self.trainable_weights += ...` raised "can't set attribute" on tf.keras, the suggested fix was to extend
the private `self._trainable_weights` instead. Here the hub module is replaced by a small Keras encoder
built in `build()`; on Keras 3 the private list does not exist.
"""

SOURCE = "https://github.com/strongio/keras-elmo/issues/10"
CODES = ("LD006",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
build_model() raises when the layer is built inside the functional model:
AttributeError: 'ContextEmbedding' object has no attribute '_trainable_weights'."""

import keras
from keras import layers


class ContextEmbedding(layers.Layer):
    def __init__(self, dimensions=16, trainable=True, **kwargs):
        self.dimensions = dimensions
        super(ContextEmbedding, self).__init__(trainable=trainable, **kwargs)

    def build(self, input_shape):
        # stands in for `hub.Module(...)`: a pretrained encoder loaded at build time
        self.encoder = keras.Sequential(
            [layers.Dense(32, activation="tanh"), layers.Dense(self.dimensions)],
            name="{}_module".format(self.name),
        )
        self.encoder.build(input_shape)
        self._trainable_weights += self.encoder.trainable_weights
        super(ContextEmbedding, self).build(input_shape)

    def call(self, x, mask=None):
        return self.encoder(x)

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.dimensions,)


def build_model():
    tokens = keras.Input((10, 24))
    emb = ContextEmbedding(dimensions=16)(tokens)
    pooled = layers.GlobalAveragePooling1D()(emb)
    out = layers.Dense(1, activation="sigmoid")(pooled)
    return keras.Model(tokens, out)
