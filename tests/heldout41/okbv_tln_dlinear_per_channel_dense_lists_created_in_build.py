"""TLN's Keras 3 `DLinear` creates its seasonal and trend projections in `build()`, as two Python lists of one `Dense`
per channel when `individual=True`, and its moving-average pooling is also made in a `build()`: looks like state
made outside `__init__` and kept in plain lists, but on Keras 3 every per-channel Dense is tracked, built on the first
call, counted and trained.

From remigenet/TLN (Temporal Linear Network for time-series forecasting, Keras 3 and backend-agnostic),
`tln/linears.py`, a port of the LTSF-Linear baselines ("Are Transformers Effective for Time Series Forecasting?").
`DLinear.__init__` stores settings and `self.decomposition = SeriesDecomp(5)` (whose `MovingAvg` creates its
`AveragePooling1D` in `build()`); `DLinear.build(input_shape)` reads `seq_len` and `channels` and sets
`self.linear_seasonal = [Dense(self.pred_len) for _ in range(self.channels)]` and the same for `self.linear_trend`
(or a single Dense each when `individual=False`), then calls `super().build(input_shape)`; `call()` decomposes the
series, transposes to (batch, channel, time) and applies the i-th Dense to channel i. The Dense layers are created
once, in `build()`, under the `individual` switch, and are only built (given weights) inside the first `call()`.

Porting edits: none. build_model() follows the repository README's example, `keras.Sequential([Input(shape),
DLinear(pred_len=...), Dense(1), Flatten()])`, with `individual=True` (the README shows `False`; True is the case that
looks suspicious) on series of 24 steps and 3 channels, predicting 6 steps.
"""

SOURCE = "https://github.com/remigenet/TLN/blob/2e03cac6217986c255a811452e67221c07931479/tln/linears.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bv/okbv_tln_dlinear_per_channel_dense_lists_created_in_build.py:
as returned: Sequential, count_params() = 904, 14 weights, unbuilt: none
after call: count_params() = 904, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'d_linear': 900, 'series_decomp': 0, 'moving_avg': 0}
second call: 0 variables watched that the first call did not use
probe (probe_ok.py dlinear): the six per-channel Dense layers made in build() have kernels (24, 6) each (DLinear 900
params, all trainable, built already when the Sequential is assembled on its Input); after save_weights/load_weights
into a freshly built model "same outputs: True max abs diff 0.0". No warning printed."""

import keras
from keras.layers import Layer, Dense, AveragePooling1D


class MovingAvg(Layer):
    def __init__(self, kernel_size, stride=1, **kwargs):
        super(MovingAvg, self).__init__(**kwargs)
        self.kernel_size = kernel_size
        self.stride = stride

    def build(self, input_shape):
        self.avg = AveragePooling1D(pool_size=self.kernel_size, strides=self.stride, padding='valid')

    def call(self, x):
        front = keras.ops.repeat(x[:, 0:1, :], (self.kernel_size - 1) // 2, axis=1)
        end = keras.ops.repeat(x[:, -1:, :], (self.kernel_size - 1) // 2, axis=1)
        x = keras.ops.concatenate([front, x, end], axis=1)
        return self.avg(x)


class SeriesDecomp(Layer):
    def __init__(self, kernel_size, **kwargs):
        super(SeriesDecomp, self).__init__(**kwargs)
        self.moving_avg = MovingAvg(kernel_size, stride=1)

    def call(self, x):
        moving_mean = self.moving_avg(x)
        res = x - moving_mean
        return res, moving_mean


class DLinear(Layer):
    def __init__(self, pred_len, individual=False, **kwargs):
        super().__init__(**kwargs)
        self.pred_len = pred_len
        self.individual = individual
        self.kernel_size = 5
        self.decomposition = SeriesDecomp(self.kernel_size)

    def build(self, input_shape):
        self.seq_len = input_shape[1]
        self.channels = input_shape[2]

        if self.individual:
            self.linear_seasonal = [Dense(self.pred_len) for _ in range(self.channels)]
            self.linear_trend = [Dense(self.pred_len) for _ in range(self.channels)]
        else:
            self.linear_seasonal = Dense(self.pred_len)
            self.linear_trend = Dense(self.pred_len)

        super().build(input_shape)

    def call(self, x):
        seasonal_init, trend_init = self.decomposition(x)
        seasonal_init = keras.ops.transpose(seasonal_init, (0, 2, 1))
        trend_init = keras.ops.transpose(trend_init, (0, 2, 1))
        if self.individual:
            seasonal_output = keras.ops.stack([self.linear_seasonal[i](seasonal_init[:, i, :])
                                               for i in range(self.channels)], axis=1)
            trend_output = keras.ops.stack([self.linear_trend[i](trend_init[:, i, :])
                                            for i in range(self.channels)], axis=1)
        else:
            seasonal_output = self.linear_seasonal(seasonal_init)
            trend_output = self.linear_trend(trend_init)

        return keras.ops.transpose(seasonal_output + trend_output, (0, 2, 1))


def build_model():
    return keras.Sequential([
        keras.layers.Input(shape=(24, 3)),
        DLinear(pred_len=6, individual=True),
        keras.layers.Dense(1),  # For multivariate to univariate predictions
        keras.layers.Flatten()
    ])
