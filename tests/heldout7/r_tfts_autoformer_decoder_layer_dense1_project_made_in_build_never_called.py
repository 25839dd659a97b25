"""tfts' Autoformer `DecoderLayer` creates `dense1` and `project` in `build()` but `call()` never runs them: two sublayers that stay unbuilt.

LongxingTan/Time-series-prediction (tfts) writes its Autoformer blocks as layers that create all
their sublayers in `build(input_shape)` (series decompositions, two autocorrelation blocks, two
Conv1D, Dropout, three LayerNormalization, and `self.dense1 = Dense(input_shape[-1])` plus
`self.project = Conv1D(1, ...)`) and then call `super().build()`. `call()` runs the
self-attention, cross-attention and conv feed-forward sub-layers; `dense1` and `project` are
never called and nothing builds them, so Keras 3 leaves them unbuilt (no weights, "0 (unbuilt)").
Here the FFT time-delay aggregation of `AutoCorrelation` is reduced to scaled dot-product
attention over the same wq/wk/wv/dense projections; the decoder layer is as the author wrote it.
"""

SOURCE = "https://github.com/LongxingTan/Time-series-prediction/blob/1d1324b4dfc05accc0385cc250ae3a7b2bb2669e/tfts/models/autoformer.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/r_tfts_autoformer_decoder_layer_dense1_project_made_in_build_never_called.py:
as returned: Functional, count_params() = 3857, 28 weights, unbuilt: ['Dense:dense', 'Conv1D:conv1d_1', 'SeriesDecomp:series_decomp_2', 'SeriesDecomp:series_decomp_1', 'SeriesDecomp:series_decomp']
after call: count_params() = 3857, 28 trainable weights, unbuilt: ['Dense:dense', 'Conv1D:conv1d_1', 'SeriesDecomp:series_decomp_2', 'SeriesDecomp:series_decomp_1', 'SeriesDecomp:series_decomp']; output dtypes ['float32']
gradient None for 0 of 28 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'decoder_layer': 3840, 'auto_correlation_1': 1088, 'auto_correlation': 1088, 'series_decomp_2': 'count_params() raised ValueError', 'series_decomp_1': 'count_params() raised ValueError', 'series_decomp': 'count_params() raised ValueError'}
second call: 0 variables watched that the first call did not use"""

from typing import Optional, Tuple

import tensorflow as tf
from tensorflow.keras.layers import AveragePooling1D, Conv1D, Dense, Dropout, LayerNormalization, ReLU


class MovingAvg(tf.keras.layers.Layer):
    def __init__(self, kernel_size: int, stride: int = 1):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride

    def build(self, input_shape):
        super().build(input_shape)
        self.avg = AveragePooling1D(pool_size=self.kernel_size, strides=self.stride, padding="valid")

    def call(self, inputs):
        front = tf.tile(inputs[:, :1, :], [1, (self.kernel_size - 1) // 2, 1])
        end = tf.tile(inputs[:, -1:, :], [1, (self.kernel_size - 1) // 2, 1])
        return self.avg(tf.concat([front, inputs, end], axis=1))


class SeriesDecomp(tf.keras.layers.Layer):
    def __init__(self, kernel_size: int, name=None) -> None:
        super().__init__(name=name)
        self.kernel_size = kernel_size

    def build(self, input_shape):
        super().build(input_shape)
        self.moving_avg = MovingAvg(self.kernel_size, stride=1)

    def call(self, x):
        moving_mean = self.moving_avg(x)
        return x - moving_mean, moving_mean


class AutoCorrelation(tf.keras.layers.Layer):
    def __init__(self, d_model: int, num_attention_heads: int, attention_probs_dropout_prob: float = 0.0) -> None:
        super().__init__()
        self.d_model = d_model
        self.num_attention_heads = num_attention_heads
        self.hidden_size = d_model // num_attention_heads
        self.attention_probs_dropout_prob = attention_probs_dropout_prob

    def build(self, input_shape):
        self.wq = Dense(self.d_model, name="q")
        self.wk = Dense(self.d_model, name="k")
        self.wv = Dense(self.d_model, name="v")
        self.drop = Dropout(self.attention_probs_dropout_prob)
        self.dense = Dense(self.d_model, name="project")
        super().build(input_shape)

    def call(self, q, k, v):
        q = self.drop(self.wq(q))
        k = self.drop(self.wk(k))
        v = self.drop(self.wv(v))
        scores = tf.matmul(q, k, transpose_b=True) / tf.sqrt(float(self.d_model))
        return self.dense(tf.matmul(tf.nn.softmax(scores, axis=-1), v))


class DecoderLayer(tf.keras.layers.Layer):
    """Decoder Layer for Autoformer architecture."""

    def __init__(self, kernel_size: int, d_model: int, num_attention_heads: int, drop_rate: float = 0.1, **kwargs):
        super().__init__(**kwargs)
        self.kernel_size = kernel_size
        self.d_model = d_model
        self.num_attention_heads = num_attention_heads
        self.drop_rate = drop_rate

    def build(self, input_shape: Tuple[Optional[int], ...]) -> None:
        self.series_decomp1 = SeriesDecomp(self.kernel_size)
        self.series_decomp2 = SeriesDecomp(self.kernel_size)
        self.series_decomp3 = SeriesDecomp(self.kernel_size)
        self.autocorrelation1 = AutoCorrelation(self.d_model, self.num_attention_heads)
        self.autocorrelation2 = AutoCorrelation(self.d_model, self.num_attention_heads)
        self.conv1 = Conv1D(self.d_model, kernel_size=3, strides=1, padding="same")
        self.project = Conv1D(1, kernel_size=3, strides=1, padding="same")
        self.drop = Dropout(self.drop_rate)
        self.dense1 = Dense(input_shape[-1])
        self.conv2 = Conv1D(input_shape[-1], kernel_size=3, strides=1, padding="same")
        self.activation = ReLU()
        self.norm1 = LayerNormalization()
        self.norm2 = LayerNormalization()
        self.norm3 = LayerNormalization()
        super().build(input_shape)

    def call(self, x, memory):
        residual = x
        x = self.autocorrelation1(x, x, x)
        x = self.drop(x)
        x = x + residual
        x = self.norm1(x)

        residual = x
        x = self.autocorrelation2(x, memory, memory)
        x = self.drop(x)
        x = x + residual
        x = self.norm2(x)

        residual = x
        x = self.conv1(x)
        x = self.activation(x)
        x = self.drop(x)
        x = self.conv2(x)
        x = x + residual
        x = self.norm3(x)
        return x


def build_model():
    decoder_feature = tf.keras.Input(shape=(8, 16), name="decoder_feature")
    memory = tf.keras.Input(shape=(12, 16), name="encoder_output")
    x = DecoderLayer(kernel_size=3, d_model=16, num_attention_heads=2, name="decoder_layer")(decoder_feature, memory)
    outputs = Dense(1)(x)  # project1
    return tf.keras.Model([decoder_feature, memory], outputs)
