"""autopycoin's N-BEATS TrendBlock loops over its four-Dense `FC_stack` but feeds `inputs` to every Dense
(`x = dense(inputs)`), so only the last Dense reaches the output: the first three are built, counted and never
trained (None gradients).

From AutocoinLab/autopycoin (`autopycoin/models/nbeats.py` at 5154a28, September 2021, "modif pep8"; the same
loop is in the versions from 12bd42f to e637f7e and was rewritten in 23f3f9a, "Trend Block terminé").
`TrendBlock.__init__` makes `self.FC_stack = [Dense(n_neurons, activation="relu") for _ in range(4)]`, a Dropout,
and two projection weights with `add_weight` (`FC_backcast` (n_neurons, p_degree), `FC_forecast` (n_quantiles,
n_neurons, p_degree)), plus the polynomial basis `forecast_coef`/`backcast_coef` as tf tensors. `call()` does
`for dense in self.FC_stack: x = dense(inputs); x = self.dropout(x)` where the N-BEATS paper chains the four
layers (`x = dense(x)`): each iteration overwrites x, so the kernels and biases of FC_stack[0..2] get no
gradient. They are called, so Keras builds them and counts them (no "unbuilt state" warning), which hides it.

Not the catalog's bugs, kept as decided: the basis tensors on self are constants (the paper's fixed polynomial
basis), not weights; `add_weight` in `__init__` uses `n_neurons`, the layer's own hidden width (the last Dense's
units), not an input dimension given by hand, so it does not break on other input shapes (no LD004).

Porting edits: none to TrendBlock (docstring shortened). The repository's `Stack` and `N_BEATS` classes call
`super().__init__(self, **kwargs)`, which Keras 3's Layer rejects (keyword-only arguments), so build_model()
wires one TrendBlock in a functional model as the repository's tests use a block: 20 past steps in, horizon 5,
p_degree 3, 16 neurons, 1 quantile; the outputs are (y_forecast, y_backcast).
"""

SOURCE = "https://github.com/AutocoinLab/autopycoin/blob/5154a28196e8c2bccd29853214f59eecf05972c1/autopycoin/models/nbeats.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/az/az_autopycoin_nbeats_trendblock_fc_stack_loop_feeds_inputs_first_denses_never_train.py:
as returned: Functional, count_params() = 1440, 10 weights, unbuilt: none
after call: count_params() = 1440, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 6 of 10 trainable weights: ['trend_block/dense/kernel', 'trend_block/dense/bias', 'trend_block/dense_1/kernel', 'trend_block/dense_1/bias', 'trend_block/dense_2/kernel', 'trend_block/dense_2/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'trend_block': 1440}
second call: 0 variables watched that the first call did not use"""

from tensorflow import (
    reshape,
    cast,
    range,
)
from tensorflow.keras.layers import Dense, Dropout, Layer
import tensorflow as tf


class TrendBlock(Layer):
    """Trend block definition. Output layers are constrained which define
    polynomial function of small degree p."""

    def __init__(
        self, horizon, back_horizon, p_degree, n_neurons, n_quantiles, **kwargs
    ):

        super().__init__(**kwargs)
        self._p_degree = reshape(
            range(p_degree, dtype="float32"), shape=(-1, 1)
        )  # Shape (-1, 1) in order to broadcast horizon to all p degrees
        self._horizon = cast(horizon, dtype="float32")
        self._back_horizon = cast(back_horizon, dtype="float32")
        self._n_neurons = n_neurons
        self._n_quantiles = n_quantiles

        self.FC_stack = [Dense(n_neurons, activation="relu") for _ in range(4)]

        self.dropout = Dropout(0.1)

        shape_FC_backcast = (n_neurons, p_degree)
        self.FC_backcast = self.add_weight(shape=shape_FC_backcast)

        shape_FC_forecast = (n_quantiles, n_neurons, p_degree)
        self.FC_forecast = self.add_weight(shape=shape_FC_forecast)

        self.forecast_coef = range(self._horizon) / self._horizon
        self.forecast_coef = self.forecast_coef ** self._p_degree
        self.backcast_coef = (
            range(self._back_horizon) / self._back_horizon
        ) ** self._p_degree

    def call(self, inputs):

        for dense in self.FC_stack:
            x = dense(inputs)  # shape: (Batch_size, n_neurons)
            x = self.dropout(x)

        theta_backcast = x @ self.FC_backcast  # shape: (Batch_size, p_degree)

        # shape: (n_quantiles, Batch_size, p_degree)
        theta_forecast = x @ self.FC_forecast

        # shape: (Batch_size, backcast)
        y_backcast = theta_backcast @ self.backcast_coef

        # shape: (n_quantiles, Batch_size, forecast)
        y_forecast = theta_forecast @ self.forecast_coef

        return y_forecast, y_backcast


def build_model():
    inputs = tf.keras.Input(shape=(20,))
    y_forecast, y_backcast = TrendBlock(horizon=5, back_horizon=20, p_degree=3, n_neurons=16, n_quantiles=1)(inputs)
    return tf.keras.Model(inputs, [y_forecast, y_backcast])
