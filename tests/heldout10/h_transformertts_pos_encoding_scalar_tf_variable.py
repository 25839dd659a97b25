"""TransformerTTS encoder: the learned positional-encoding scale is a bare tf.Variable, invisible to Keras 3.

as-ideas/TransformerTTS (speech synthesis, "Transformer TTS" / FastSpeech-style forward model)
builds its encoder and decoder stacks from `SelfAttentionBlocks`, a tf.keras Layer that holds its
sub-blocks in Python lists and, in __init__, a learned scalar that weights the sinusoidal
positional encoding: `self.pos_encoding_scalar = tf.Variable(1.)`. The sinusoidal table itself is
a constant `tf.cast(...)` tensor (correct: it is not meant to be trained). Under tf.keras 2 the
tf.Variable was auto-tracked as a trainable weight; on Keras 3 a backend-native tf.Variable on a
Layer is not tracked: it is not in `trainable_weights`, not counted, not saved, so the optimizer
never updates the scale (it is read in call(), so the tape still watches it) while every Dense,
Conv1D and LayerNormalization in the lists is tracked normally.
"""

SOURCE = "https://github.com/as-ideas/TransformerTTS/blob/363805548abdd93b33508da2c027ae514bfc1a07/model/layers.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py h_transformertts_pos_encoding_scalar_tf_variable.py:
warning (x many): Layer 'Encoder_SADB_0' (of type SelfAttentionDenseBlock) was passed an input with a mask attached to it. However, this layer does not support masking ... (the author's `mask=` call argument; unrelated)
as returned: ForwardEncoder, count_params() = 28672, 35 weights, unbuilt: none
after call: count_params() = 28672, 35 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 35 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'Encoder': 27392, 'Encoder_SACB_0': 17760, 'cnn_res_norm': 12448, 'self_attention_res_norm_1': 5312, 'multi_head_attention_1': 5248, 'scaled_dot_product_attention_1': 0, 'Encoder_SADB_0': 9568, 'ffn_res_norm': 4256, 'self_attention_res_norm': 5312, 'multi_head_attention': 5248, 'scaled_dot_product_attention': 0}
second call: 0 variables watched that the first call did not use
own script (/tmp/mine10c/tts_check.py): pos_encoding_scalar in model.weights -> False; after one model.fit step (SGD lr 0.5, mse) the scalar is still 1.0."""

import numpy as np
import tensorflow as tf


# ---------------------------------------------------------------- model/transformer_utils.py
def get_angles(pos, i, model_dim):
    angle_rates = 1 / np.power(10000, (2 * (i // 2)) / np.float32(model_dim))
    return pos * angle_rates


def positional_encoding(position, model_dim):
    angle_rads = get_angles(np.arange(position)[:, np.newaxis], np.arange(model_dim)[np.newaxis, :], model_dim)
    angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])
    angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])
    pos_encoding = angle_rads[np.newaxis, ...]
    return tf.cast(pos_encoding, dtype=tf.float32)


def create_encoder_padding_mask(seq):
    seq = tf.cast(tf.math.equal(seq, 0), tf.float32)
    return seq[:, tf.newaxis, tf.newaxis, :]  # (batch_size, 1, 1, seq_len)


# ---------------------------------------------------------------- model/layers.py
class CNNResNorm(tf.keras.layers.Layer):
    """Module used in attention blocks, after MHA."""

    def __init__(self, filters: list, kernel_size: int, inner_activation: str, padding: str, dout_rate: float):
        super(CNNResNorm, self).__init__()
        self.n_layers = len(filters)
        self.convolutions = [tf.keras.layers.Conv1D(filters=f, kernel_size=kernel_size, padding=padding)
                             for f in filters[:-1]]
        self.inner_activations = [tf.keras.layers.Activation(inner_activation) for _ in range(self.n_layers - 1)]
        self.last_conv = tf.keras.layers.Conv1D(filters=filters[-1], kernel_size=kernel_size, padding=padding)
        self.normalization = tf.keras.layers.LayerNormalization(epsilon=1e-6)
        self.dropout = tf.keras.layers.Dropout(rate=dout_rate)

    def call_convs(self, x):
        for i in range(0, self.n_layers - 1):
            x = self.convolutions[i](x)
            x = self.inner_activations[i](x)
        return x

    def call(self, inputs, training=None):
        x = self.call_convs(inputs)
        x = self.last_conv(x)
        x = self.dropout(x, training=training)
        return self.normalization(inputs + x)


class FFNResNorm(tf.keras.layers.Layer):
    def __init__(self, model_dim: int, dense_hidden_units: int, dropout_rate: float, **kwargs):
        super(FFNResNorm, self).__init__(**kwargs)
        self.d1 = tf.keras.layers.Dense(dense_hidden_units, 'relu')
        self.d2 = tf.keras.layers.Dense(model_dim)
        self.dropout = tf.keras.layers.Dropout(dropout_rate)
        self.last_ln = tf.keras.layers.LayerNormalization(epsilon=1e-6)

    def call(self, x, training=None):
        ffn_out = self.d1(x)
        ffn_out = self.d2(ffn_out)
        ffn_out = self.dropout(ffn_out, training=training)
        return self.last_ln(ffn_out + x)


class ScaledDotProductAttention(tf.keras.layers.Layer):
    def __init__(self, dropout: float):
        super(ScaledDotProductAttention, self).__init__()
        self.dropout = tf.keras.layers.Dropout(rate=dropout)

    def call(self, inputs, training=False):
        q, k, v, mask = inputs
        matmul_qk = tf.matmul(q, k, transpose_b=True)
        dk = tf.cast(tf.shape(k)[-1], tf.float32)
        scaled_attention_logits = matmul_qk / tf.math.sqrt(dk)
        if mask is not None:
            scaled_attention_logits += mask * -1e9
        attention_weights = tf.nn.softmax(scaled_attention_logits, axis=-1)
        attention_weights = self.dropout(attention_weights, training=training)
        output = tf.matmul(attention_weights, v)
        return output, attention_weights


class MultiHeadAttention(tf.keras.layers.Layer):
    def __init__(self, model_dim: int, num_heads: int, dropout: float, **kwargs):
        super(MultiHeadAttention, self).__init__(**kwargs)
        self.num_heads = num_heads
        self.model_dim = model_dim
        assert model_dim % self.num_heads == 0
        self.depth = model_dim // self.num_heads
        self.wq = tf.keras.layers.Dense(model_dim)
        self.wk = tf.keras.layers.Dense(model_dim)
        self.wv = tf.keras.layers.Dense(model_dim)
        self.attention = ScaledDotProductAttention(dropout=dropout)
        self.dense = tf.keras.layers.Dense(model_dim)
        self.dropout = tf.keras.layers.Dropout(dropout)

    def split_heads(self, x, batch_size):
        x = tf.reshape(x, (batch_size, -1, self.num_heads, self.depth))
        return tf.transpose(x, perm=[0, 2, 1, 3])

    def call(self, v, k, q_in, mask, training=None):
        batch_size = tf.shape(q_in)[0]
        q = self.split_heads(self.wq(q_in), batch_size)
        k = self.split_heads(self.wk(k), batch_size)
        v = self.split_heads(self.wv(v), batch_size)
        scaled_attention, attention_weights = self.attention([q, k, v, mask], training=training)
        scaled_attention = tf.transpose(scaled_attention, perm=[0, 2, 1, 3])
        concat_attention = tf.reshape(scaled_attention, (batch_size, -1, self.model_dim))
        concat_query = tf.concat([q_in, concat_attention], axis=-1)
        output = self.dense(concat_query)
        output = self.dropout(output, training=training)
        return output, attention_weights


class SelfAttentionResNorm(tf.keras.layers.Layer):
    def __init__(self, model_dim: int, num_heads: int, dropout_rate: float, **kwargs):
        super(SelfAttentionResNorm, self).__init__(**kwargs)
        self.mha = MultiHeadAttention(model_dim, num_heads, dropout=dropout_rate)
        self.last_ln = tf.keras.layers.LayerNormalization(epsilon=1e-6)

    def call(self, x, training=None, mask=None):
        attn_out, attn_weights = self.mha(x, x, x, mask, training=training)
        return self.last_ln(attn_out + x), attn_weights


class SelfAttentionDenseBlock(tf.keras.layers.Layer):
    def __init__(self, model_dim: int, num_heads: int, dense_hidden_units: int, dropout_rate: float, **kwargs):
        super(SelfAttentionDenseBlock, self).__init__(**kwargs)
        self.sarn = SelfAttentionResNorm(model_dim, num_heads, dropout_rate=dropout_rate)
        self.ffn = FFNResNorm(model_dim, dense_hidden_units, dropout_rate=dropout_rate)

    def call(self, x, training=None, mask=None):
        attn_out, attn_weights = self.sarn(x, mask=mask, training=training)
        dense_mask = 1. - tf.squeeze(mask, axis=(1, 2))[:, :, None]
        attn_out = attn_out * dense_mask
        return self.ffn(attn_out, training=training) * dense_mask, attn_weights


class SelfAttentionConvBlock(tf.keras.layers.Layer):
    def __init__(self, model_dim: int, num_heads: int, dropout_rate: float, conv_filters: list,
                 kernel_size: int, conv_activation: str, **kwargs):
        super(SelfAttentionConvBlock, self).__init__(**kwargs)
        self.sarn = SelfAttentionResNorm(model_dim, num_heads, dropout_rate=dropout_rate)
        self.conv = CNNResNorm(filters=conv_filters, kernel_size=kernel_size, inner_activation=conv_activation,
                               dout_rate=dropout_rate, padding='same')

    def call(self, x, training=None, mask=None):
        attn_out, attn_weights = self.sarn(x, mask=mask, training=training)
        conv_mask = 1. - tf.squeeze(mask, axis=(1, 2))[:, :, None]
        attn_out = attn_out * conv_mask
        conv = self.conv(attn_out, training=training)
        return conv * conv_mask, attn_weights


class SelfAttentionBlocks(tf.keras.layers.Layer):
    def __init__(self, model_dim: int, feed_forward_dimension: int, num_heads: list,
                 maximum_position_encoding: int, conv_filters: list, dropout_rate: float,
                 dense_blocks: int, kernel_size: int, conv_activation: str, **kwargs):
        super(SelfAttentionBlocks, self).__init__(**kwargs)
        self.model_dim = model_dim
        self.pos_encoding_scalar = tf.Variable(1.)
        self.pos_encoding = positional_encoding(maximum_position_encoding, model_dim)
        self.dropout = tf.keras.layers.Dropout(dropout_rate)
        self.encoder_SADB = [
            SelfAttentionDenseBlock(model_dim=model_dim, dropout_rate=dropout_rate, num_heads=n_heads,
                                    dense_hidden_units=feed_forward_dimension, name=f'{self.name}_SADB_{i}')
            for i, n_heads in enumerate(num_heads[:dense_blocks])]
        self.encoder_SACB = [
            SelfAttentionConvBlock(model_dim=model_dim, dropout_rate=dropout_rate, num_heads=n_heads,
                                   name=f'{self.name}_SACB_{i}', kernel_size=kernel_size,
                                   conv_activation=conv_activation, conv_filters=conv_filters)
            for i, n_heads in enumerate(num_heads[dense_blocks:])]
        self.layernorm = tf.keras.layers.LayerNormalization(epsilon=1e-6)

    def call(self, inputs, training=None, padding_mask=None, reduction_factor=1):
        seq_len = tf.shape(inputs)[1]
        x = self.layernorm(inputs)
        x += self.pos_encoding_scalar * self.pos_encoding[:, :seq_len * reduction_factor:reduction_factor, :]
        x = self.dropout(x, training=training)
        attention_weights = {}
        for i, block in enumerate(self.encoder_SADB):
            x, attn_weights = block(x, training=training, mask=padding_mask)
            attention_weights[f'{self.name}_DenseBlock{i + 1}_SelfAttention'] = attn_weights
        for i, block in enumerate(self.encoder_SACB):
            x, attn_weights = block(x, training=training, mask=padding_mask)
            attention_weights[f'{self.name}_ConvBlock{i + 1}_SelfAttention'] = attn_weights
        return x, attention_weights


# ---------------------------------------------------------------- model/models.py (encoder half, trimmed)
class ForwardEncoder(tf.keras.models.Model):
    def __init__(self, encoder_model_dimension=32, encoder_num_heads=(2, 2), encoder_dense_blocks=1,
                 encoder_maximum_position_encoding=100, encoder_prenet_dimension=32,
                 encoder_feed_forward_dimension=64, encoder_attention_conv_filters=(64, 32),
                 encoder_attention_conv_kernel=3, dropout_rate=0.1, vocab_size=40, **kwargs):
        super(ForwardEncoder, self).__init__(**kwargs)
        self.encoder_prenet = tf.keras.layers.Embedding(vocab_size, encoder_prenet_dimension,
                                                        name='Embedding')
        self.encoder = SelfAttentionBlocks(model_dim=encoder_model_dimension,
                                           dropout_rate=dropout_rate,
                                           num_heads=list(encoder_num_heads),
                                           feed_forward_dimension=encoder_feed_forward_dimension,
                                           maximum_position_encoding=encoder_maximum_position_encoding,
                                           dense_blocks=encoder_dense_blocks,
                                           conv_filters=list(encoder_attention_conv_filters),
                                           kernel_size=encoder_attention_conv_kernel,
                                           conv_activation='relu',
                                           name='Encoder')

    def call(self, inputs, training=None):
        padding_mask = create_encoder_padding_mask(inputs)
        x = self.encoder_prenet(inputs)
        x, _ = self.encoder(x, training=training, padding_mask=padding_mask)
        return x


def build_model():
    model = ForwardEncoder()
    phonemes = np.array([[5, 7, 9, 3, 2, 0, 0, 0], [4, 4, 8, 1, 6, 2, 3, 0]], dtype="int32")
    model(phonemes)
    return model, phonemes
