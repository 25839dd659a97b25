"""An exponential-smoothing layer (ES-RNN tutorial) slices its seasonality weight into a queue in `build()`.

The KDD'19 forecasting tutorial's `ES` layer adds `alpha`, `gamma`, `init_seasonality` (m values) and
`init_level` with `add_weight`, then, still in `build`, turns `init_seasonality` into a list of
one-element slices kept in a `deque`; `call` pops and pushes that queue while smoothing the series.
Ported to TF 2, training warned "Gradients do not exist for variables". The slices are tensors computed
once from the initial values, so the seasonality weight never reaches the loss. (Here the queue is
refilled from those slices at the start of each call; the tutorial kept mutating one queue across
calls, which on Keras 3 also leaks the symbolic tensors of the functional trace into the next call.)
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/42542"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py b_frozen_es_rnn_seasonality_slices_in_build.py:
as returned: Functional, count_params() = 139, 9 weights, unbuilt: none
after call: count_params() = 139, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 9 trainable weights: ['es/init_seasonality']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'es': 7, 'denormalization': 0}
second call: 0 variables watched that the first call did not use"""

from collections import deque

import keras
from keras import ops

HORIZON, SEASON, STEPS = 2, 4, 6


class ES(keras.layers.Layer):
    """Exponential smoothing + normalisation, per series (one series per row)."""

    def __init__(self, horizon, m, **kwargs):
        super().__init__(**kwargs)
        self.horizon = horizon
        self.m = m

    def build(self, input_shape):
        self.alpha = self.add_weight(name="alpha", shape=(1,), initializer="uniform")
        self.gamma = self.add_weight(name="gamma", shape=(1,), initializer="uniform")
        self.init_seasonality = self.add_weight(name="init_seasonality", shape=(self.m,),
                                                initializer=keras.initializers.Constant(0.8))
        self.init_seasonality_list = [ops.slice(self.init_seasonality, (i,), (1,)) for i in range(self.m)]
        self.level = self.add_weight(name="init_level", shape=(1,),
                                     initializer=keras.initializers.Constant(0.8))

    def call(self, x):
        steps = x.shape[1]
        queue = deque(self.init_seasonality_list, self.m)
        l_t_minus_1 = self.level
        normalized, coefficients = [], []
        for i in range(steps):
            y_t = x[:, i, 0]
            s_t = queue.popleft()
            l_t = self.alpha * y_t / s_t + (1 - self.alpha) * l_t_minus_1
            queue.append(self.gamma * y_t / l_t + (1 - self.gamma) * s_t)
            normalized.append(y_t / (s_t * l_t))
            l_t_minus_1 = l_t
        seasons = [queue[h] * ops.ones_like(l_t) for h in range(self.horizon)]
        coefficients = ops.stack([ops.stack([l_t] * self.horizon, axis=1), ops.stack(seasons, axis=1)], axis=-1)
        return ops.expand_dims(ops.stack(normalized, axis=1), -1), coefficients


class Denormalization(keras.layers.Layer):
    def call(self, x):
        return x[0] * x[1][:, :, 0] * x[1][:, :, 1]


def build_model():
    series = keras.Input((STEPS, 1))
    normalized, coefficients = ES(HORIZON, SEASON)(series)
    hidden = keras.layers.GRU(5)(normalized)
    forecast = keras.layers.Dense(HORIZON)(hidden)
    return keras.Model(series, Denormalization()([forecast, coefficients]))
