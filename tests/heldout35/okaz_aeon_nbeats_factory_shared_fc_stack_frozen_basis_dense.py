"""aeon's NBeatsNetwork factory reuses one set of four Dense layers across all blocks of a stack
(`share_weights=True`), and projects the basis coefficients through `Dense(..., trainable=False)` layers whose
kernels are the fixed trend/seasonality basis; it looks like shared-layer misuse and weights that never train, but
on Keras 3 the shared layers are counted once and trained, and the frozen Dense layers are meant to be constants.

From aeon-toolkit/aeon (`aeon/networks/_nbeats.py` at 8c340d1). `build_network()` is a functional factory: for each
stack it makes d1..d4 once and calls them on every block's residual input (the same input width, so no shape clash);
the trend/seasonality blocks make a `tf.keras.layers.Dense(units=lookback, use_bias=False,
kernel_initializer=Constant(T_b), trainable=False)` per block to multiply the theta coefficients by the paper's fixed
polynomial/Fourier basis (equation 2/3), so those kernels are non-trainable by design; the theta Dense layers before
them are trainable and get gradients through the frozen projection. `Subtract()`/`Add()` are made per block (no
weights). The basis tensors `t_b`, `t_f` are plain tf tensors in the factory, not layer state. In the measurement
the "8 variables the model does not track" are exactly the 8 frozen basis kernels: the script compares the tape with
`trainable_weights` only, and the probe shows the model holds them as its 8 non-trainable weights (28 = 20 + 8).

Porting edits: none to the network code (docstrings shortened). The aeon base class `BaseDeepLearningNetwork` is
replaced by a minimal stand-in with the same `__init__` (it only stores configuration; it has no Keras state).
build_model() calls `NBeatsNetwork(horizon=4, units=16)` (default stacks trend + seasonality, 2 blocks each,
shared weights and coefficients) with `build_network((12, 1))` and wraps the returned input and outputs in a Model,
as aeon's forecasters do.
"""

SOURCE = "https://github.com/aeon-toolkit/aeon/blob/8c340d17cfb38a1f64b15c1f8945131f44ecd5e0/aeon/networks/_nbeats.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/az/okaz_aeon_nbeats_factory_shared_fc_stack_frozen_basis_dense.py:
as returned: Functional, count_params() = 2880, 28 weights, unbuilt: none
after call: count_params() = 2880, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 8 variables the model does not track: ['dense_4/kernel:0', 'dense_5/kernel:0', 'dense_7/kernel:0', 'dense_8/kernel:0', 'dense_14/kernel:0', 'dense_15/kernel:0']
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine35/az/p_aeon_nbeats.py:
trainable 20 non-trainable 8 names: ['kernel', 'kernel', 'kernel', 'kernel', 'kernel', 'kernel', 'kernel', 'kernel']
Dense layers called on several nodes: [('dense', 2), ('dense_1', 2), ('dense_2', 2), ('dense_3', 2), ('dense_10', 2), ('dense_11', 2), ('dense_12', 2), ('dense_13', 2)]
after one fit step: trainable changed 20 of 20 | frozen basis kernels changed 0 of 8"""


class BaseDeepLearningNetwork:
    """Stand-in for aeon.networks.base.BaseDeepLearningNetwork (configuration only)."""

    def __init__(self):
        pass


class NBeatsNetwork(BaseDeepLearningNetwork):
    """Implementation of the N-BEATS network architecture."""

    _config = {
        "python_dependencies": ["tensorflow"],
        "python_version": "<3.13",
        "structure": "auto-encoder",
    }

    def __init__(
        self,
        horizon=1,
        stacks=None,
        num_blocks_per_stack=2,
        units=30,
        num_trend_coefficients=3,
        num_seasonal_coefficients=5,
        num_generic_coefficients=7,
        share_weights=True,
        share_coefficients=True,
    ):
        """Initialize the N-BEATS network."""
        super().__init__()
        self.horizon = horizon
        self.stacks = stacks
        self.num_blocks_per_stack = num_blocks_per_stack
        self.units = units
        self.num_trend_coefficients = num_trend_coefficients
        self.num_seasonal_coefficients = num_seasonal_coefficients
        self.num_generic_coefficients = num_generic_coefficients
        self.share_weights = share_weights
        self.share_coefficients = share_coefficients

    def _get_trend_matrix(self, p, t_):
        """Precompute the static trend basis expansion matrix."""
        import tensorflow as tf

        T = [t_ ** float(i) for i in range(p)]
        return tf.stack(T, axis=0)

    def _get_seasonality_matrix(self, p, t_):
        """Precompute the static seasonality basis expansion matrix."""
        import numpy as np
        import tensorflow as tf

        s1 = [tf.math.cos(2.0 * np.pi * float(i) * t_) for i in range(p)]
        s2 = [tf.math.sin(2.0 * np.pi * float(i) * t_) for i in range(p)]
        return tf.concat([tf.stack(s1, axis=0), tf.stack(s2, axis=0)], axis=0)

    def _trend_block(self, h, p, t_b, t_f):
        """Derive the trend basis expansion coefficients."""
        import tensorflow as tf

        T_b = self._get_trend_matrix(p, t_b)
        T_f = self._get_trend_matrix(p, t_f)

        backcast_proj = tf.keras.layers.Dense(
            units=self.lookback_period,
            use_bias=False,
            kernel_initializer=tf.keras.initializers.Constant(T_b),
            trainable=False,
        )
        forecast_proj = tf.keras.layers.Dense(
            units=self.horizon,
            use_bias=False,
            kernel_initializer=tf.keras.initializers.Constant(T_f),
            trainable=False,
        )

        if self.share_coefficients:
            theta = tf.keras.layers.Dense(units=p, use_bias=False)(h)
            backcast = backcast_proj(theta)
            forecast = forecast_proj(theta)
        else:
            theta_b = tf.keras.layers.Dense(units=p, use_bias=False)(h)
            theta_f = tf.keras.layers.Dense(units=p, use_bias=False)(h)
            backcast = backcast_proj(theta_b)
            forecast = forecast_proj(theta_f)

        return backcast, forecast

    def _seasonality_block(self, h, p, t_b, t_f):
        """Derive the seasonality basis expansion coefficients."""
        import tensorflow as tf

        S_b = self._get_seasonality_matrix(p, t_b)
        S_f = self._get_seasonality_matrix(p, t_f)

        backcast_proj = tf.keras.layers.Dense(
            units=self.lookback_period,
            use_bias=False,
            kernel_initializer=tf.keras.initializers.Constant(S_b),
            trainable=False,
        )
        forecast_proj = tf.keras.layers.Dense(
            units=self.horizon,
            use_bias=False,
            kernel_initializer=tf.keras.initializers.Constant(S_f),
            trainable=False,
        )

        if self.share_coefficients:
            theta = tf.keras.layers.Dense(units=2 * p, use_bias=False)(h)
            backcast = backcast_proj(theta)
            forecast = forecast_proj(theta)
        else:
            theta_b = tf.keras.layers.Dense(units=2 * p, use_bias=False)(h)
            theta_f = tf.keras.layers.Dense(units=2 * p, use_bias=False)(h)
            backcast = backcast_proj(theta_b)
            forecast = forecast_proj(theta_f)

        return backcast, forecast

    def _generic_block(self, h, p, t_b, t_f):
        """Derive the generic basis expansion coefficients."""
        import tensorflow as tf

        if self.share_coefficients:
            theta = tf.keras.layers.Dense(units=p, use_bias=False)(h)
            backcast = tf.keras.layers.Dense(units=self.lookback_period)(theta)
            forecast = tf.keras.layers.Dense(units=self.horizon)(theta)
        else:
            theta_b = tf.keras.layers.Dense(units=p, use_bias=False)(h)
            theta_f = tf.keras.layers.Dense(units=p, use_bias=False)(h)
            backcast = tf.keras.layers.Dense(units=self.lookback_period)(theta_b)
            forecast = tf.keras.layers.Dense(units=self.horizon)(theta_f)
        return backcast, forecast

    def _get_block_output(self, stack_type, h, t_b, t_f):
        """Get the output of a block based on its type."""
        if stack_type == "trend":
            return self._trend_block(h, self.num_trend_coefficients, t_b, t_f)
        elif stack_type == "seasonality":
            return self._seasonality_block(h, self.num_seasonal_coefficients, t_b, t_f)
        else:
            return self._generic_block(h, self.num_generic_coefficients, t_b, t_f)

    def build_network(
        self,
        input_shape,
        **kwargs,
    ):
        """Build the N-BEATS network."""
        import tensorflow as tf

        if input_shape[-1] > 1:
            raise ValueError("NBeats only supports univariate series .")

        if self.stacks is None:
            self.stacks = ["trend", "seasonality"]
        self.lookback_period = input_shape[0]
        t_ = tf.cast(
            tf.range(0, self.lookback_period + self.horizon), dtype=tf.float32
        ) / (self.lookback_period + self.horizon)
        t_b = t_[: self.lookback_period]
        t_f = t_[self.lookback_period :]
        input_layer = tf.keras.layers.Input(shape=(self.lookback_period,))
        x = input_layer
        for s_idx, stack_type in enumerate(self.stacks):
            if self.share_weights:
                d1 = tf.keras.layers.Dense(self.units, activation="relu")
                d2 = tf.keras.layers.Dense(self.units, activation="relu")
                d3 = tf.keras.layers.Dense(self.units, activation="relu")
                d4 = tf.keras.layers.Dense(self.units, activation="relu")
            for b_idx in range(self.num_blocks_per_stack):
                if s_idx == 0 and b_idx == 0:
                    if self.share_weights:
                        h = d1(x)
                        h = d2(h)
                        h = d3(h)
                        h = d4(h)
                    else:
                        h = tf.keras.layers.Dense(self.units, activation="relu")(x)
                        h = tf.keras.layers.Dense(self.units, activation="relu")(h)
                        h = tf.keras.layers.Dense(self.units, activation="relu")(h)
                        h = tf.keras.layers.Dense(self.units, activation="relu")(h)
                    backcast_block, forecast_block = self._get_block_output(
                        stack_type,
                        h,
                        t_b,
                        t_f,
                    )
                    backcast_residual = tf.keras.layers.Subtract()([x, backcast_block])
                    forecast = forecast_block
                else:
                    if self.share_weights:
                        h = d1(backcast_residual)
                        h = d2(h)
                        h = d3(h)
                        h = d4(h)
                    else:
                        h = tf.keras.layers.Dense(self.units, activation="relu")(
                            backcast_residual
                        )
                        h = tf.keras.layers.Dense(self.units, activation="relu")(h)
                        h = tf.keras.layers.Dense(self.units, activation="relu")(h)
                        h = tf.keras.layers.Dense(self.units, activation="relu")(h)
                    backcast_block, forecast_block = self._get_block_output(
                        stack_type,
                        h,
                        t_b,
                        t_f,
                    )
                    backcast_residual = tf.keras.layers.Subtract()(
                        [backcast_residual, backcast_block]
                    )
                    forecast = tf.keras.layers.Add()([forecast, forecast_block])
        output_layer = [backcast_residual, forecast]
        return input_layer, output_layer


def build_model():
    import tensorflow as tf

    network = NBeatsNetwork(horizon=4, units=16)
    input_layer, output_layer = network.build_network((12, 1))
    return tf.keras.Model(inputs=input_layer, outputs=output_layer)
