"""One LSTM instance applied to two input sequences: the supported way to "train two LSTMs with the same weights".

The question tried two LSTMs with `set_weights` to share parameters; the answer (and Keras's own
guide) is a single layer called on both inputs.
"""

SOURCE = "https://github.com/keras-team/keras/issues/10333"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_shared_lstm_two_sequences.py:
as returned: Functional, count_params() = 640, 3 weights, unbuilt: none
after call: count_params() = 640, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


def build_model(steps=7, features=5):
    input_1 = keras.Input((steps, features))
    input_2 = keras.Input((steps, features))
    lstm = layers.LSTM(10)
    output_1 = lstm(input_1)
    output_2 = lstm(input_2)
    similarity = layers.Dot(axes=1, normalize=True)([output_1, output_2])
    return keras.Model([input_1, input_2], similarity)
