"""A CRF output layer that starts with `self.transitions = None` in `__init__`, creates the transition
matrix with `add_weight` in `build()`, optionally owns a `Dense` made only `if units is not None`,
keeps a `keras.metrics.Accuracy()` object on `self`, decodes with Viterbi (integer tags, no
gradient) and returns `(viterbi_sequence, inputs, sequence_lengths, self.transitions)` so that the
CRF loss can be computed from the outputs.

From xuxingya/tf2crf (`tf2crf/crf.py`, the pip package `tf2crf`). Looks like a transition matrix
that only feeds a non-differentiable decode (argmax / Viterbi back-pointers, an LD009 shape), like a
weight attribute first set to `None` and like a conditional sublayer. On Keras 3 the transitions are
a tracked weight of the layer, the model returns the variable itself as its fourth output, and a CRF
log-likelihood computed from the returned potentials and transitions gives every weight a gradient.

Porting edits: `tf.keras` -> `keras`; `tensorflow_addons.text.crf_decode` (TensorFlow Addons does not
support Keras 3) -> a short `tf.scan` Viterbi with the same inputs and integer output; `K.sum` /
`K.cast` -> `tf.reduce_sum` / `tf.cast`; the model is the README's (Embedding -> Bidirectional GRU ->
Dense -> CRF) with vocabulary 100 -> 20, embedding 40 -> 8, GRU 64 -> 4, 9 tags -> 5, `mask_zero`
dropped.
"""

SOURCE = "https://github.com/xuxingya/tf2crf/blob/0beea9329ab77346c0e7d13135477b757396717c/tf2crf/crf.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/okj_tf2crf_transitions_add_weight_returned_as_output.py:
as returned: Functional, count_params() = 566, 10 weights, unbuilt: none
call 1 raised AttributeError: 'str' object has no attribute 'is_floating'
The 'call 1 raised' line is the measure script tripping over the model's 4th output: the layer
returns the keras.Variable itself, whose .dtype is the string 'float32' (the script expects a
tf.DType); the call itself succeeds.
Own script (/tmp/mine24a/p14.py): the crf layer has exactly one weight, crf/transitions (the
Accuracy metric's counters are not layer weights); the model's 4th output equals the transition
variable; a CRF negative log-likelihood computed from the returned potentials, lengths and
transitions gives a non-None gradient to all 10 trainable weights (transitions included), while the
decoded tags are int32 with no gradient, as intended."""

import tensorflow as tf
import keras


def crf_decode(potentials, transition_params, sequence_length):
    """Stand-in for tfa.text.crf_decode: Viterbi over [batch, time, tags] potentials."""
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


class CRF(keras.layers.Layer):
    def __init__(self, units=None, chain_initializer="orthogonal", regularizer=None, **kwargs):
        super(CRF, self).__init__(**kwargs)
        self.chain_initializer = keras.initializers.get(chain_initializer)
        self.regularizer = regularizer
        self.transitions = None
        self.supports_masking = True
        self.mask = None
        self.accuracy_fn = keras.metrics.Accuracy()
        self.units = units
        if units is not None:
            self.dense = keras.layers.Dense(units)

    def get_config(self):
        config = super(CRF, self).get_config()
        config.update({
            "chain_initializer": "orthogonal"
        })
        return config

    def build(self, input_shape):
        assert len(input_shape) == 3
        if self.units:
            units = self.units
        else:
            units = input_shape[-1]
        self.transitions = self.add_weight(
            name="transitions",
            shape=[units, units],
            initializer=self.chain_initializer,
            regularizer=self.regularizer
        )

    def call(self, inputs, mask=None, training=False):
        if mask is None:
            raw_input_shape = tf.slice(tf.shape(inputs), [0], [2])
            mask = tf.ones(raw_input_shape)
        sequence_lengths = tf.reduce_sum(tf.cast(mask, 'int32'), axis=-1)
        if self.units:
            inputs = self.dense(inputs)
        viterbi_sequence, _ = crf_decode(
            inputs, self.transitions, sequence_lengths
        )
        return viterbi_sequence, inputs, sequence_lengths, self.transitions


def build_model():
    inputs = keras.Input(shape=(6,), dtype='int32')
    output = keras.layers.Embedding(20, 8)(inputs)
    output = keras.layers.Bidirectional(keras.layers.GRU(4, return_sequences=True))(output)
    output = keras.layers.Dense(5, activation=None)(output)
    crf = CRF(dtype='float32', name="crf")
    output = crf(output)
    return keras.Model(inputs, output)
