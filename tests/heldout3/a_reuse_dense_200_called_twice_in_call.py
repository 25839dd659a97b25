"""A subclassed Dense model calls `self.dense_200` twice in a row; the second call gets a 200-wide input.

The report's `DenseModel.call` runs dense_64 -> dense_100 -> dense_200 -> dense_200 -> dense_1 and
wraps it in `build_graph`, which makes a functional `Model(inputs=[x], outputs=self.call(x))`. The first
call of `dense_200` builds a 100x200 kernel, the second feeds it the 200-wide output of the first:
"Dimensions must be equal, but are 200 and 100". The model already owned an unused `dense_200_2`,
which is what the second call should have used.
"""

SOURCE = "https://github.com/keras-team/keras/issues/15605"
CODES = ("LD008",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py a_reuse_dense_200_called_twice_in_call.py:
build_model() raised ValueError: Input 0 with name 'None' of layer 'dense_3' is incompatible with the layer: expected axis -1 of input shape to have value 100, but received input with shape (None, 200)"""

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
