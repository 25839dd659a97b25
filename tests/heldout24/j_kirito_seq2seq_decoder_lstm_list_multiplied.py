"""A hand-written seq2seq (Embedding -> stacked bidirectional LSTM encoder -> stacked LSTM decoder
run step by step -> Dense/Softmax projector) whose `Decoder` builds its stack as
`[LSTM(output_dim, ...)] * num_layers`: one LSTM instance repeated, not `num_layers` LSTMs.

From Kirito0918/seq2seq-tf2 (`module/Decoder.py`, with `Embedding.py`, `Encoder.py`, `util.py`
and `model.py` of the same repository inlined). The list multiplication makes the decoder call the
same LSTM twice per step: first on the 300-d word embeddings (the author's config), then on its own
500-d output, so the second call meets a kernel built for 300 inputs and fails with a shape error.
The encoder has the same `[...] * num_layers` line, but wraps each entry in its own
`Bidirectional`, which copies the layer, so the encoder survives. All layers override `__call__`
instead of `call`, as in the author's code.

Porting edits: `tensorflow.keras` -> `keras`; the config sizes `num_vocab` 39000 -> 20,
`embedding_size` 300 -> 6, `ende_output_dim` 500 -> 8 (two layers, LSTM, bidirectional encoder as in
the author's `config.py`); `keras.Sequential(Dense, Softmax)` -> `keras.Sequential([Dense, Softmax])`
(Keras 3 takes a list) and the step `TensorArray` dtype `tf.int64` -> `tf.float32` (the author's
int64 array would fail on the first `unstack` before the decoder runs); `build_model()` calls the
model once, eagerly, on a batch of 2 posts/responses, as `seq2seq.py` does in its training step.
"""

SOURCE = "https://github.com/Kirito0918/seq2seq-tf2/blob/2265774c7533b69617a53e2e2d7896ef03baab61/module/Decoder.py"
CODES = ("LD008", "LD007")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/j_kirito_seq2seq_decoder_lstm_list_multiplied.py:
build_model() raised InvalidArgumentError: Exception encountered when calling LSTMCell.call().
Own script (/tmp/mine24a/p2.py): the two entries of Decoder.rnns are the same LSTM object (the
decoder tracks 1 sublayer, not 2); the first call builds its kernel for 6 inputs (the embedding),
the second call gets the 8-d output of the first: 'Matrix size-incompatible: In[0]: [2,8], In[1]:
[6,32]' inside LSTMCell.call(). The encoder's two Bidirectional wrappers do not share their forward
layers (Bidirectional copies the repeated LSTM), so the encoder alone runs."""

import numpy as np
import tensorflow as tf
import keras


class Config(object):
    pad_id = 0
    start_id = 1
    end_id = 2
    unk_id = 3

    num_vocab = 20
    embedding_size = 6

    ende_rnn_type = 'LSTM'
    ende_num_layers = 2
    ende_output_dim = 8
    encoder_bidirectional = True


class Embedding(keras.layers.Layer):

    def __init__(self, input_size,
                 output_size,
                 weights=None):
        super(Embedding, self).__init__()

        if weights is not None:
            self.embedding = keras.layers.Embedding(input_size, output_size, weights=weights, mask_zero=True)
        else:
            self.embedding = keras.layers.Embedding(input_size, output_size, mask_zero=True)

    def __call__(self, input):  # [batch, len]

        return self.embedding(input)  # [batch, len, output_size]


class Encoder(keras.layers.Layer):

    def __init__(self, rnn_type,
                 output_dim,
                 num_layers,
                 bidirectional=False):
        super(Encoder, self).__init__()
        assert rnn_type in ['GRU', 'LSTM']
        if bidirectional:
            assert output_dim % 2 == 0

        if bidirectional:
            self.num_directions = 2
        else:
            self.num_directions = 1

        units = int(output_dim / self.num_directions)

        self.rnns = [getattr(keras.layers, rnn_type)(units, return_sequences=True, return_state=True)] * num_layers
        self.rnn_type = rnn_type
        self.num_layers = num_layers

        if bidirectional:
            self.rnns = [keras.layers.Bidirectional(rnn, merge_mode='concat') for rnn in self.rnns]

        self.bidirectional = bidirectional

    def __call__(self, input):  # [batch, timesteps, input_dim]

        states = []

        for idx, rnn in enumerate(self.rnns):

            if idx == 0:
                state = None

            if self.rnn_type == 'LSTM':
                if self.bidirectional:
                    output, state_hf, state_cf, state_hb, state_cb = rnn(input, state)
                    state = (state_hf, state_cf, state_hb, state_cb)
                else:
                    output, state_h, state_c = rnn(input, state)
                    state = (state_h, state_c)
            else:  # gru
                if self.bidirectional:
                    output, state_hf, state_hb = rnn(input, state)
                    state = (state_hf, state_hb)
                else:
                    output, state_h = rnn(input, state)
                    state = state_h

            states.append(state)
            input = output

        return output, states


class Decoder(keras.layers.Layer):

    def __init__(self, rnn_type,
                 output_dim,
                 num_layers):
        super(Decoder, self).__init__()
        assert rnn_type in ['GRU', 'LSTM']

        self.rnns = [getattr(keras.layers, rnn_type)(output_dim, return_sequences=True, return_state=True)] * num_layers
        self.rnn_type = rnn_type
        self.num_layers = num_layers

    def __call__(self, input, states):  # input: [batch, 1, input_dim]

        new_states = []

        for idx, rnn in enumerate(self.rnns):

            outputs = rnn(input, states[idx])

            input = outputs[0]

            new_states.append(tuple(outputs[1:]))

        return outputs[0], new_states


def prepare_states(rnn_type,
                   bidirectional,
                   states):
    assert rnn_type in ['GRU', 'LSTM']

    new_states = []

    if bidirectional:
        if rnn_type == 'LSTM':
            for (state_hf, state_cf, state_hb, state_cb) in states:  # [batch, dim]
                state_h = tf.concat([state_hf, state_hb], 1)
                state_c = tf.concat([state_cf, state_cb], 1)
                state = (state_h, state_c)
                new_states.append(state)
        else:  # gru
            for (state_hf, state_hb) in states:
                state_h = tf.concat([state_hf, state_hb], 1)
                new_states.append(state_h)
    else:
        new_states = states

    return new_states


class Seq2seq(keras.Model):

    def __init__(self, config, embed=None):
        super(Seq2seq, self).__init__()

        self.config = config

        self.embedding = Embedding(config.num_vocab, config.embedding_size, embed)

        self.encoder = Encoder(config.ende_rnn_type, config.ende_output_dim, config.ende_num_layers, config.encoder_bidirectional)

        self.decoder = Decoder(config.ende_rnn_type, config.ende_output_dim, config.ende_num_layers)

        self.projector = keras.Sequential([keras.layers.Dense(config.num_vocab),
                                           keras.layers.Softmax(-1)])

    def __call__(self, input, inference=False):

        if not inference:

            posts = input['post']  # [batch, len_encoder]
            responses = input['response']  # [batch, len_decoder+1]

            decoder_len = tf.shape(responses)[1] - 1  # [batch, len_decoder]

            encoder_input = self.embedding(posts)  # [batch, len_encoder, embedding_size]
            decoder_input = self.embedding(responses)[:, :-1, :]  # [batch, len_decoder, embedding_size]

            _, states = self.encoder(encoder_input)

            decoder_states = prepare_states(self.config.ende_rnn_type, self.config.encoder_bidirectional, states)

            ta = tf.TensorArray(size=0, dtype=tf.float32, dynamic_size=True)

            decoder_input = ta.unstack(tf.transpose(decoder_input, [1, 0, 2]))  # [batch, embedding_size]

            outputs = []

            for timestep in range(decoder_len.numpy()):

                if timestep == 0:
                    states = decoder_states

                output, states = self.decoder(tf.expand_dims(decoder_input.read(timestep), 1), states)

                outputs.append(tf.transpose(output, [1, 0, 2]))  # [1, batch, dim]

            outputs = tf.concat(outputs, 0)  # [len_decoder, batch, dim]
            outputs = tf.transpose(outputs, [1, 0, 2])  # [batch, len_decoder, dim]

            outputs_prob = self.projector(outputs)  # [batch, len_decoder, num_vocab]

            return outputs_prob


def build_model():
    model = Seq2seq(Config())
    batch = {
        "post": np.array([[5, 6, 7, 2], [8, 9, 2, 0]], dtype="int32"),
        "response": np.array([[1, 10, 11, 2], [1, 12, 2, 0]], dtype="int32"),
    }
    model(batch)
    return model
