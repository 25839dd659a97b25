"""A sequence autoencoder exposes its encoder output through `Lambda(lambda x: encoder(x))`.

The report builds an LSTM `encoder` and a `decoder` as two `Sequential` models, then wires
`encoder_out = Lambda(lambda x: encoder(x), name='encoder_out')(input_data)` so the code can carry
its own (zero) loss, and feeds it to the decoder. The decoder is called as a layer, but the encoder
only lives inside the Lambda's function: its LSTM weights are not part of the model (the report
hit the problem when loading the saved model). Rewritten smaller with Keras 3.
"""

SOURCE = "https://github.com/keras-team/keras/issues/11744"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py c_ld012_lambda_wraps_sequential_lstm_encoder.py:
as returned: Functional, count_params() = 340, 5 weights, unbuilt: none
after call: count_params() = 340, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 3 variables the model does not track: ['encoder/lstm/lstm_cell/kernel:0', 'encoder/lstm/lstm_cell/recurrent_kernel:0', 'encoder/lstm/lstm_cell/bias:0']
second call: 0 variables watched that the first call did not use"""

import keras


def _build_encoder(input_shape):
    return keras.Sequential([keras.Input(input_shape), keras.layers.Dropout(0.1), keras.layers.LSTM(6)],
                            name="encoder")


def _build_decoder(timesteps, features):
    return keras.Sequential([keras.Input((6,)), keras.layers.RepeatVector(timesteps),
                             keras.layers.LSTM(6, return_sequences=True),
                             keras.layers.TimeDistributed(keras.layers.Dense(features))], name="decoder")


def build_model():
    input_shape = (5, 4)
    encoder = _build_encoder(input_shape)
    decoder = _build_decoder(*input_shape)
    input_data = keras.Input(shape=input_shape)
    encoder_out = keras.layers.Lambda(lambda x: encoder(x), name="encoder_out")(input_data)
    decoded = decoder(encoder_out)
    return keras.Model(input_data, [decoded, encoder_out])
