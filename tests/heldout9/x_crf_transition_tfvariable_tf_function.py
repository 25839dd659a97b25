"""BERT sequence tagger whose CRF keeps its transition matrix in a tf.Variable made in __init__.

The mytf2 library (a TF2 port of BERT helpers) defines a `CRF` layer that creates
`self.trans_params = tf.Variable(tf.random.uniform(...))` in `__init__`, decorates `call`
with `@tf.function`, and in training re-binds `self.trans_params` to the transition matrix
returned by `crf_log_likelihood`. On tf.keras 2 the variable is tracked; on Keras 3 a raw
`tf.Variable` is not a Keras weight, so the transition matrix is not counted, not in
`trainable_weights` (an optimizer over the model never updates it) and not saved.
The code below keeps the author's shape (dict inputs, tf.function call, tuple re-binding);
`tensorflow_addons` is replaced by two small local helpers with the same signatures.
"""

SOURCE = "https://github.com/Damcy/mytf2/blob/716915965ac33204569928e4e35fdc18e224fa11/mytf2/layer/CRF.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py x_crf_transition_tfvariable_tf_function.py:
as returned: SeqTagger, count_params() = 565, 3 weights, unbuilt: none
after call: count_params() = 565, 3 trainable weights, unbuilt: none; output dtypes ['float32', 'int32']
gradient None for 0 of 3 trainable weights: []
tape watched 1 variables the model does not track: ['transition:0']
params of the case's own layers: {'crf': 0}
second call: 0 variables watched that the first call did not use
Own check: CRF.weights == [] and model.count_params() == 565 = embedding 480 + dense 85; the 5x5 transition matrix (25 values) is missing from the count, from model.trainable_weights and from saving; an optimizer over model.trainable_weights leaves it at its random init."""

import tensorflow as tf
import tensorflow.keras as keras


# --- stand-ins for tfa.text.crf_log_likelihood / crf_decode (same call signatures) ---------
def crf_log_likelihood(inputs, tag_indices, sequence_lengths, transition_params=None):
    """Linear-chain CRF log-likelihood; returns (log_likelihood, transition_params)."""
    num_tags = inputs.shape[-1]
    if transition_params is None:
        transition_params = tf.Variable(tf.random.uniform([num_tags, num_tags]))
    mask = tf.sequence_mask(sequence_lengths, tf.shape(inputs)[1], dtype=inputs.dtype)
    tag_indices = tf.cast(tag_indices, tf.int32)
    unary = tf.reduce_sum(tf.gather(inputs, tag_indices, batch_dims=2) * mask, axis=1)
    pairs = tf.stack([tag_indices[:, :-1], tag_indices[:, 1:]], axis=-1)
    binary = tf.reduce_sum(tf.gather_nd(transition_params, pairs) * mask[:, 1:], axis=1)
    alpha = inputs[:, 0]
    for t in range(1, inputs.shape[1]):
        nxt = tf.reduce_logsumexp(alpha[:, :, None] + transition_params[None], axis=1) + inputs[:, t]
        alpha = tf.where(mask[:, t:t + 1] > 0, nxt, alpha)
    log_norm = tf.reduce_logsumexp(alpha, axis=1)
    return unary + binary - log_norm, transition_params


def crf_decode(potentials, transition_params, sequence_length):
    """Greedy stand-in for Viterbi decoding; returns (decode_tags, best_score)."""
    scores = potentials + tf.reduce_max(transition_params, axis=0)[None, None, :]
    tags = tf.argmax(scores, axis=-1, output_type=tf.int32)
    mask = tf.sequence_mask(sequence_length, tf.shape(potentials)[1], dtype=tf.int32)
    return tags * mask, tf.reduce_max(scores, axis=[1, 2])


# --- mytf2/layer/CRF.py ---------------------------------------------------------------------
@keras.utils.register_keras_serializable(package="mytf2")
class CRF(tf.keras.layers.Layer):
    def __init__(self, label_size):
        super(CRF, self).__init__()
        self.trans_params = tf.Variable(
            tf.random.uniform(shape=(label_size, label_size)),
            name="transition"
        )

    @tf.function
    def call(self, inputs, training=None):
        logits = inputs["logits"]
        seq_lens = inputs["seq_lens"]
        pred_ids, _ = crf_decode(logits, self.trans_params, seq_lens)
        if training:
            labels = inputs["labels"]
            log_likelihood, self.trans_params = crf_log_likelihood(
                                                    logits, labels, seq_lens,
                                                    transition_params=self.trans_params)
            loss = tf.reduce_sum(-log_likelihood)
            return {"loss": loss, "pred_ids": pred_ids}
        else:
            return {"pred_ids": pred_ids}


# --- models/bert/bert_seq_label.py (encoder shrunk to an embedding) ---------------------------
class SeqTagger(keras.Model):
    def __init__(self, vocab_size, hidden_size, label_num, dropout_prob=0.1):
        super(SeqTagger, self).__init__()
        self.embed = keras.layers.Embedding(vocab_size, hidden_size)
        self.dropout = keras.layers.Dropout(dropout_prob)
        self.dense = keras.layers.Dense(label_num,
                                        kernel_initializer=keras.initializers.TruncatedNormal(stddev=0.02),
                                        name="logits")
        self.crf = CRF(label_num)

    def call(self, inputs, training=False):
        input_ids, input_mask, label_ids = inputs
        seq_output = self.embed(input_ids)
        if training:
            seq_output = self.dropout(seq_output, training=training)
        logits = self.dense(seq_output)
        seq_lens = tf.reduce_sum(input_mask, -1)
        out = self.crf({"logits": logits, "seq_lens": seq_lens, "labels": label_ids}, training=training)
        return out


def build_model():
    model = SeqTagger(vocab_size=30, hidden_size=16, label_num=5)
    ids = tf.constant([[1, 2, 3, 4, 0, 0], [5, 6, 7, 8, 9, 1]], dtype=tf.int32)
    mask = tf.constant([[1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 1, 1]], dtype=tf.int32)
    labels = tf.constant([[0, 1, 2, 1, 0, 0], [3, 4, 0, 1, 2, 3]], dtype=tf.int32)
    inputs = (ids, mask, labels)
    model(inputs)
    return model, inputs
