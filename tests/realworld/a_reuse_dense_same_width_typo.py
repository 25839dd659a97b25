"""The same-width version of a reused `self.dense_h` in a chain: no crash, the second layer silently unused.

From the same report as the Dimensions-must-be-equal crash: `call` applies `self.dense_200` twice
where `self.dense_200_2` was meant (the reporter's fix was to call `dense_200_2`). When the
widths line up (here every hidden layer has 200 units) nothing crashes: the block is silently
shared, so the model has one fewer hidden layer's worth of weights than written, and
`dense_200_2` is created but never called.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/52982"
CODES = ("LD007", "LD005")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after one call, count_params() == 43201: dense_200 is shared by both hidden steps (40200 params
counted once) and dense_200_2 stays unbuilt ("0 (unbuilt)" in summary()); the first call warns
"`build()` was called on layer 'class_dense_model' ... it looks like it has unbuilt state";
no error."""

import keras
from keras import layers


class DenseModel(keras.Model):
    def __init__(self):
        super().__init__(name="class_dense_model")
        self.dense_in = layers.Dense(200, activation="relu")
        self.dense_200 = layers.Dense(200, activation="relu")
        self.dense_200_2 = layers.Dense(200, activation="relu")
        self.dense_1 = layers.Dense(1)

    def call(self, input_tensor, training=False):
        out_1 = self.dense_in(input_tensor)
        out_2 = self.dense_200(out_1)
        out_3 = self.dense_200(out_2)
        return self.dense_1(out_3)


def build_model():
    model = DenseModel()
    model(keras.ops.zeros((1, 13)))
    return model
