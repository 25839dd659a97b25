"""A stock-price transformer whose `MultiAttention` layer keeps its `SingleAttention` heads in a
plain `list()` made in `__init__` and filled in `build()`, with every `Dense` / `Conv1D` /
`LayerNormalization` sublayer created in `build()` and never built there.

From cheesama/stock-transformer (`models/transformer.py`, with `models/time_embedding.py`). Looks like the
untracked-container and unbuilt-sublayer traps (heads appended to a Python list inside `build()`,
sublayers instantiated in `build()` without being built, a `TransformerEncoder` that also keeps an unused
empty `attn_heads` list), but Keras 3 tracks the list and the layers assigned in `build()`, and each
sublayer is built on its first call: every head, projection, convolution and norm is counted and gets a
gradient.

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`/`np.*`); the `input_shape=` keyword dropped
from the `Dense`/`LayerNormalization` constructors (Keras 3 warns about it on non-input layers);
d_k = d_v = 4, 2 heads, ff_dim 8, sequences of 6 steps with 5 price features (Time2Vector adds the two
time features to reach the hard-coded 7); the author's training-script model rebuilt as a small
functional model (Time2Vector, concatenation, one encoder, pooled Dense head);
`build_model()` returns it.
"""

SOURCE = "https://github.com/cheesama/stock-transformer/blob/a3bb81fdf2ccfb4e6acb7aad8c31e21043689ae5/models/transformer.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/okf_cheesama_stock_transformer_attention_heads_appended_in_build.py:
as returned: Functional, count_params() = 442, 28 weights, unbuilt: none
after call: count_params() = 442, 28 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 28 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'time2_vector': 24, 'transformer_encoder': 410, 'multi_attention': 255, 'single_attention_1': 96, 'single_attention': 96}
second call: 0 variables watched that the first call did not use
(stderr also shows TensorFlow AutoGraph notices about the author's tf.map_fn lambda; not Keras warnings.)"""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Dense, Layer, Dropout, LayerNormalization, Conv1D

SEQ_LEN = 6


class Time2Vector(Layer):
    def __init__(self, seq_len, **kwargs):
        super(Time2Vector, self).__init__(**kwargs)
        self.seq_len = seq_len

    def build(self, input_shape):
        self.weights_linear = self.add_weight(name='weights_linear', shape=(int(self.seq_len),), initializer='uniform', trainable=True)
        self.bias_linear = self.add_weight(name='bias_linear', shape=(int(self.seq_len),), initializer='uniform', trainable=True)
        self.weights_periodic = self.add_weight(name='weights_periodic', shape=(int(self.seq_len),), initializer='uniform', trainable=True)
        self.bias_periodic = self.add_weight(name='bias_periodic', shape=(int(self.seq_len),), initializer='uniform', trainable=True)

    def call(self, x):
        x = tf.math.reduce_mean(x[:,:,:4], axis=-1) # Convert (batch, seq_len, 5) to (batch, seq_len)
        time_linear = self.weights_linear * x + self.bias_linear
        time_linear = tf.expand_dims(time_linear, axis=-1) # (batch, seq_len, 1)

        time_periodic = tf.math.sin(tf.multiply(x, self.weights_periodic) + self.bias_periodic)
        time_periodic = tf.expand_dims(time_periodic, axis=-1) # (batch, seq_len, 1)

        return tf.concat([time_linear, time_periodic], axis=-1) # (batch, seq_len, 2)


class SingleAttention(Layer):
    def __init__(self, d_k, d_v):
        super(SingleAttention, self).__init__()
        self.d_k = d_k
        self.d_v = d_v

    def build(self, input_shape):
        self.query = Dense(self.d_k, kernel_initializer='glorot_uniform', bias_initializer='glorot_uniform')
        self.key = Dense(self.d_k, kernel_initializer='glorot_uniform', bias_initializer='glorot_uniform')
        self.value = Dense(self.d_v, kernel_initializer='glorot_uniform', bias_initializer='glorot_uniform')

    def call(self, inputs): # inputs = (in_seq, in_seq, in_seq)
        q = self.query(inputs[0])
        k = self.key(inputs[1])

        attn_weights = tf.matmul(q, k, transpose_b=True)
        attn_weights = tf.map_fn(lambda x: x/np.sqrt(self.d_k), attn_weights)
        attn_weights = tf.nn.softmax(attn_weights, axis=-1)

        v = self.value(inputs[2])
        attn_out = tf.matmul(attn_weights, v)
        return attn_out


class MultiAttention(Layer):
    def __init__(self, d_k, d_v, n_heads):
        super(MultiAttention, self).__init__()
        self.d_k = d_k
        self.d_v = d_v
        self.n_heads = n_heads
        self.attn_heads = list()

    def build(self, input_shape):
        for n in range(self.n_heads):
            self.attn_heads.append(SingleAttention(self.d_k, self.d_v))

        # open, close, high, low, volume, time_vector1, time_vector2
        self.linear = Dense(7, kernel_initializer='glorot_uniform', bias_initializer='glorot_uniform')

    def call(self, inputs):
        attn = [self.attn_heads[i](inputs) for i in range(self.n_heads)]
        concat_attn = tf.concat(attn, axis=-1)
        multi_linear = self.linear(concat_attn)
        return multi_linear


class TransformerEncoder(Layer):
    def __init__(self, d_k, d_v, n_heads, ff_dim, dropout=0.1, **kwargs):
        super(TransformerEncoder, self).__init__()
        self.d_k = d_k
        self.d_v = d_v
        self.n_heads = n_heads
        self.ff_dim = ff_dim
        self.attn_heads = list()
        self.dropout_rate = dropout

    def build(self, input_shape):
        self.attn_multi = MultiAttention(self.d_k, self.d_v, self.n_heads)
        self.attn_dropout = Dropout(self.dropout_rate)
        self.attn_normalize = LayerNormalization(epsilon=1e-6)

        self.ff_conv1D_1 = Conv1D(filters=self.ff_dim, kernel_size=1, activation='relu')
        self.ff_conv1D_2 = Conv1D(filters=7, kernel_size=1) # input_shape[0]=(batch, seq_len, 7), input_shape[0][-1]=7
        self.ff_dropout = Dropout(self.dropout_rate)
        self.ff_normalize = LayerNormalization(epsilon=1e-6)

    def call(self, inputs): # inputs = (in_seq, in_seq, in_seq)
        attn_layer = self.attn_multi(inputs)
        attn_layer = self.attn_dropout(attn_layer)
        attn_layer = self.attn_normalize(inputs[0] + attn_layer)

        ff_layer = self.ff_conv1D_1(attn_layer)
        ff_layer = self.ff_conv1D_2(ff_layer)
        ff_layer = self.ff_dropout(ff_layer)
        ff_layer = self.ff_normalize(inputs[0] + ff_layer)
        return ff_layer


def build_model():
    in_seq = keras.Input(shape=(SEQ_LEN, 5))
    x = Time2Vector(SEQ_LEN)(in_seq)
    x = keras.layers.Concatenate(axis=-1)([in_seq, x])
    x = TransformerEncoder(4, 4, 2, 8)((x, x, x))
    x = keras.layers.GlobalAveragePooling1D()(x)
    out = Dense(1)(x)
    return keras.Model(in_seq, out)
