"""BiLSTM-CRF NER model: the CRF transition matrix is a raw tf.Variable set in the subclassed
Model's __init__, and call() replaces it with a fresh tf.Variable on every training step.

The repository's `NerModel(tf.keras.Model)` keeps embedding, BiLSTM and Dense as sublayers and the
(label_size, label_size) transition matrix as `tf.Variable(tf.random.uniform(...), trainable=False)`.
In call(), when labels are given, it unpacks `log_likelihood, self.transition_params =
crf_log_likelihood(...)` and wraps the result in a new `tf.Variable` again. predict.py later decodes
with `model.transition_params`. On Keras 3 the transition matrix is a backend-native variable: it is
not in `model.weights` / `count_params()` and is not written by `save_weights`, so the decoder
after reload uses random transitions; each labelled call also makes yet another untracked variable.
tensorflow_addons' crf_log_likelihood is replaced here by a small local helper with the same
signature (it returns the transition matrix it used, as tfa does), and the Dropout call passes
`training=` by keyword because Keras 3 refuses a positional bool there (unrelated to the bug).
"""

SOURCE = "https://github.com/saiwaiyanyu/bi-lstm-crf-ner-tf2.0/blob/master/model.py"
CODES = ("LD003", "LD002")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py l_bilstm_crf_transitions_tf_variable.py:
as returned: NerModel, count_params() = 2029, 9 weights, unbuilt: none
after call: count_params() = 2029, 9 trainable weights, unbuilt: none; output dtypes ['float32', 'int32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(own script: model.transition_params (5x5 = 25 values) is not among the 9 model.weights / 2029 params, so
save_weights/load_weights never restore it; a call with labels replaces it by a new tf.Variable
(ResourceVariable), still 9 weights: the decoder's transitions are untracked.)"""

import tensorflow as tf


# ---- stand-in for tensorflow_addons.text.crf (same call signature as the repo uses) ----------
def crf_sequence_score(inputs, tag_indices, sequence_lengths, transition_params):
    mask = tf.sequence_mask(sequence_lengths, tf.shape(inputs)[1], dtype=inputs.dtype)
    unary = tf.reduce_sum(tf.gather(inputs, tag_indices, batch_dims=2) * mask, axis=1)
    start, end = tag_indices[:, :-1], tag_indices[:, 1:]
    pair = tf.gather_nd(transition_params, tf.stack([start, end], axis=-1))
    binary = tf.reduce_sum(pair * mask[:, 1:], axis=1)
    return unary + binary


def crf_log_norm(inputs, sequence_lengths, transition_params):
    first = inputs[:, 0, :]
    rest = tf.transpose(inputs[:, 1:, :], [1, 0, 2])
    mask = tf.transpose(tf.sequence_mask(sequence_lengths - 1, tf.shape(inputs)[1] - 1,
                                         dtype=inputs.dtype), [1, 0])

    def step(state, elems):
        x, m = elems
        nxt = tf.reduce_logsumexp(state[:, :, None] + transition_params[None], axis=1) + x
        return m[:, None] * nxt + (1. - m[:, None]) * state

    alphas = tf.scan(step, (rest, mask), initializer=first)
    return tf.reduce_logsumexp(alphas[-1], axis=1)


def crf_log_likelihood(inputs, tag_indices, sequence_lengths, transition_params=None):
    num_tags = inputs.shape[2]
    if transition_params is None:
        transition_params = tf.random.uniform([num_tags, num_tags])
    seq_scores = crf_sequence_score(inputs, tag_indices, sequence_lengths, transition_params)
    log_norm = crf_log_norm(inputs, sequence_lengths, transition_params)
    return seq_scores - log_norm, transition_params


# ---- model.py --------------------------------------------------------------------------------
class NerModel(tf.keras.Model):
    def __init__(self, hidden_num, vocab_size, label_size, embedding_size):
        super(NerModel, self).__init__()
        self.num_hidden = hidden_num
        self.vocab_size = vocab_size
        self.label_size = label_size
        self.transition_params = None

        self.embedding = tf.keras.layers.Embedding(vocab_size, embedding_size)
        self.biLSTM = tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(hidden_num, return_sequences=True))
        self.dense = tf.keras.layers.Dense(label_size)

        self.transition_params = tf.Variable(tf.random.uniform(shape=(label_size, label_size)),
                                             trainable=False)
        self.dropout = tf.keras.layers.Dropout(0.5)

    # @tf.function
    def call(self, text, labels=None, training=None):
        text_lens = tf.math.reduce_sum(tf.cast(tf.math.not_equal(text, 0), dtype=tf.int32), axis=-1)
        # -1 change 0
        inputs = self.embedding(text)
        inputs = self.dropout(inputs, training=training)  # keyword: Keras 3 rejects a positional bool
        logits = self.dense(self.biLSTM(inputs))

        if labels is not None:
            label_sequences = tf.convert_to_tensor(labels, dtype=tf.int32)
            log_likelihood, self.transition_params = crf_log_likelihood(logits, label_sequences, text_lens)
            self.transition_params = tf.Variable(self.transition_params, trainable=False)
            return logits, text_lens, log_likelihood
        else:
            return logits, text_lens


# ---- train.py (shape of the loop, not run here) -----------------------------------------------
def train_one_step(model, optimizer, text_batch, labels_batch):
    with tf.GradientTape() as tape:
        logits, text_lens, log_likelihood = model(text_batch, labels_batch, training=True)
        loss = - tf.reduce_mean(log_likelihood)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss, logits, text_lens


VOCAB = 50
TAGS = 5


def build_model():
    model = NerModel(hidden_num=8, vocab_size=VOCAB, label_size=TAGS, embedding_size=12)
    text = tf.constant([[3, 7, 9, 0, 0], [4, 4, 2, 8, 1]], dtype=tf.int32)
    model(text)
    return model, text
