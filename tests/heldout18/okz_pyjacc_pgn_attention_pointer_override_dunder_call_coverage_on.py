"""A pointer-generator network (PGN) whose BahdanauAttention and Pointer override `__call__`
instead of `call`, with a coverage Dense that runs only once a previous coverage exists, trained
by a hand-written tape over the variables of four sublayers listed by hand. Correct on Keras 3
with the author's default `use_coverage=True`.

Why it looks suspicious: the attention and pointer layers bypass `Layer.__call__` (so Keras never
builds them itself and their own `built` stays False), `W_c` sits behind
`if use_coverage and prev_coverage is not None`, the training step collects
`encoder + decoder + attention + pointer` trainable variables by hand, and the decoder's
Embedding is frozen. But every Dense is assigned in `__init__` (tracked) and called inside the
model's `call`: the first attention call starts the coverage, every later step feeds it to
`W_c`, so all the attention, decoder and pointer weights are built and get gradients.

Porting edits: `tf.keras` -> `keras` (tensorflow ops kept); the word2vec matrix replaced by a
random 50x16 matrix; the Encoder taken from the sister module of the same repository (a
bidirectional GRU; its `__call__` made a `call` and its GRU passed straight to `Bidirectional`
instead of being kept as `self.gru` too, which would leave that original GRU unbuilt) and shortened; `params` cut to what the model reads;
`_calc_final_dist` (the scatter into the extended vocabulary) replaced by the
`pointer_gen=False` branch's stacking so the case needs no OOV batch data. One repair outside
this case's subject: the author's Decoder runs its GRU on one step without `initial_state`, so
the GRU's recurrent kernel only ever multiplies a zero state (measured: gradient norm 1e-10, the
kernel unchanged by a step); here the GRU gets `initial_state=prev_dec_hidden`.
"""

SOURCE = "https://github.com/Pyjacc/Word2VecSeq2SeqBaseLineAll/blob/b40dbe340b3715cb8d4d8d588cb733fdab26cd14/seq2seq_pgn_tf2_d/models/pgn.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/okz_pyjacc_pgn_attention_pointer_override_dunder_call_coverage_on.py:
warning: `build()` was called on layer 'pgn', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. [...]
as returned: PGN, count_params() = 6758, 27 weights, unbuilt: ['BahdanauAttention:bahdanau_attention', 'Pointer:pointer']
no inputs known: not called
Own script (/tmp/mine18b/m_pgn.py: build_model(), then the case's train_step once with SGD 0.5):
count_params 6758, 27 weights (2 frozen embeddings), 25 trainable; the only unbuilt layers are
the two `__call__`-overriding containers (BahdanauAttention, Pointer), which own no weights:
all their Dense sublayers (W_s, W_h, W_c, V, w_s/w_i/w_c_reduce) are built. The hand-listed
variables (encoder + decoder + attention + pointer) are exactly the model's 25 trainable
weights; gradient None for 0 of 25; one step changed 24 of 25 - the unchanged one is V's bias
(gradient norm 1.7e-08: a constant added before the softmax over encoder steps cancels, as in
any Bahdanau score layer with a bias). The Keras warning above comes from PGN.build() with
shapes before the first call; the model works after it."""

import keras
import numpy as np
import tensorflow as tf


class Encoder(keras.Model):
    def __init__(self, vocab_size, embedding_dim, embedding_matrix, enc_units, batch_size):
        super(Encoder, self).__init__()
        self.batch_size = batch_size
        self.enc_units = enc_units
        self.embedding = keras.layers.Embedding(vocab_size, embedding_dim, weights=[embedding_matrix],
                                                trainable=False)
        self.bidirectional_gru = keras.layers.Bidirectional(
            keras.layers.GRU(self.enc_units // 2, return_sequences=True, return_state=True,
                             recurrent_initializer='glorot_uniform'))

    def call(self, x):
        x = self.embedding(x)
        output, forward_state, backward_state = self.bidirectional_gru(x)
        hidden = tf.concat([forward_state, backward_state], axis=-1)
        return output, hidden


class BahdanauAttention(keras.layers.Layer):
    def __init__(self, units):
        super(BahdanauAttention, self).__init__()
        self.W_s = keras.layers.Dense(units)
        self.W_h = keras.layers.Dense(units)
        self.W_c = keras.layers.Dense(units)
        self.V = keras.layers.Dense(1)

    def __call__(self, dec_hidden, enc_output, enc_pad_mask, use_coverage=False, prev_coverage=None):
        hidden_with_time_axis = tf.expand_dims(dec_hidden, 1)
        if use_coverage and prev_coverage is not None:
            score = self.V(tf.nn.tanh(self.W_s(enc_output) + self.W_h(hidden_with_time_axis) + self.W_c(prev_coverage)))
            mask = tf.cast(enc_pad_mask, dtype=score.dtype)
            masked_score = tf.squeeze(score, axis=-1) * mask
            masked_score = tf.expand_dims(masked_score, axis=2)
            attention_weights = tf.nn.softmax(masked_score, axis=1)
            coverage = attention_weights + prev_coverage
        else:
            score = self.V(tf.nn.tanh(self.W_s(enc_output) + self.W_h(hidden_with_time_axis)))
            mask = tf.cast(enc_pad_mask, dtype=score.dtype)
            masked_score = tf.squeeze(score, axis=-1) * mask
            masked_score = tf.expand_dims(masked_score, axis=2)
            attention_weights = tf.nn.softmax(masked_score, axis=1)
            if use_coverage:
                coverage = attention_weights
            else:
                coverage = []
        context_vector = attention_weights * enc_output
        context_vector = tf.reduce_sum(context_vector, axis=1)
        return context_vector, attention_weights, coverage


class Decoder(keras.Model):
    def __init__(self, vocab_size, embedding_dim, embedding_matrix, dec_units, batch_size):
        super(Decoder, self).__init__()
        self.batch_size = batch_size
        self.dec_units = dec_units
        self.embedding = keras.layers.Embedding(vocab_size, embedding_dim, weights=[embedding_matrix],
                                                trainable=False)
        self.gru = keras.layers.GRU(self.dec_units, return_sequences=True, return_state=True,
                                    recurrent_initializer='glorot_uniform')
        self.fc = keras.layers.Dense(vocab_size, activation=keras.activations.softmax)

    def call(self, dec_input, prev_dec_hidden, enc_output, context_vector):
        dec_input = self.embedding(dec_input)
        dec_input = tf.concat([tf.expand_dims(context_vector, 1), dec_input], axis=-1)
        dec_output, dec_hidden = self.gru(dec_input, initial_state=prev_dec_hidden)
        dec_output = tf.reshape(dec_output, (-1, dec_output.shape[2]))
        pred = self.fc(dec_output)
        return dec_input, pred, dec_hidden


class Pointer(keras.layers.Layer):
    def __init__(self):
        super(Pointer, self).__init__()
        self.w_s_reduce = keras.layers.Dense(1)
        self.w_i_reduce = keras.layers.Dense(1)
        self.w_c_reduce = keras.layers.Dense(1)

    def __call__(self, context_vector, dec_hidden, dec_inp):
        dec_inp = tf.squeeze(dec_inp, axis=1)
        return tf.nn.sigmoid(self.w_s_reduce(dec_hidden) + self.w_c_reduce(context_vector) + self.w_i_reduce(dec_inp))


class PGN(keras.Model):
    def __init__(self, params):
        super(PGN, self).__init__()
        self.embedding_matrix = np.random.default_rng(0).random((params["vocab_size"], params["embed_size"])).astype("float32")
        self.params = params
        self.encoder = Encoder(vocab_size=params["vocab_size"], embedding_dim=params["embed_size"],
                               embedding_matrix=self.embedding_matrix, enc_units=params["enc_units"],
                               batch_size=params["batch_size"])
        self.attention = BahdanauAttention(units=params["attn_units"])
        self.decoder = Decoder(vocab_size=params["vocab_size"], embedding_dim=params["embed_size"],
                               embedding_matrix=self.embedding_matrix, dec_units=params["dec_units"],
                               batch_size=params["batch_size"])
        self.pointer = Pointer()

    def call(self, dec_hidden, enc_output, dec_inp, enc_pad_mask, use_coverage, prev_coverage=None):
        predictions = []
        attentions = []
        p_gens = []
        coverages = []
        context_vector, _, coverage_ret = self.attention(dec_hidden, enc_output, enc_pad_mask,
                                                         use_coverage, prev_coverage)
        for t in range(dec_inp.shape[1]):
            dec_x, dec_pred, dec_hidden = self.decoder(tf.expand_dims(dec_inp[:, t], 1), dec_hidden,
                                                       enc_output, context_vector)
            context_vector, attn, coverage_ret = self.attention(dec_hidden, enc_output, enc_pad_mask,
                                                                use_coverage, coverage_ret)
            p_gen = self.pointer(context_vector, dec_hidden, dec_x)
            coverages.append(coverage_ret)
            attentions.append(tf.squeeze(attn, axis=2))
            predictions.append(dec_pred)
            p_gens.append(p_gen)
        final = [p * d for p, d in zip(p_gens, predictions)]
        return tf.stack(final, 1), dec_hidden, attentions, tf.stack(coverages, 1)


PARAMS = {"vocab_size": 50, "embed_size": 16, "enc_units": 16, "dec_units": 16, "attn_units": 16,
          "batch_size": 2, "use_coverage": True}


def sample_batch():
    rng = np.random.default_rng(1)
    enc_inp = rng.integers(1, 50, size=(2, 7)).astype("int32")
    dec_inp = rng.integers(1, 50, size=(2, 4)).astype("int32")
    enc_pad_mask = np.ones((2, 7), dtype="int32")
    return enc_inp, dec_inp, enc_pad_mask


def train_step(model, optimizer, enc_inp, dec_input, enc_pad_mask, params=PARAMS):
    with tf.GradientTape() as tape:
        enc_output, enc_hidden = model.encoder(enc_inp)
        dec_hidden = enc_hidden
        final_dists, _, attentions, coverages = model(dec_hidden, enc_output, dec_input,
                                                      enc_pad_mask=enc_pad_mask,
                                                      use_coverage=params['use_coverage'],
                                                      prev_coverage=None)
        batch_loss = -tf.reduce_mean(tf.math.log(final_dists + 1e-9)) + tf.reduce_mean(coverages)
    variables = model.encoder.trainable_variables + model.decoder.trainable_variables + \
                model.attention.trainable_variables + model.pointer.trainable_variables
    gradients = tape.gradient(batch_loss, variables)
    optimizer.apply_gradients(zip(gradients, variables))
    return batch_loss, variables, gradients


def build_model():
    model = PGN(PARAMS)
    enc_inp, dec_inp, enc_pad_mask = sample_batch()
    enc_output, enc_hidden = model.encoder(enc_inp)
    model(enc_hidden, enc_output, dec_inp, enc_pad_mask=enc_pad_mask, use_coverage=PARAMS["use_coverage"])
    return model
