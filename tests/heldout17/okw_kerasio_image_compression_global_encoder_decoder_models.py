"""keras-io "Image Compression using Autoencoders": the encoder and decoder are functional models kept
in module-level globals, and `get_autoencoder_model()` (a builder with no arguments) reaches them as
globals and wires them into a third functional model. It looks like the global/closure state of
LD011, and the same encoder and decoder objects are later reused on their own for `predict`, but on
Keras 3 the nested models are nodes of the autoencoder's graph: their weights are the autoencoder's
weights, counted once, trained by `autoencoder_model.fit`, and shared with the standalone models.

The example builds `encoder = get_encoder_model()` (784 -> Dense 300 -> LeakyReLU -> Dense 2 ->
LeakyReLU) and `decoder = get_decoder_model()` (2 -> 300 -> 784) at module level, then
`get_autoencoder_model()` calls `encoder(ae_input)` and `decoder(...)` on a new `Input`. After
training, `encoder.predict` and `decoder.predict` are used to compress and reconstruct.

Porting edits: `tensorflow.keras` -> `keras`; `Input(shape=(INPUT_SHAPE))` -> `shape=(INPUT_SHAPE,)`
(Keras 3 wants a tuple); sizes made small (64 inputs, 16 hidden units); the MNIST data, training and
plotting left out; the module-level `encoder = ...`/`decoder = ...` assignments moved into
`build_model()` as `global` statements so that importing the case stays cheap.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/e1510e295dd8827a0c454028e2a7229661182ccf/examples/vision/image_compression.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/okw_kerasio_image_compression_global_encoder_decoder_models.py:
as returned: Functional, count_params() = 2210, 8 weights, unbuilt: none
after call: count_params() = 2210, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17a/t_ae.py): autoencoder count_params 2210 = encoder 1074 + decoder 1136; one epoch of
autoencoder.fit (Adam 0.01, mse) changes the global encoder's and decoder's kernels; decoder.predict(encoder.predict(x))
equals autoencoder.predict(x): the weights are shared, tracked and trained."""

import keras
from keras import layers
from keras.models import Model

INPUT_SHAPE = 64
HIDDEN = 16

encoder = None
decoder = None


def get_encoder_model():
    x = layers.Input(shape=(INPUT_SHAPE,), name="encoder_input")

    encoder_dense_layer1 = layers.Dense(units=HIDDEN, name="encoder_dense_1")(x)
    encoder_activ_layer1 = layers.LeakyReLU(name="encoder_leakyrelu_1")(encoder_dense_layer1)

    encoder_dense_layer2 = layers.Dense(units=2, name="encoder_dense_2")(encoder_activ_layer1)
    encoder_output = layers.LeakyReLU(name="encoder_output")(encoder_dense_layer2)

    encoder = Model(x, encoder_output, name="encoder_model")
    return encoder


def get_decoder_model():
    decoder_input = layers.Input(shape=(2,), name="decoder_input")

    decoder_dense_layer1 = layers.Dense(units=HIDDEN, name="decoder_dense_1")(decoder_input)
    decoder_activ_layer1 = layers.LeakyReLU(name="decoder_leakyrelu_1")(decoder_dense_layer1)

    decoder_dense_layer2 = layers.Dense(units=INPUT_SHAPE, name="decoder_dense_2")(decoder_activ_layer1)
    decoder_output = layers.LeakyReLU(name="decoder_output")(decoder_dense_layer2)

    decoder = Model(decoder_input, decoder_output, name="decoder_model")
    return decoder


def get_autoencoder_model():
    ae_input = layers.Input(shape=(INPUT_SHAPE,), name="autoencoder_input")
    ae_encoder_output = encoder(ae_input)
    ae_decoder_output = decoder(ae_encoder_output)

    ae_model = Model(ae_input, ae_decoder_output, name="autoencoder")
    return ae_model


def build_model():
    global encoder, decoder
    encoder = get_encoder_model()
    decoder = get_decoder_model()
    autoencoder_model = get_autoencoder_model()
    return autoencoder_model
