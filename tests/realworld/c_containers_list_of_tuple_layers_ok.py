"""Encoder GRUs kept as tuples inside a list attribute (`self.encodes = [(GRU(...),)]`).

On TF 1.10 `model.save` skipped the GRU's variables because a tuple inside a list was not tracked.
Keras 3 tracks lists, tuples and dicts assigned to a layer, nested too, so this shape of container
is correct code now.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/22140"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
functional Input((6, 3)) -> Encoder: count_params() == 1,632 = both GRUs (units 16 and 8, 3 weights
each) held in 1-tuples inside the list; all 6 weights get a non-None gradient and change in one fit
step; no warning."""

import keras
from keras import layers


class Encoder(keras.Model):
    def __init__(self):
        super(Encoder, self).__init__()
        self.encodes = [
            (layers.GRU(units=16, return_sequences=True, recurrent_initializer="glorot_uniform"),),
            (layers.GRU(units=8, return_sequences=False),),
        ]

    def call(self, x):
        for (rnn,) in self.encodes:
            x = rnn(x)
        return x


def build_model():
    inputs = keras.Input((6, 3))
    outputs = Encoder()(inputs)
    return keras.Model(inputs, outputs)
