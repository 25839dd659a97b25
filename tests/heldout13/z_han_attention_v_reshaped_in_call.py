"""Hierarchical-attention layer reshapes its own context vector in call(): `self.V = K.reshape(self.V, (-1, 1))`.

From a blog-series repository (NER with Att-CNN-BiLSTM-CRF): `AttentionLayer.build()` creates W, b and the
context vector V with `add_weight`, and `call()` starts with `self.V = K.reshape(self.V, (-1, 1))` so that
`K.dot(H, self.V)` gets a column. The attribute that held the variable now holds a tensor derived from it;
every later call (and the traced training step) reads that stale tensor, so V never receives a gradient.
Ported to tf.keras (keras.engine.topology no longer exists), otherwise as written.
"""

SOURCE = "https://github.com/eastmountyxz/AI-for-TensorFlow/blob/master/blog45-NER-Att-CNN-BiLSTM-CRF/attention.py"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py z_han_attention_v_reshaped_in_call.py:
as returned: Functional, count_params() = 7359, 12 weights, unbuilt: none
after call: count_params() = 7359, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention_layer': 1300}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine13b/t2.py): _measure.py's tape covers the FIRST eager call, which still reads the variable.
After that call `layer.V` is an EagerTensor (was Variable (50,)); on the next call the gradient of
attention_layer/att_var is None (att_weight, att_bias get gradients); att_var.assign(att_var + 5) leaves the
output unchanged (stale); model.fit warns "Gradients do not exist for variables ['attention_layer/att_var']"
and does not change it."""

import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer


class AttentionLayer(Layer):
    def __init__(self, attention_size=None, **kwargs):
        self.attention_size = attention_size
        super(AttentionLayer, self).__init__(**kwargs)

    def get_config(self):
        config = super().get_config()
        config["attention_size"] = self.attention_size
        return config

    def build(self, input_shape):
        assert len(input_shape) == 3

        self.time_steps = input_shape[1]
        hidden_size = input_shape[2]
        if self.attention_size is None:
            self.attention_size = hidden_size

        self.W = self.add_weight(name="att_weight", shape=(hidden_size, self.attention_size),
                                 initializer="uniform", trainable=True)
        self.b = self.add_weight(name="att_bias", shape=(self.attention_size,),
                                 initializer="uniform", trainable=True)
        self.V = self.add_weight(name="att_var", shape=(self.attention_size,),
                                 initializer="uniform", trainable=True)
        super(AttentionLayer, self).build(input_shape)

    def call(self, inputs):
        self.V = tf.reshape(self.V, (-1, 1))
        H = tf.tanh(tf.tensordot(inputs, self.W, axes=1) + self.b)
        score = tf.nn.softmax(tf.tensordot(H, self.V, axes=1), axis=1)
        outputs = tf.reduce_sum(score * inputs, axis=1)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape[0], input_shape[2]


def build_model(max_len=20, vocab=200, emb=16, hidden=12):
    inputs = tf.keras.Input(shape=(max_len,), dtype="int32")
    x = tf.keras.layers.Embedding(vocab, emb)(inputs)
    layer = tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(hidden, return_sequences=True))(x)
    att = AttentionLayer(attention_size=50)(layer)
    outputs = tf.keras.layers.Dense(3, activation="softmax")(att)
    return tf.keras.Model(inputs, outputs)
