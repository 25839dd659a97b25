"""BST/DIN recommender: the DIN `LocalActivationUnit` scores each behaviour with a `Dense(1)` created inside `call()`.

From wziji/deep_ctr (BST model, `BST/din.py`). `LocalActivationUnit.build()` makes a two-layer
`Sequential` MLP (tracked), but the last projection to one attention logit per history item is written
`attention_score = tf.keras.layers.Dense(1)(att_out)` inside `call()`: a fresh Dense on every call, held
in a local, so its kernel and bias are never part of the model. `DinAttentionLayer` wraps the unit and
turns the logits into softmax weights over the user's behaviour sequence.

Porting edits: `tf.keras` -> `keras` for layers (ops stay `tf.*`); `K.repeat_elements` ->
`tf.repeat`; the `__main__` smoke test turned into `build_model()`, which wires the attention layer into
a small functional model (query item, 6 history items, padding mask) the way `bst_model.py` does.
"""

SOURCE = "https://github.com/wziji/deep_ctr/blob/0fa3e043300e85be183d219bcdd16aaa3d57e06f/BST/din.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout19/_measure.py tests/heldout19/a_wziji_bst_din_attention_score_dense_made_in_call.py:
as returned: Functional, count_params() = 1593, 6 weights, unbuilt: none
after call: count_params() = 1593, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 2 variables the model does not track: ['functional_1/din_attention_layer/local_activation_unit/dense_4/kernel:0', 'functional_1/din_attention_layer/local_activation_unit/dense_4/bias:0']
params of the case's own layers: {'din_attention_layer': 1584, 'local_activation_unit': 1584}
second call: 2 variables watched that the first call did not use
Reading: dense_4 is the Dense(1) created in LocalActivationUnit.call(); a new one on every call (the second call used 2 new variables), never in model.weights, so the attention-score projection is never trained or saved. The Sequential MLP made in build() is tracked (1584 params)."""

import numpy as np
import keras
import tensorflow as tf


def din_padding_mask(seq):
    seq = tf.cast(tf.math.equal(seq, 0), tf.float32)
    return seq[:, np.newaxis, :]  # (batch_size, 1, seq_len)


class LocalActivationUnit(keras.layers.Layer):

    def __init__(self, d_model, middle_units, dropout_rate, **kwargs):
        self.d_model = d_model
        self.middle_units = middle_units
        self.dropout_rate = dropout_rate

        super(LocalActivationUnit, self).__init__(**kwargs)

    def build(self, input_shape):

        self.dnn = keras.Sequential([
            keras.layers.Dense(self.middle_units, activation='relu'),
            keras.layers.Dense(self.d_model, activation='relu')
            ])

        super(LocalActivationUnit, self).build(input_shape)

    def call(self, inputs, training=None, **kwargs):

        query, keys = inputs
        keys_len = keys.shape[1]
        queries = tf.repeat(query, keys_len, axis=1)

        att_input = tf.concat([queries, keys, queries - keys, queries * keys], axis=-1)
        att_out = self.dnn(att_input)
        attention_score = keras.layers.Dense(1)(att_out)

        return attention_score

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[1][:2]) + (1,)

    def get_config(self):
        config = {'d_model': self.d_model, 'middle_units': self.middle_units, 'dropout_rate': self.dropout_rate}
        base_config = super(LocalActivationUnit, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class DinAttentionLayer(keras.layers.Layer):
    def __init__(self, d_model, middle_units, dropout_rate, **kwargs):
        super(DinAttentionLayer, self).__init__(**kwargs)

        self.d_model = d_model
        self.middle_units = middle_units
        self.dropout_rate = dropout_rate

        self.local_activation_unit = LocalActivationUnit(d_model, middle_units, dropout_rate)

    def call(self, inputs, **kwargs):
        query, keys, values, mask = inputs

        scaled_attention_logits = self.local_activation_unit([query, keys])
        scaled_attention_logits = tf.transpose(scaled_attention_logits, perm=[0, 2, 1])

        if mask is not None:
            scaled_attention_logits += (mask * -1e9)

        attention_weights = tf.nn.softmax(scaled_attention_logits, axis=-1)
        output = tf.matmul(attention_weights, values)

        return output

    def compute_output_shape(self, input_shape):
        return (input_shape[1][0], 1, input_shape[1][2])


def build_model():
    seq_len, dim = 6, 8
    query = keras.Input((1, dim), name="target_item_emb")
    keys = keras.Input((seq_len, dim), name="history_emb")
    mask = keras.Input((1, seq_len), name="padding_mask")
    out = DinAttentionLayer(16, 32, 0.1)([query, keys, keys, mask])
    out = keras.layers.Flatten()(out)
    out = keras.layers.Dense(1, activation="sigmoid")(out)
    return keras.Model([query, keys, mask], out)
