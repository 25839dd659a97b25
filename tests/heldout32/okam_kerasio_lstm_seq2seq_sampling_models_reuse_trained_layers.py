"""Character seq2seq whose sampling models are rebuilt from `model.layers[3]`/`model.layers[4]` of the trained model on fresh state Inputs: the decoder LSTM and Dense are shared, not copied, and the weights are the trained ones.

keras-io `examples/nlp/lstm_seq2seq.py`: the training model is functional (encoder LSTM with
`return_state=True`, decoder LSTM started from the encoder states, softmax Dense). For step-by-step
sampling the example reloads the model, takes `model.input[0]` and `model.layers[2].output` to make an
`encoder_model`, then calls the same decoder LSTM (`model.layers[3]`) on new `keras.Input` state tensors
and the same Dense (`model.layers[4]`) to make a one-step `decoder_model`, which `decode_sequence` calls
in a Python loop feeding back `[h, c]`. It looks like LD008 (a layer built on one graph re-called on
other inputs) or a copy that loses the trained weights, but the layers are shared (LD007, info only):
the sampling models hold the very variables of the training model, with matching shapes. Porting edits:
the `fit`/`save`/`load_model` round trip is replaced by building the sampling models from the in-memory
model (no file written), and the data set sizes are small constants. build_model() returns the decoder
sampling model; `_probe()` checks that its variables are the training model's and runs one sampling step.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/1909c6710cd3f5af6401f1176dcee9e26781b4f3/examples/nlp/lstm_seq2seq.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
As returned: Functional, count_params() = 1898, 5 weights, unbuilt: none; after call: 1898, 5 trainable
weights, gradient None for 0 of 5; tape watched 0 untracked variables; no warning. Case probe (python
<file>): training params 3754, encoder_model 1856, decoder_model 1898 (1856 + 1898 = 3754: nothing copied,
nothing lost); decoder_model and encoder_model weights all from the training model: True, True; one
sampling step shapes (1, 1, 10) (1, 16) (1, 16); matches the training model on one step: True."""

import numpy as np
import keras

latent_dim = 16
num_encoder_tokens = 12
num_decoder_tokens = 10


def _training_model():
    encoder_inputs = keras.Input(shape=(None, num_encoder_tokens))
    encoder = keras.layers.LSTM(latent_dim, return_state=True)
    encoder_outputs, state_h, state_c = encoder(encoder_inputs)
    encoder_states = [state_h, state_c]
    decoder_inputs = keras.Input(shape=(None, num_decoder_tokens))
    decoder_lstm = keras.layers.LSTM(latent_dim, return_sequences=True, return_state=True)
    decoder_outputs, _, _ = decoder_lstm(decoder_inputs, initial_state=encoder_states)
    decoder_dense = keras.layers.Dense(num_decoder_tokens, activation="softmax")
    decoder_outputs = decoder_dense(decoder_outputs)
    return keras.Model([encoder_inputs, decoder_inputs], decoder_outputs)


def _sampling_models(model):
    encoder_inputs = model.input[0]  # input_1
    encoder_outputs, state_h_enc, state_c_enc = model.layers[2].output  # lstm_1
    encoder_states = [state_h_enc, state_c_enc]
    encoder_model = keras.Model(encoder_inputs, encoder_states)

    decoder_inputs = model.input[1]  # input_2
    decoder_state_input_h = keras.Input(shape=(latent_dim,))
    decoder_state_input_c = keras.Input(shape=(latent_dim,))
    decoder_states_inputs = [decoder_state_input_h, decoder_state_input_c]
    decoder_lstm = model.layers[3]
    decoder_outputs, state_h_dec, state_c_dec = decoder_lstm(
        decoder_inputs, initial_state=decoder_states_inputs
    )
    decoder_states = [state_h_dec, state_c_dec]
    decoder_dense = model.layers[4]
    decoder_outputs = decoder_dense(decoder_outputs)
    decoder_model = keras.Model(
        [decoder_inputs] + decoder_states_inputs, [decoder_outputs] + decoder_states
    )
    return encoder_model, decoder_model


def build_model():
    model = _training_model()
    encoder_model, decoder_model = _sampling_models(model)
    return decoder_model


def _probe():
    model = _training_model()
    encoder_model, decoder_model = _sampling_models(model)
    train_ids = {id(v) for v in model.weights}
    print("training params", model.count_params(), "encoder_model", encoder_model.count_params(),
          "decoder_model", decoder_model.count_params())
    print("decoder_model weights all from the training model:",
          all(id(v) in train_ids for v in decoder_model.weights),
          "encoder_model weights all from the training model:",
          all(id(v) in train_ids for v in encoder_model.weights))
    input_seq = np.zeros((1, 5, num_encoder_tokens), "float32")
    states_value = encoder_model.predict(input_seq, verbose=0)
    target_seq = np.zeros((1, 1, num_decoder_tokens), "float32")
    target_seq[0, 0, 0] = 1.0
    output_tokens, h, c = decoder_model.predict([target_seq] + states_value, verbose=0)
    print("one sampling step:", output_tokens.shape, h.shape, c.shape)
    ref = model.predict([input_seq, target_seq], verbose=0)
    print("matches the training model on one step:", bool(np.allclose(ref, output_tokens, atol=1e-6)))


if __name__ == "__main__":
    _probe()
