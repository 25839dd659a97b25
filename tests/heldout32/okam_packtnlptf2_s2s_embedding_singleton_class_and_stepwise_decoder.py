"""Seq2seq summariser whose Encoder takes its Embedding from a class-level singleton and whose Decoder is called step by step in a GradientTape loop: every weight is tracked and trained.

PacktPublishing/Advanced-Natural-Language-Processing-with-TensorFlow-2, chapter 6 (`seq2seq.py` +
`s2s-training.py`): a plain Python class `Embedding` keeps one `tf.keras.layers.Embedding` in a class
attribute (`embedding = None  # singleton`) and hands it out from a classmethod; the Encoder (a
`tf.keras.Model`) stores the returned layer as `self.embedding`. The Decoder holds a BahdanauAttention
layer (three Dense made in `__init__`, no `build()`) and is called once per target position inside a
`tf.GradientTape` custom training loop, with `encoder.trainable_variables + decoder.trainable_variables`
handed to the optimizer. Looks like LD011 (a layer living in a plain Python object / class attribute),
LD005 (attention sublayers without build) and LD007 (decoder and attention called many times), but the
singleton's layer is also an attribute of the Encoder, so Keras tracks it there. Porting edits: none to
the classes (tf.keras names resolve to Keras 3); the `tfds` tokenizer and data pipeline are left out.
build_model() builds encoder and decoder the way `s2s-training.py` does, runs one teacher-forced step (as
the first train_step would) and returns the built Decoder; `_probe_train_step()` reproduces
`train_step` on random tokens and reports which variables got no gradient.
"""

SOURCE = "https://github.com/PacktPublishing/Advanced-Natural-Language-Processing-with-TensorFlow-2/blob/aca9a2f83ad0f8f6a590199c2b821cc276461cf6/chapter6-textsum-seq2seq-attention-transformer/seq2seq.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
As returned: Decoder, count_params() = 4851, 12 weights, unbuilt: none; no inputs known: not called
(the decoder takes three positional arguments). The case's own probe (python <file>, one train_step on
random tokens): encoder params 3424, decoder params 4851; encoder layers ['embedding', 'bidirectional',
'dense'], decoder layers ['embedding_1', 'gru_1', 'fc1', 'bahdanau_attention']; 21 variables, None
grads []; singleton layer is encoder.embedding: True, its weights in encoder.trainable_variables: True;
attention params 817, built True. No warning."""

import tensorflow as tf
from tensorflow.keras.layers import GRU, Bidirectional, Dense


class Embedding(object):
    embedding = None  # singleton

    @classmethod
    def get_embedding(self, vocab_size, embedding_dim):
        if self.embedding is None:
            self.embedding = tf.keras.layers.Embedding(vocab_size, embedding_dim, mask_zero=True)
        return self.embedding


class Encoder(tf.keras.Model):
    def __init__(self, vocab_size, embedding_dim, enc_units, batch_size):
        super(Encoder, self).__init__()
        self.batch_size = batch_size
        self.enc_units = enc_units
        self.embedding = Embedding.get_embedding(vocab_size, embedding_dim)
        self.bigru = Bidirectional(GRU(self.enc_units, return_sequences=True, return_state=True,
                                       recurrent_initializer='glorot_uniform'), merge_mode='concat')
        self.relu = Dense(self.enc_units, activation='relu')

    def call(self, x, hidden):
        x = self.embedding(x)
        output, forward_state, backward_state = self.bigru(x, initial_state=hidden)
        hidden_states = tf.concat([forward_state, backward_state], axis=1)
        output_state = self.relu(hidden_states)
        return output, output_state

    def initialize_hidden_state(self):
        return [tf.zeros((self.batch_size, self.enc_units)) for i in range(2)]


class BahdanauAttention(tf.keras.layers.Layer):
    def __init__(self, units):
        super(BahdanauAttention, self).__init__()
        self.W1 = tf.keras.layers.Dense(units)
        self.W2 = tf.keras.layers.Dense(units)
        self.V = tf.keras.layers.Dense(1)

    def call(self, decoder_hidden, enc_output):
        query = decoder_hidden
        values = enc_output
        query_with_time_axis = tf.expand_dims(query, 1)
        score = self.V(tf.nn.tanh(self.W1(query_with_time_axis) + self.W2(values)))
        attention_weights = tf.nn.softmax(score, axis=1)
        context_vector = attention_weights * values
        context_vector = tf.reduce_sum(context_vector, axis=1)
        return context_vector, attention_weights


class Decoder(tf.keras.Model):
    def __init__(self, vocab_size, embedding_dim, dec_units, batch_sz):
        super(Decoder, self).__init__()
        self.batch_sz = batch_sz
        self.dec_units = dec_units
        self.embedding = tf.keras.layers.Embedding(vocab_size, embedding_dim, mask_zero=True)
        self.gru = tf.keras.layers.GRU(self.dec_units, return_sequences=True, return_state=True,
                                       recurrent_initializer='glorot_uniform')
        self.fc1 = tf.keras.layers.Dense(vocab_size, activation='softmax', name='fc1')
        self.attention = BahdanauAttention(self.dec_units)

    def call(self, x, hidden, enc_output):
        context_vector, attention_weights = self.attention(hidden, enc_output)
        x = self.embedding(x)
        x = tf.concat([tf.expand_dims(context_vector, 1), x], axis=-1)
        output, state = self.gru(x)
        output = tf.reshape(output, (-1, output.shape[2]))
        x = self.fc1(output)
        return x, state, attention_weights


VOCAB, EMB, UNITS, BATCH, ART_LEN, SUM_LEN = 50, 8, 16, 2, 7, 4


def _make():
    encoder = Encoder(VOCAB, EMB, UNITS, BATCH)
    decoder = Decoder(VOCAB, EMB, UNITS, BATCH)
    return encoder, decoder


def _batch():
    rng = tf.random.Generator.from_seed(0)
    art = rng.uniform((BATCH, ART_LEN), 1, VOCAB, dtype=tf.int64)
    smry = rng.uniform((BATCH, SUM_LEN), 1, VOCAB, dtype=tf.int64)
    return art, smry


def build_model():
    encoder, decoder = _make()
    art, smry = _batch()
    enc_output, enc_hidden = encoder(art, encoder.initialize_hidden_state())
    decoder(tf.expand_dims(smry[:, 0], 1), enc_hidden, enc_output)
    return decoder


def _probe_train_step():
    encoder, decoder = _make()
    art, smry = _batch()
    loss_object = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=False, reduction='none')
    with tf.GradientTape() as tape:
        enc_output, enc_hidden = encoder(art, encoder.initialize_hidden_state())
        dec_hidden = enc_hidden
        dec_input = tf.expand_dims(smry[:, 0], 1)
        loss = 0
        for t in range(1, smry.shape[1]):
            predictions, dec_hidden, _ = decoder(dec_input, dec_hidden, enc_output)
            loss += tf.reduce_mean(loss_object(smry[:, t], predictions))
            dec_input = tf.expand_dims(smry[:, t], 1)
    variables = encoder.trainable_variables + decoder.trainable_variables
    grads = tape.gradient(loss, variables)
    print("encoder params", encoder.count_params(), "decoder params", decoder.count_params())
    print("encoder layers", [l.name for l in encoder.layers], "decoder layers", [l.name for l in decoder.layers])
    print("variables", len(variables), "None grads", [v.path for v, g in zip(variables, grads) if g is None])
    print("singleton layer is encoder.embedding:", Embedding.embedding is encoder.embedding,
          "its weights in encoder.trainable_variables:",
          any(v is Embedding.embedding.embeddings for v in encoder.trainable_variables))
    print("attention params", decoder.attention.count_params(), "built", decoder.attention.built)


if __name__ == "__main__":
    _probe_train_step()
