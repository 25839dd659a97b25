"""Subclassed model calls `self.dense_200` twice in a chain: shape crash while building the graph.

The reporter's `DenseModel.call` ran dense_64 -> dense_100 -> dense_200 -> dense_200 -> dense_1
and built it with a `build_graph(shape)` helper that wraps `self.call(Input)` in a Model. It failed
with "Dimensions must be equal, but are 200 and 100"; using a second instance `dense_200_2` for the
fourth step fixed it. The first call of `dense_200` sees 100 features, the second sees its own
200-feature output; the instance meant for that step, `dense_200_2`, is never called.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/52982"
CODES = ("LD008", "LD005")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
build_model() raises ValueError "Input 0 with name 'None' of layer 'dense_3' is incompatible with
the layer: expected axis -1 of input shape to have value 100, but received input with shape
(None, 200)" from the second self.dense_200 call inside build_graph (tf.keras 2 said
"Dimensions must be equal, but are 200 and 100")."""

import keras
from keras import layers

INPUT_SHAPE = (13,)


class DenseModel(keras.Model):
    def __init__(self):
        super().__init__(name="class_dense_model")
        self.dense_1 = layers.Dense(1)
        self.dense_64 = layers.Dense(64, activation="relu")
        self.dense_100 = layers.Dense(100, activation="relu")
        self.dense_200 = layers.Dense(200, activation="relu")
        self.dense_200_2 = layers.Dense(200, activation="relu")

    def call(self, input_tensor, training=False):
        out_1 = self.dense_64(input_tensor)
        out_2 = self.dense_100(out_1)
        out_3 = self.dense_200(out_2)
        out_4 = self.dense_200(out_3)
        return self.dense_1(out_4)

    def build_graph(self, shape):
        x = keras.Input(shape=shape)
        return keras.Model(inputs=[x], outputs=self.call(x))


def build_model():
    model = DenseModel()
    return model.build_graph(INPUT_SHAPE)
