"""TensorFlow in Action, chapter 12: a Bahdanau attention wrapper whose decoder GRUCell is only run
inside `K.rnn`'s step function and is never built when the model is assembled on Keras 3.

`DecoderRNNAttentionWrapper.__init__` stores `self._cell = cell` (a `GRUCell(256)` made by the model
factory) and `self.units` before calling `super().__init__(**kwargs)`; `build()` makes W_a, U_a and
V_a with `add_weight` but does not build the cell; `call()` defines a nested `_step` closure that
computes the attention context and calls `self._cell(...)`, and hands it to `K.rnn`.  The layer also
overrides `compute_output_shape` (returning the decoder *embedding* width as the output width).
With tf.keras 2 the functional model ran `call()` symbolically, so the cell was built then.  Keras 3
trusts `compute_output_shape` instead of tracing `call()`: the model comes back with the GRUCell
unbuilt (its weights missing from `count_params()`), the next Dense is built for 128 inputs,
and the first real call fails with a shape error in `d_dense_1`, far from the cause.  (The cell
assigned before `super().__init__()` is tracked fine on the TF backend.)  The book's string
`TextVectorization` front-ends are replaced here by integer token inputs (no data needed).
"""

SOURCE = ("https://github.com/thushv89/manning_tf2_in_action/blob/"
          "0e8080fe7eaae90f3afe73bde3822b2a68dc90f5/Ch11-Ch12-Sequence-to-Sequence-Learning-with-TF2/"
          "12.1_seq2seq_machine_translation_part_2.ipynb")
CODES = ("LD005",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py o_tf2_in_action_bahdanau_wrapper_cell_never_built.py:
warning: Layer 'd_attention' (of type DecoderRNNAttentionWrapper) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. D
as returned: Functional, count_params() = 746286, 15 weights, unbuilt: ['GRUCell:gru_cell']
call 1 raised ValueError: Exception encountered when calling Functional.call().
Own script: model.get_layer("d_attention")._cell.built is False after the model is built; the cell
is in the wrapper's layers; the first call raises ValueError: Input 0 ... of layer 'd_dense_1' is
incompatible with the layer: expected axis -1 of input shape to have value 128, but received input
with shape (2, 11, 256)."""

import tensorflow as tf
from tensorflow.keras.layers import Layer
from tensorflow.keras import backend as K


class DecoderRNNAttentionWrapper(Layer):
    """
    This class implements Bahdanau attention (https://arxiv.org/pdf/1409.0473.pdf).
    There are three sets of weights introduced W_a, U_a, and V_a
     """

    def __init__(self, cell, units, **kwargs):
        self._cell = cell
        self.units = units
        super().__init__(**kwargs)

    def build(self, input_shape):

        assert isinstance(input_shape, list)
        # W_a is a [s, self.units] sized matrix
        self.W_a = self.add_weight(name='W_a',
                                   shape=tf.TensorShape((input_shape[0][2], self.units)),
                                   initializer='uniform',
                                   trainable=True)
        # U_a is a [h, self.units] sized matrix
        self.U_a = self.add_weight(name='U_a',
                                   shape=tf.TensorShape((self._cell.units, self.units)),
                                   initializer='uniform',
                                   trainable=True)
        self.V_a = self.add_weight(name='V_a',
                                   shape=tf.TensorShape((self.units, 1)),
                                   initializer='uniform',
                                   trainable=True)

    def call(self, inputs, initial_state, training=False):
        """
        inputs: [encoder_output_sequence, decoder_output_sequence]
        """

        encoder_outputs, decoder_inputs = inputs

        def _step(inputs, states):
            """ Step function for computing energy for a single decoder state """

            assert_msg = "States must be an iterable. Got {} of type {}".format(states, type(states))
            assert isinstance(states, list) or isinstance(states, tuple), assert_msg

            encoder_full_seq = states[-1]

            W_a_dot_h = K.dot(encoder_full_seq, self.W_a)
            U_a_dot_s = K.expand_dims(K.dot(states[0], self.U_a), 1)
            Wh_plus_Us = K.tanh(W_a_dot_h + U_a_dot_s)
            e_i = K.squeeze(K.dot(Wh_plus_Us, self.V_a), axis=-1)
            e_i = K.softmax(e_i)
            c_i = K.sum(encoder_full_seq * K.expand_dims(e_i, -1), axis=1)

            s, states = self._cell(K.concatenate([inputs, c_i], axis=-1), states)

            return (s, e_i), states

        last_out, attn_outputs, _ = K.rnn(
            _step, decoder_inputs, [initial_state], constants=[encoder_outputs]
        )

        attn_out, attn_energy = attn_outputs

        return attn_out, attn_energy

    def compute_output_shape(self, input_shape):
        return [
            tf.TensorShape((input_shape[1][0], input_shape[1][1], input_shape[1][2])),
            tf.TensorShape((input_shape[1][0], input_shape[1][1], input_shape[0][1]))
        ]

    def get_config(self):
        return {"units": self.units, "_cell": self._cell}


def get_encoder_with_attention(n_vocab, en_seq_length):
    inp = tf.keras.Input(shape=(en_seq_length,), dtype='int32', name='e_input')
    emb_out = tf.keras.layers.Embedding(n_vocab + 2, 128, mask_zero=True, name='e_embedding')(inp)
    gru_layer = tf.keras.layers.Bidirectional(
        tf.keras.layers.GRU(128, return_sequences=True, return_state=True, name='e_gru'),
        name='e_bidirectional_gru'
    )
    gru_out_sequence, gru_fwd_out, gru_bwd_out = gru_layer(emb_out)
    encoder = tf.keras.models.Model(inputs=inp, outputs=[gru_fwd_out, gru_bwd_out, gru_out_sequence], name='encoder')
    return encoder


def get_final_seq2seq_model_with_attention(n_vocab, encoder, en_seq_length, de_seq_length):
    e_inp = tf.keras.Input(shape=(en_seq_length,), dtype='int32', name='e_input_final')
    fwd_state, bwd_state, en_states = encoder(e_inp)

    d_inp = tf.keras.Input(shape=(de_seq_length,), dtype='int32', name='d_input')
    d_emb_layer = tf.keras.layers.Embedding(n_vocab + 2, 128, mask_zero=True, name='d_embedding')
    d_emb_out = d_emb_layer(d_inp)

    d_init_state = tf.keras.layers.Concatenate(axis=-1)([fwd_state, bwd_state])

    gru_cell = tf.keras.layers.GRUCell(256)
    attn_out, _ = DecoderRNNAttentionWrapper(cell=gru_cell, units=512, name="d_attention")(
        [en_states, d_emb_out], initial_state=d_init_state)

    d_dense1_out = tf.keras.layers.Dense(512, activation='relu', name='d_dense_1')(attn_out)
    d_final_out = tf.keras.layers.Dense(n_vocab + 2, activation='softmax', name='d_dense_final')(d_dense1_out)

    seq2seq = tf.keras.models.Model(inputs=[e_inp, d_inp], outputs=d_final_out, name='final_seq2seq_with_attention')
    return seq2seq


def build_model(en_vocab=200, de_vocab=300, en_seq_length=12, de_seq_length=11):
    encoder = get_encoder_with_attention(en_vocab, en_seq_length)
    return get_final_seq2seq_model_with_attention(de_vocab, encoder, en_seq_length, de_seq_length)
