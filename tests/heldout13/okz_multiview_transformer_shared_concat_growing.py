"""Multi-view encoder-decoder transformer: one Concatenate and one Dropout instance reused on ever wider inputs.

From the PAKDD'24 multi-view transformer for multivariate time-series classification: `MultiViewTransformer`
crops the series into views with a list of `Cropping1D` layers, runs each through a list of encoder / decoder
sub-Models (each itself a `Model` with MultiHeadAttention, BatchNormalization and two Dense layers, the second
applied `encoder_loop` times in a Python loop), flattens each view with its own Flatten, and then merges
them with ONE `self.concatenate` called n-1 times on inputs whose width grows each time, and ONE
`self.mlp_dropout` after each of three Dense layers. Shared layers called on different shapes look like
incompatible reuse, but Concatenate and Dropout carry no weights, and the reused `linear2` always sees its
own output width; every weight is tracked and gets a gradient. Hyper-parameters scaled down from
config.ini (univariate series, so the residual `src + res` broadcasts as in the paper's setting).
"""

SOURCE = "https://github.com/UMBInal/Multi-Encoder-Decoder-Transformer-Architecture-for-Time-Series-Classification/blob/main/MEDT-Transformer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py okz_multiview_transformer_shared_concat_growing.py:
as returned: MultiViewTransformer, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Cropping1D:cropping1d', 'Cropping1D:cropping1d_1', 'Cropping1D:cropping1d_2', 'Cropping1D:cropping1d_3', 'MultiViewTransformerEncoderLayer:multi_view_transformer_encoder_layer', 'BatchNormalization:batch_normalization_1', 'BatchNormalization:batch_normalization', 'Dense:dense_1', 'Dense:dense', 'MultiHeadAttention:multi_head_attention', 'MultiViewTransformerEncoderLayer:multi_view_transformer_encoder_layer_1', 'BatchNormalization:batch_normalization_3', 'BatchNormalization:batch_normalization_2', 'Dense:dense_3', 'Dense:dense_2', 'MultiHeadAttention:multi_head_attention_1', 'MultiViewTransformerDecoderLayer:multi_view_transformer_decoder_layer', 'BatchNormalization:batch_normalization_6', 'BatchNormalization:batch_normalization_5', 'BatchNormalization:batch_normalization_4', 'Dense:dense_5', 'Dense:dense_4', 'MultiHeadAttention:multi_head_attention_3', 'MultiHeadAttention:multi_head_attention_2', 'MultiViewTransformerDecoderLayer:multi_view_transformer_decoder_layer_1', 'BatchNormalization:batch_normalization_9', 'BatchNormalization:batch_normalization_8', 'BatchNormalization:batch_normalization_7', 'Dense:dense_7', 'Dense:dense_6', 'MultiHeadAttention:multi_head_attention_5', 'MultiHeadAttention:multi_head_attention_4', 'Flatten:flatten', 'Flatten:flatten_1', 'Flatten:flatten_2', 'Flatten:flatten_3', 'Concatenate:concatenate', 'Dense:dense_8', 'Dense:dense_9', 'Dense:dense_10', 'Dense:dense_11']
after call: count_params() = 14019, 92 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 92 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'multi_view_transformer_encoder_layer': 485, 'multi_view_transformer_encoder_layer_1': 485, 'multi_view_transformer_decoder_layer': 1082, 'multi_view_transformer_decoder_layer_1': 1082}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine13b/t7.py): model.fit one epoch runs without error."""

import tensorflow as tf
import keras
from tensorflow.keras import layers, Model


class MultiViewTransformerEncoderLayer(Model):
    def __init__(self, head_size, num_heads, ff_dim, dropout, l2_reg, encoder_loop):
        super(MultiViewTransformerEncoderLayer, self).__init__()
        self.self_attn = layers.MultiHeadAttention(num_heads=num_heads, key_dim=head_size, dropout=dropout)
        self.linear1 = layers.Dense(ff_dim, activation="relu", kernel_regularizer=keras.regularizers.l2(l2_reg))
        self.linear2 = layers.Dense(ff_dim, activation="relu", kernel_regularizer=keras.regularizers.l2(l2_reg))
        self.norm1 = layers.BatchNormalization(epsilon=1e-5)
        self.norm2 = layers.BatchNormalization(epsilon=1e-5)
        self.dropout1 = layers.Dropout(dropout)
        self.dropout2 = layers.Dropout(dropout)
        self.dropout3 = layers.Dropout(dropout)
        self.encoder_loop = encoder_loop

    def call(self, src):
        src2 = self.self_attn(src, src)
        src2 = self.dropout1(src2)
        res = src + src2
        res = self.norm1(res)
        # Feed-forward network
        src = self.linear1(res)
        src = self.dropout2(src)
        for i in range(self.encoder_loop):
            src = self.linear2(src)
            src = self.dropout3(src)
        src = src + res
        src = self.norm2(src)
        return src


class MultiViewTransformerDecoderLayer(Model):
    def __init__(self, head_size, num_heads, ff_dim, dropout, l2_reg, decoder_loop):
        super(MultiViewTransformerDecoderLayer, self).__init__()
        self.self_attn1 = layers.MultiHeadAttention(num_heads=num_heads, key_dim=head_size, dropout=dropout)
        self.self_attn2 = layers.MultiHeadAttention(num_heads=num_heads, key_dim=head_size, dropout=dropout)
        self.linear1 = layers.Dense(ff_dim, activation="relu", kernel_regularizer=keras.regularizers.l2(l2_reg))
        self.linear2 = layers.Dense(ff_dim, activation="relu", kernel_regularizer=keras.regularizers.l2(l2_reg))
        self.norm1 = layers.BatchNormalization(epsilon=1e-5)
        self.norm2 = layers.BatchNormalization(epsilon=1e-5)
        self.norm3 = layers.BatchNormalization(epsilon=1e-5)
        self.dropout1 = layers.Dropout(dropout)
        self.dropout2 = layers.Dropout(dropout)
        self.dropout3 = layers.Dropout(dropout)
        self.dropout4 = layers.Dropout(dropout)
        self.decoder_loop = decoder_loop

    def call(self, src, enc_outputs):
        src2 = self.self_attn1(src, src)
        src2 = self.dropout1(src2)
        res = src + src2
        res = self.norm1(res)
        src = self.self_attn2(res, enc_outputs)
        src = self.dropout2(src)
        res2 = src + res
        res2 = self.norm2(res2)
        # Feed-forward network
        src = self.linear1(res2)
        src = self.dropout3(src)
        for i in range(self.decoder_loop):
            src = self.linear2(src)
            src = self.dropout4(src)
        src = src + res2
        src = self.norm3(src)
        return src


class MultiViewTransformer(Model):
    def __init__(self, head_size, num_heads, ff_dim, num_transformer_blocks, mlp_units, dropout, mlp_dropout, l2_reg,
                 encoder_loop, decoder_loop, index_ranges, n_encoder, n_decoder, num_classes):
        super(MultiViewTransformer, self).__init__()
        self.num_transformer_blocks = num_transformer_blocks
        self.n_encoder = n_encoder
        self.n_decoder = n_decoder
        self.num_classes = num_classes

        self.cropping = [tf.keras.layers.Cropping1D(cropping=index_ranges[i])
                         for i in range(self.n_encoder + self.n_decoder)]
        self.encoder = [MultiViewTransformerEncoderLayer(head_size, num_heads, ff_dim, dropout, l2_reg, encoder_loop)
                        for _ in range(n_encoder)]
        self.decoder = [MultiViewTransformerDecoderLayer(head_size, num_heads, ff_dim, dropout, l2_reg, decoder_loop)
                        for _ in range(n_decoder)]
        self.flatten = [keras.layers.Flatten() for _ in range(self.n_encoder + self.n_decoder)]

        self.concatenate = keras.layers.Concatenate()
        self.mlp_dropout = keras.layers.Dropout(mlp_dropout)
        self.mlp = [keras.layers.Dense(mlp_units, activation="relu") for _ in range(3)]
        self.softmax = keras.layers.Dense(self.num_classes, activation="softmax")

    # Build the model
    def call(self, src):
        inputs = []
        for i in range(self.n_encoder):
            inputs.append(f'x{i+1}')
        for i in range(self.n_decoder):
            inputs.append(f'dec{i+1}')

        dic = {}
        for i, layer in enumerate(self.cropping):
            dic[inputs[i]] = layer(src)
        for i, layer in enumerate(self.encoder):
            dic[inputs[i]] = layer(dic[inputs[i]])
        for i, layer in enumerate(self.decoder):
            dic[inputs[i + self.n_encoder]] = layer(dic[inputs[i + self.n_encoder]], dic[inputs[i]])
        for i, layer in enumerate(self.flatten):
            dic[inputs[i]] = layer(dic[inputs[i]])

        src = dic[inputs[0]]
        for i in range(1, self.n_encoder + self.n_decoder):
            src = self.concatenate([src, dic[inputs[i]]])

        for layer in self.mlp:
            src = self.mlp_dropout(layer(src))

        # softmax layer at the end for classification
        output = self.softmax(src)
        return output


def build_model(timesteps=40, n_features=1):
    import numpy as np

    # four views of 10 steps each (the training script derives index_ranges from `resolution`)
    index_ranges = [(0, 30), (10, 20), (20, 10), (30, 0)]
    model = MultiViewTransformer(head_size=8, num_heads=2, ff_dim=16, num_transformer_blocks=4, mlp_units=16,
                                 dropout=0.33, mlp_dropout=0.33, l2_reg=0.01, encoder_loop=3, decoder_loop=3,
                                 index_ranges=index_ranges, n_encoder=2, n_decoder=2, num_classes=5)
    x = np.random.default_rng(0).random((2, timesteps, n_features)).astype("float32")
    return model, x
