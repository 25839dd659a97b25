"""A "double-stacked" LSTM built as `StackedRNNCells([LSTMCell(128)] * 2)`: both layers of the stack are one cell.

A student port of Magenta's Piano Genie to TF 2 Keras (CS1470 final project) writes the encoder
and the decoder as "Double-Stacked" LSTMs: `cells = StackedRNNCells([LSTMCell(self.rnn_units)] *
self.num_layers)`. List multiplication repeats the same `LSTMCell` object, so the second layer of
each stack is the first one again: a Dense lifts the inputs to 128 features, which is also the
cell's state size, so no shape error is raised and the stacks silently train one set of LSTM
weights where the architecture (and the TF 1 original) has two. Measured on Keras 3: the decoder's
plain `RNN` keeps the single shared cell; the encoder escapes by accident, because `Bidirectional`
rebuilds both directions from the RNN's config, which creates separate cells. The authors' "update" commit four
days later changed both lines to `[LSTMCell(self.rnn_units) for _ in range(self.num_layers)]`.
Ported to Keras 3: `@tf.function` on `call` dropped, `util.midi2piano` inlined, the decoder
returns only what this reproduction uses.
"""

SOURCE = "https://github.com/ggoggam/CS1470-Final-Project-J5/blob/ebd9a106757944780e94bf2ad2f7a10c16ea127b/model.py"
CODES = ("LD007",)  # one cell shared by both layers of each stack, counted once
CORRECT = False
STYLE = "subclassed"

MEASURED = """as returned: PianoGenie, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Encoder:encoder', 'Bidirectional:bidirectional', 'RNN:backward_rnn', 'StackedRNNCells:stacked_rnn_cells', 'LSTMCell:lstm_cell', 'LSTMCell:lstm_cell', 'RNN:forward_rnn', 'StackedRNNCells:stacked_rnn_cells', 'LSTMCell:lstm_cell', 'LSTMCell:lstm_cell', 'Dense:dense', 'Decoder:decoder', 'RNN:rnn_1', 'StackedRNNCells:stacked_rnn_cells_1', 'LSTMCell:lstm_cell_1', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3']
after call: count_params() = 685401, 23 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 23 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 541952, 'decoder': 131840}
second call: 0 variables watched that the first call did not use
note (arithmetic): one LSTMCell(128) on 128 inputs has 4*128*(128+128+1) = 131584 params; decoder 131840 =
131584 + Dense(1->128) 256, so its two-layer stack holds ONE cell; encoder 541952 = Dense(121->128) 15616 +
4 * 131584: Keras 3 Bidirectional rebuilds both directions from the RNN config, which un-shares the cells."""

import numpy as np
import tensorflow as tf
from keras.layers import RNN, Bidirectional, Dense, LSTMCell, StackedRNNCells
import keras


class Encoder(keras.layers.Layer):

    """
    Encoder Architecture

        - Uses Double-Stacked Bidirectional LSTM

        - Dense (88 -> 128)
        - LSTM (128 -> 256)
    """

    def __init__(self):

        super(Encoder, self).__init__()

        self.num_layers = 2
        self.rnn_units = 128

        cells = StackedRNNCells([LSTMCell(self.rnn_units)] * self.num_layers)

        self.lift = Dense(self.rnn_units)
        self.lstm = Bidirectional(RNN(cells, return_sequences=True, return_state=True))

    def call(self, inputs):

        outputs = self.lift(inputs)
        outputs, h_fw, h_bw, _, _ = self.lstm(outputs)

        final_state = tf.concat([h_fw[1], h_bw[1]], axis=1)

        return outputs, final_state


class Decoder(keras.layers.Layer):

    """
    Decoder Architecture

        - Uses Double-Stacked Unidirectional LSTM

        - Dense (8 -> 128)
        - LSTM (128 -> 256)
    """

    def __init__(self, num_layers=2, rnn_units=128):

        super(Decoder, self).__init__()

        self.num_layers = 2
        self.rnn_units = 128

        cells = StackedRNNCells([LSTMCell(self.rnn_units)] * self.num_layers)
        self.state_size_ = cells.state_size

        self.lift = Dense(self.rnn_units)
        self.lstm = RNN(cells, return_sequences=True, return_state=True)

    def call(self, inputs, lastState=None):

        inputs = self.lift(inputs)
        init_state = [[tf.zeros([32, 128]), tf.zeros([32, 128])] for _ in range(self.num_layers)]

        if lastState:
            init_state = lastState

        outputs, h, _ = self.lstm(inputs, initial_state=init_state)
        final_state = h[1]

        return outputs, init_state, final_state


class PianoGenie(keras.Model):

    """
    Piano Genie Architecture: Encoder -> Integer Quantization Straight-Through -> Decoder
    """

    def __init__(self):

        super(PianoGenie, self).__init__()

        # Hyperparameters
        self.num_buttons = 8

        # Layers
        self.encoder = Encoder()
        self.decoder = Decoder()

        self.enc_pre_dense = Dense(1)
        self.dec_dense = Dense(88)

    def iqst(self, x, nbins):

        """
            Integer Quantization with Straight-Through (w/ Straight Through used in .call)
        """

        eps = 1e-7
        s = float(nbins - 1)
        xp = tf.clip_by_value((x + 1) / 2.0, -eps, 1 + eps)
        xpp = tf.round(s * xp)
        xppp = 2 * (xpp / s) - 1

        return xpp, x + tf.stop_gradient(xppp - x)

    def call(self, input_dict):

        # Parse Inputs
        pitches = input_dict["midi_pitches"] - 21

        # Create Encoder Features (Pitch, Delta)
        enc_input = []
        enc_input.append(tf.one_hot(pitches, 88))
        enc_input.append(tf.one_hot(input_dict["delta_times_int"], 33))
        enc_input = tf.concat(enc_input, axis=2)

        # Run through LSTM Encoder
        enc_stp, _ = self.encoder(enc_input)

        # Reduce Dimension
        pre_enc_stp = tf.squeeze(self.enc_pre_dense(enc_stp), axis=-1)

        # Run through IQST
        _, stp_emb_disc_rescaled = self.iqst(pre_enc_stp, self.num_buttons)
        stp_emb_qnt = tf.expand_dims(stp_emb_disc_rescaled, axis=2)

        # Decode
        dec_stp, _, _ = self.decoder(stp_emb_qnt)
        return self.dec_dense(dec_stp)


def build_model(batch_size=32, seq_length=16):
    rng = np.random.default_rng(0)
    input_dict = {
        "midi_pitches": tf.constant(rng.integers(21, 109, size=(batch_size, seq_length)), dtype=tf.int32),
        "delta_times_int": tf.constant(rng.integers(0, 33, size=(batch_size, seq_length)), dtype=tf.int32),
    }
    return PianoGenie(), input_dict
