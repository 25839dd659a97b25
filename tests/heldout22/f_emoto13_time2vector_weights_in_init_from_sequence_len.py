"""A Time2Vec layer for a stock-price transformer makes its four weight vectors with `add_weight` in
`__init__`, sized by a hand-given `sequence_len=128` instead of the input's length.

From Emoto13/python-stock-project (`src/predictors/transformer/predictor/time_to_vector.py`). The
weights exist before the layer sees any input and have the length the caller typed, so the layer only
works on windows of exactly that length: feeding any other window fails inside `call()` with a
broadcast error far from the cause.

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); `sequence_len` 128 -> 8; the author's
transformer around it trimmed to Time2Vector + concatenation + a pooled Dense head on (batch, 8, 1) windows
(the layer's comment says 5 features, but its `tf.squeeze(axis=2)` only accepts one); `build_model()` returns the model.
"""

SOURCE = "https://github.com/Emoto13/python-stock-project/blob/2874256e70258a4c6d6a03d567631e0f91edff9b/src/predictors/transformer/predictor/time_to_vector.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/f_emoto13_time2vector_weights_in_init_from_sequence_len.py:
as returned: Functional, count_params() = 36, 6 weights, unbuilt: none
after call: count_params() = 36, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'time2_vector': 32}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine22a/p2.py: Time2Vector(8) has 4 weights before seeing any input (built False); build_model(seq_len=12) (windows of 12 with the layer's hand-given 8) raises ValueError inside Time2Vector.call() (broadcast of (8,) weights against (batch, 12))."""

import tensorflow as tf
import keras
from keras.layers import Layer

SEQ_LEN = 8


class Time2Vector(Layer):
    def __init__(self, sequence_len=128):
        super().__init__()
        self.sequence_len = sequence_len
        self.weights_linear = self.add_weight(name='weight_linear',
                                              shape=(int(self.sequence_len),),
                                              initializer='uniform',
                                              trainable=True)

        self.bias_linear = self.add_weight(name='bias_linear',
                                           shape=(int(self.sequence_len),),
                                           initializer='uniform',
                                           trainable=True)

        self.weights_periodic = self.add_weight(
            name='weight_periodic',
            shape=(int(self.sequence_len),),
            initializer='uniform',
            trainable=True)

        self.bias_periodic = self.add_weight(name='bias_periodic',
                                             shape=(int(self.sequence_len),),
                                             initializer='uniform',
                                             trainable=True)

    def call(self, input_data):
        # Convert (batch, seq_len, 5) to (batch, seq_len)
        input_data = tf.squeeze(input_data, axis=(2,))
        time_linear = self.weights_linear * input_data + self.bias_linear
        time_linear = tf.expand_dims(time_linear, axis=-1)
        time_periodic = tf.math.sin(
            tf.multiply(input_data, self.weights_periodic) +
            self.bias_periodic)
        time_periodic = tf.expand_dims(time_periodic, axis=-1)
        return tf.concat([time_linear, time_periodic], axis=-1)


def build_model(seq_len=SEQ_LEN):
    time_embedding = Time2Vector(SEQ_LEN)
    in_seq = keras.Input(shape=(seq_len, 1))
    x = time_embedding(in_seq)
    x = keras.layers.Concatenate(axis=-1)([in_seq, x])
    x = keras.layers.GlobalAveragePooling1D()(x)
    out = keras.layers.Dense(1)(x)
    return keras.Model(in_seq, out)
