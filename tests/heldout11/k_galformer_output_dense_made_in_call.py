"""Galformer (stock-price transformer): the final Dense that maps decoder steps to the horizon is created inside call().

The model's `Transformer.call()` runs encoder, decoder and a `linear_map` Sequential, then transposes
and applies `Dense(G.tgt_len)(final_output)`, a layer constructed on the spot in every forward pass.
Its kernel is not an attribute of the model: it is not counted, not saved, not in
`trainable_weights`, and every call draws a new random projection (predictions are not
reproducible and the last layer never learns). The issue shows the Keras 3 warnings the user got
("`build()` was called on layer 'transformer' ... unbuilt state") and a crash on the positional
`training` argument; the port passes `training=` by keyword so the model runs.
"""

SOURCE = "https://github.com/AnswerXuan/Galformer-Improved-Transformer-for-Time-Series-Prediction/issues/1"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py k_galformer_output_dense_made_in_call.py:
as returned: Transformer, count_params() = 5345, 80 weights, unbuilt: none
after call: count_params() = 5345, 60 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 60 trainable weights: []
tape watched 2 variables the model does not track: ['transformer/dense_10/kernel:0', 'transformer/dense_10/bias:0']
params of the case's own layers: {'encoder': 1920, 'encoder_layer': 1888, 'decoder': 3072, 'decoder_layer': 3040}
second call: 2 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import BatchNormalization, Dense, Dropout, MultiHeadAttention


class G:
    # preprocess
    batch_size = 4
    src_len = 8
    dec_len = 4
    tgt_len = 2
    window_size = src_len
    mulpr_len = tgt_len
    # network
    d_model = 16
    dense_dim = 16
    num_features = 1
    num_heads = 2
    d_k = 8
    num_layers = 1
    dropout_rate = 0.1
    learning_rate = 1e-3


def get_angles(pos, k, d):
    i = k // 2
    angles = pos / np.power(10000, 2 * i / d)
    return angles


def positional_encoding(positions, d):
    angle_rads = get_angles(np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :], d)
    angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])
    angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])
    pos_encoding = angle_rads[np.newaxis, ...]
    return tf.cast(pos_encoding, dtype=tf.float32)


def create_look_ahead_mask(sequence_length, key_length):
    mask = tf.linalg.band_part(tf.ones((sequence_length, key_length)), -1, 0)
    return mask


def FullyConnected():
    return tf.keras.Sequential([
        tf.keras.layers.Dense(G.dense_dim, activation="relu",
                              kernel_initializer=tf.keras.initializers.HeNormal(),
                              bias_initializer=tf.keras.initializers.RandomUniform(minval=0.005, maxval=0.08)),
        tf.keras.layers.BatchNormalization(momentum=0.98, epsilon=5e-4),
        tf.keras.layers.Dense(G.d_model,
                              kernel_initializer=tf.keras.initializers.HeNormal(),
                              bias_initializer=tf.keras.initializers.RandomUniform(minval=0.001, maxval=0.01)),
        tf.keras.layers.BatchNormalization(momentum=0.95, epsilon=5e-4),
    ])


class EncoderLayer(tf.keras.layers.Layer):
    """Multi-head self-attention + position-wise FFN, residuals followed by batch normalization."""

    def __init__(self, num_heads, d_k, dropout_rate, batchnorm_eps):
        super(EncoderLayer, self).__init__()
        self.mha = MultiHeadAttention(
            num_heads=num_heads, key_dim=d_k, dropout=dropout_rate,
            kernel_initializer=tf.keras.initializers.HeNormal(),
            kernel_regularizer=tf.keras.regularizers.L2(1e-4),
            bias_initializer=tf.keras.initializers.RandomUniform(minval=0.001, maxval=0.01))
        self.ffn = FullyConnected()
        self.batchnorm1 = BatchNormalization(momentum=0.95, epsilon=batchnorm_eps)
        self.batchnorm2 = BatchNormalization(momentum=0.95, epsilon=batchnorm_eps)
        self.dropout_ffn = Dropout(dropout_rate)

    def call(self, x, training):
        attn_output = self.mha(query=x, value=x)
        out1 = self.batchnorm1(tf.add(x, attn_output))
        ffn_output = self.ffn(out1)
        ffn_output = self.dropout_ffn(ffn_output)
        encoder_layer_out = self.batchnorm2(tf.add(ffn_output, out1))
        return encoder_layer_out


class Encoder(tf.keras.layers.Layer):

    def __init__(self, num_layers=G.num_layers, num_heads=G.num_heads, num_features=G.num_features,
                 d_model=G.d_model, d_k=G.d_k, dense_dim=G.dense_dim,
                 maximum_position_encoding=G.src_len, dropout_rate=G.dropout_rate, batchnorm_eps=1e-4):
        super(Encoder, self).__init__()
        self.num_layers = num_layers
        self.lin_input = tf.keras.layers.Dense(d_model, activation="relu")
        self.pos_encoding = positional_encoding(maximum_position_encoding, d_model)
        self.enc_layers = [EncoderLayer(num_heads=num_heads, d_k=d_k, dropout_rate=dropout_rate,
                                        batchnorm_eps=batchnorm_eps)
                           for _ in range(self.num_layers)]

    def call(self, x, training):
        x = self.lin_input(x)
        seq_len = tf.shape(x)[1]
        x += self.pos_encoding[:, :seq_len, :]
        for i in range(self.num_layers):
            x = self.enc_layers[i](x, training=training)
        return x


class DecoderLayer(tf.keras.layers.Layer):

    def __init__(self, num_heads, d_k, dropout_rate, batchnorm_eps):
        super(DecoderLayer, self).__init__()
        self.mha1 = MultiHeadAttention(num_heads=num_heads, key_dim=d_k, dropout=dropout_rate,
                                       kernel_initializer=tf.keras.initializers.HeNormal())
        self.mha2 = MultiHeadAttention(num_heads=num_heads, key_dim=d_k, dropout=dropout_rate,
                                       kernel_initializer=tf.keras.initializers.HeNormal())
        self.ffn = FullyConnected()
        self.batchnorm1 = BatchNormalization(momentum=0.95, epsilon=batchnorm_eps)
        self.batchnorm2 = BatchNormalization(momentum=0.95, epsilon=batchnorm_eps)
        self.batchnorm3 = BatchNormalization(momentum=0.95, epsilon=batchnorm_eps)
        self.dropout_ffn = Dropout(dropout_rate)

    def call(self, y, enc_output, dec_ahead_mask, enc_memory_mask, training):
        mult_attn_out1 = self.mha1(query=y, value=y, attention_mask=dec_ahead_mask,
                                   return_attention_scores=False)
        Q1 = self.batchnorm1(tf.add(y, mult_attn_out1))
        mult_attn_out2 = self.mha2(query=Q1, value=enc_output, key=enc_output,
                                   attention_mask=enc_memory_mask, return_attention_scores=False)
        mult_attn_out2 = self.batchnorm2(tf.add(mult_attn_out1, mult_attn_out2))
        ffn_output = self.ffn(mult_attn_out2)
        ffn_output = self.dropout_ffn(ffn_output)
        out3 = self.batchnorm3(tf.add(ffn_output, mult_attn_out2))
        return out3


class Decoder(tf.keras.layers.Layer):

    def __init__(self, num_layers=G.num_layers, num_heads=G.num_heads, d_model=G.d_model, d_k=G.d_k,
                 maximum_position_encoding=G.dec_len, dropout_rate=G.dropout_rate, batchnorm_eps=1e-5):
        super(Decoder, self).__init__()
        self.num_layers = num_layers
        self.pos_encoding = positional_encoding(maximum_position_encoding, d_model)
        self.lin_input = tf.keras.layers.Dense(d_model, activation="relu")
        self.dec_layers = [DecoderLayer(num_heads=num_heads, d_k=d_k, dropout_rate=dropout_rate,
                                        batchnorm_eps=batchnorm_eps)
                           for _ in range(self.num_layers)]
        # look_ahead_masks for decoder:
        self.dec_ahead_mask = create_look_ahead_mask(G.dec_len, G.dec_len)
        self.enc_memory_mask = create_look_ahead_mask(G.dec_len, G.src_len)

    def call(self, y, enc_output, training):
        y = self.lin_input(y)
        dec_len = tf.shape(y)[1]
        y += self.pos_encoding[:, :dec_len, :]
        for i in range(self.num_layers):
            y = self.dec_layers[i](y, enc_output, self.dec_ahead_mask, self.enc_memory_mask,
                                   training=training)
        return y


class Transformer(tf.keras.Model):
    """Complete transformer with an Encoder and a Decoder."""

    def __init__(self, num_layers=G.num_layers, num_heads=G.num_heads, dense_dim=G.dense_dim,
                 src_len=G.src_len, dec_len=G.dec_len, tgt_len=G.tgt_len):
        super(Transformer, self).__init__()
        self.tgt_len = tgt_len
        self.dec_len = dec_len
        self.src_len = src_len
        self.encoder = Encoder()
        self.decoder = Decoder()
        self.linear_map = tf.keras.Sequential([
            tf.keras.layers.Dense(dense_dim, activation="relu",
                                  kernel_initializer=tf.keras.initializers.HeNormal(),
                                  bias_initializer=tf.keras.initializers.RandomUniform(minval=0.001, maxval=0.02)),
            tf.keras.layers.BatchNormalization(momentum=0.97, epsilon=5e-4),
            tf.keras.layers.Dense(1),
        ])

    def call(self, x, training):
        enc_input = x[:, :self.src_len, :]
        dec_input = x[:, -self.dec_len:, ]
        enc_output = self.encoder(enc_input, training=training)
        dec_output = self.decoder(dec_input, enc_output, training=training)
        final_output = self.linear_map(dec_output)  # (batch, dec_len, 1)
        final_output = tf.transpose(final_output, perm=[0, 2, 1])
        final_output = Dense(G.tgt_len)(final_output)
        final_output = tf.transpose(final_output, perm=[0, 2, 1])
        return final_output


def build_model():
    model = Transformer()
    x = np.random.default_rng(0).random((G.batch_size, G.src_len, G.num_features)).astype("float32")
    model(x, training=False)
    return model, x
