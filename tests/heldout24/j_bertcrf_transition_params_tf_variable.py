"""A BERT + CRF named-entity tagger whose `CRFLayer` (a `keras.layers.Layer`) creates its transition
matrix with `tf.Variable(GlorotUniform()([num_tags, num_tags]))` in `__init__`, decodes with it in
`call()` and uses it in its `loss()` method; the training loop collects `model.trainable_variables`
and applies the gradients of the CRF loss to them.

From wenjunna/bert_crf_demo (`models/crf_layer.py`; the model wiring is `BertCRFModel.build()` and the
training loop of `models/bert_crf.py`). On Keras 3 a raw `tf.Variable` set on a layer is not tracked:
the CRF layer has 0 weights, `model.trainable_variables` (what the author's loop optimises) does not
contain the transition matrix, so the CRF transitions keep their random initial values however long
the tagger trains, and `save_weights` does not write them.

Porting edits: `TFBert.from_pretrained("bert-base-chinese")` (a download) -> an `Embedding` +
`Dense` stand-in producing the hidden states; `crf_lib.crf_decode` (built on
`tf.keras.layers.AbstractRNNCell`, which Keras 3 no longer has) -> a short `tf.scan` Viterbi with the
same inputs and integer output; `crf_lib.crf_log_likelihood` -> a short forward-algorithm
re-implementation with the same signature; the `print` in `build()` dropped; sequence length 512 ->
6, 73 labels -> 5, hidden 768 -> 8; one input (`input_ids`) instead of three.
"""

SOURCE = "https://github.com/wenjunna/bert_crf_demo/blob/04e1f7c8d1b388af06545a2bc585fa002f60f228/models/crf_layer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/j_bertcrf_transition_params_tf_variable.py:
as returned: Functional, count_params() = 357, 5 weights, unbuilt: none
after call: count_params() = 357, 5 trainable weights, unbuilt: none; output dtypes ['float32', 'int32']
gradient None for 0 of 5 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'crf': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine24a/p13.py, the author's loop: CRF loss on (logits, labels), gradients of
model.trainable_variables, Adam(1e-2), 3 steps): the crf layer has 0 weights; model.trainable_variables
lists only the embedding/stand-in/dense weights; the CRF loss does have a gradient with respect to
transition_params, but the matrix is not in the optimised list and is bit-identical after the steps."""

import tensorflow as tf
import keras


def crf_decode(potentials, transition_params, sequence_length):
    """Stand-in for crf_lib.crf_decode: Viterbi over [batch, time, tags] potentials."""
    first = potentials[:, 0]
    rest = tf.transpose(potentials[:, 1:], [1, 0, 2])

    def forward(carry, inp):
        score, _ = carry
        t = tf.expand_dims(score, 2) + tf.expand_dims(transition_params, 0)
        return inp + tf.reduce_max(t, 1), tf.argmax(t, 1, output_type=tf.int32)

    scores, backs = tf.scan(forward, rest, initializer=(first, tf.zeros_like(first, dtype=tf.int32)))
    last = tf.argmax(scores[-1], -1, output_type=tf.int32)
    tags = tf.scan(lambda tag, bp: tf.gather(bp, tag, batch_dims=1), backs, initializer=last, reverse=True)
    tags = tf.concat([tf.transpose(tags), last[:, None]], axis=1)
    return tags, tf.reduce_max(scores[-1], -1)


def crf_log_likelihood(inputs, tag_indices, sequence_lengths, transition_params):
    """Stand-in for crf_lib.crf_log_likelihood (full-length sequences)."""
    unary = tf.reduce_sum(tf.gather(inputs, tag_indices, batch_dims=2), 1)
    pairs = tf.stack([tag_indices[:, :-1], tag_indices[:, 1:]], -1)
    binary = tf.reduce_sum(tf.gather_nd(transition_params, pairs), 1)
    rest = tf.transpose(inputs[:, 1:], [1, 0, 2])
    alphas = tf.scan(lambda a, x: x + tf.reduce_logsumexp(tf.expand_dims(a, 2) + transition_params, 1),
                     rest, initializer=inputs[:, 0])
    log_norm = tf.reduce_logsumexp(alphas[-1], 1)
    return unary + binary - log_norm, transition_params


class CRFLayer(keras.layers.Layer):

    def __init__(self, num_tags=6,
                 transition_params=None,
                 **kwargs):
        super(CRFLayer, self).__init__(**kwargs)
        self.num_tags = num_tags

        if transition_params is None:
            initializer = keras.initializers.GlorotUniform()
            self.transition_params = tf.Variable(
                initializer([num_tags, num_tags]))
        else:
            self.transition_params = transition_params

    def build(self, input_shape):
        super(CRFLayer, self).build(input_shape)

    def call(self, inputs, training=False):
        used = tf.sign(tf.abs(inputs))
        sequence_lengths = tf.reduce_mean(tf.reduce_sum(used, axis=1), axis=1)
        sequence_lengths = tf.cast(sequence_lengths, tf.int64)

        decode_tags, best_score = crf_decode(
            inputs,
            self.transition_params,
            sequence_lengths
        )
        return decode_tags

    def loss(self, inputs, label):
        used = tf.sign(tf.abs(inputs))
        sequence_lengths = tf.reduce_mean(tf.reduce_sum(used, axis=1), axis=1)
        sequence_lengths = tf.cast(sequence_lengths, tf.int64)

        log_likelihood, transition_params = crf_log_likelihood(
            inputs,
            label,
            sequence_lengths,
            self.transition_params
        )
        cost = tf.reduce_mean(-log_likelihood)
        return cost

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:2])


class BertCRFModel(object):
    def __init__(self, n_vocab=30, hidden=8, n_label=5, drop_rate=0.1):
        self.model_name = "bert_crf"
        self.n_label = n_label
        self.drop_rate = drop_rate

        self.bert_embedding = keras.layers.Embedding(n_vocab, hidden, name="bert_stand_in_embedding")
        self.bert_layer = keras.layers.Dense(hidden, activation="tanh", name="bert_stand_in")
        self.dense_layer = keras.layers.Dense(units=self.n_label, name="dense")
        self.dropout = keras.layers.Dropout(self.drop_rate, name="dropout")
        self.crf_layer = CRFLayer(num_tags=self.n_label, transition_params=None, name="crf")

    def get_loss_func(self):
        return self.crf_layer.loss

    def build(self, seq_length):
        word_ids = keras.Input(shape=(seq_length,), name="input_ids", dtype="int32")
        last_hidden_state = self.bert_layer(self.bert_embedding(word_ids))
        x = self.dropout(last_hidden_state)
        x = self.dense_layer(x)
        outputs = self.crf_layer(x)
        model = keras.Model(inputs=word_ids, outputs=[x, outputs], name=self.model_name)
        return model


def build_model():
    return BertCRFModel().build(seq_length=6)
