"""KerasBeats' interpretable N-BEATS keeps its trend/seasonal basis matrices as backend tensors on self, its
Dense stacks in `layers_`/`blocks_` lists, makes `Subtract()`/`Add()` layers inside `call()` and is held by a
plain `NBeatsModel` object: it looks like raw-tensor state, state created in call and an untracked container,
but on Keras 3 every Dense is tracked, built, counted and trained.

From JonathanBechtel/KerasBeats (`src/kerasbeats/nbeats.py`, the pip package `kerasbeats`). `TrendBlock.__init__`
builds `forecast_time`/`backcast_time` with `K.concatenate(K.pow(K.arange(...)))` and `SeasonalBlock.__init__`
builds the cos/sin templates with `K.cos/K.sin`: fixed basis functions of the N-BEATS paper (equation 2), not
learnable weights, so they belong as constants. The blocks keep their hidden Dense layers in a list attribute
`layers_` (tracked); the `NBeats` layer keeps its blocks in `blocks_` (tracked) and, in `call()`, makes a fresh
`keras.layers.Subtract()` and `keras.layers.Add()` per block: these have no weights, so nothing is lost. The
`NBeatsModel` class is a plain Python object (not a Layer) whose `build_layer()` creates the `NBeats` layer and
whose `build_model()` wires it into `Model(inputs, forecasts)`: the functional model owns the layer, so the
plain holder loses nothing.

Doubts kept as decided: `SeasonalBlock.call` slices `inputs[:, 2*p:3*p]` where `x[...]` was meant, so one
column block of each seasonal block's theta kernel never reaches the output (those entries get zero gradient,
the kernel as a whole gets a gradient); a modelling slip, not a weight that vanishes. `K.reverse(inputs,
axes=0)` reverses the batch, not time; also a modelling slip.

Porting edits: `build_model()`'s `Input(..., dtype = 'float')` became `dtype = 'float32'` (Keras 3 rejects
'float'); nothing else in the classes changed (docstrings shortened, `fit`/`predict`/`evaluate` of NBeatsModel left
out). `tensorflow.keras.backend` on Keras 3 is the legacy backend module, which still has
concatenate/pow/arange/dot/reverse. build_model() uses the package's NBeatsModel with model_type='interpretable',
lookback 7, horizon 4 (with the default horizon 1, `SeasonalBlock` asks for `K.arange(1, 0.5)`, which TF refuses)
and small sizes (8 neurons, 2 layers, 1 trend and 1 seasonal stack), calls `build_layer()`/`build_model()` and
returns `.model`.
"""

SOURCE = "https://github.com/JonathanBechtel/KerasBeats/blob/ac391acbbffb4c65b312c0059402c1ac8f5eff11/src/kerasbeats/nbeats.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/az/okaz_kerasbeats_nbeats_plain_wrapper_basis_tensors_on_self_add_subtract_made_in_call.py:
as returned: Functional, count_params() = 736, 10 weights, unbuilt: none
after call: count_params() = 736, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'n_beats': 736, 'seasonal_block': 368, 'trend_block': 368}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine35/az/p_roundtrip.py:
fresh model after load_weights: outputs equal: True | weights: 10 -> 10"""

import numpy as np
from tensorflow import keras
import tensorflow.keras.backend as K
from tensorflow.keras import Model


class GenericBlock(keras.layers.Layer):
    def __init__(self,
                 lookback      = 7,
                 horizon       = 1,
                 num_neurons   = 512,
                 block_layers  = 4):
        super(GenericBlock, self).__init__()
        # collection of layers in the block
        self.layers_       = [keras.layers.Dense(num_neurons, activation = 'relu')
                              for _ in range(block_layers)]
        self.lookback      = lookback
        self.horizon       = horizon
        self.backcast_size = horizon * lookback
        self.theta_size    = self.backcast_size + lookback
        self.theta         = keras.layers.Dense(self.theta_size,
                                                use_bias = False,
                                                activation = None)

    def call(self, inputs):
        x = inputs
        for layer in self.layers_:
            x = layer(x)
        x = self.theta(x)
        return x[:, :self.backcast_size], x[:, -self.horizon:]


class TrendBlock(keras.layers.Layer):
    def __init__(self,
                 lookback        = 7,
                 horizon         = 1,
                 num_neurons     = 512,
                 block_layers    = 4,
                 polynomial_term = 2):
        super(TrendBlock, self).__init__()
        self.polynomial_size = polynomial_term + 1
        self.layers_         = [keras.layers.Dense(num_neurons,
                                                   activation = 'relu')
                                for _ in range(block_layers)]
        self.lookback        = lookback
        self.horizon         = horizon
        self.theta_size      = 2 * (self.polynomial_size)
        self.backcast_size   = lookback * horizon
        self.theta           = keras.layers.Dense(self.theta_size,
                                                  use_bias = False,
                                                  activation = None)
        # taken from equation (2) in paper
        self.forecast_time   = K.concatenate([K.pow(K.arange(horizon,
                                                             dtype = 'float') / horizon, i)[None, :]
                                 for i in range(self.polynomial_size)], axis = 0)
        self.backcast_time   = K.concatenate([K.pow(K.arange(self.backcast_size,
                                                             dtype = 'float') / self.backcast_size, i)[None, :]
                                 for i in range(self.polynomial_size)], axis = 0)

    def call(self, inputs):
        x = inputs
        for layer in self.layers_:
            x = layer(x)
        x = self.theta(x)
        backcast = K.dot(x[:, self.polynomial_size:], self.backcast_time)
        forecast = K.dot(x[:, :self.polynomial_size], self.forecast_time)
        return backcast, forecast


class SeasonalBlock(keras.layers.Layer):
    def __init__(self,
                 lookback      = 7,
                 horizon       = 1,
                 num_neurons   = 512,
                 block_layers  = 4,
                 num_harmonics = 1):
        super(SeasonalBlock, self).__init__()
        self.layers_       = [keras.layers.Dense(num_neurons,
                                                 activation = 'relu')
                              for _ in range(block_layers)]
        self.lookback      = lookback
        self.horizon       = horizon
        self.num_harmonics = num_harmonics
        self.theta_size    = 4 * int(np.ceil(num_harmonics / 2 * horizon) - (num_harmonics - 1))
        self.backcast_size = lookback * horizon
        self.theta         = keras.layers.Dense(self.theta_size,
                                                use_bias = False,
                                                activation = None)
        self.frequency     = K.concatenate((K.zeros(1, dtype = 'float'),
                             K.arange(num_harmonics, num_harmonics / 2 * horizon) / num_harmonics),
                             axis = 0)

        self.backcast_grid = -2 * np.pi * (K.arange(self.backcast_size, dtype = 'float')[:, None] / self.backcast_size) * self.frequency

        self.forecast_grid = 2 * np.pi * (K.arange(horizon, dtype=np.float32)[:, None] / horizon) * self.frequency

        self.backcast_cos_template  = K.transpose(K.cos(self.backcast_grid))

        self.backcast_sin_template  = K.transpose(K.sin(self.backcast_grid))
        self.forecast_cos_template  = K.transpose(K.cos(self.forecast_grid))
        self.forecast_sin_template  = K.transpose(K.sin(self.forecast_grid))

    def call(self, inputs):
        x = inputs
        for layer in self.layers_:
            x = layer(x)
        x = self.theta(x)
        params_per_harmonic    = self.theta_size // 4
        backcast_harmonics_cos = K.dot(inputs[:, 2 * params_per_harmonic:3 * params_per_harmonic],
                                          self.backcast_cos_template)
        backcast_harmonics_sin = K.dot(x[:, 3 * params_per_harmonic:],
                                       self.backcast_sin_template)
        backcast               = backcast_harmonics_sin + backcast_harmonics_cos
        forecast_harmonics_cos = K.dot(x[:, :params_per_harmonic],
                                       self.forecast_cos_template)
        forecast_harmonics_sin = K.dot(x[:, params_per_harmonic:2 * params_per_harmonic],
                                       self.forecast_sin_template)
        forecast               = forecast_harmonics_sin + forecast_harmonics_cos
        return backcast, forecast


class NBeats(keras.layers.Layer):
    def __init__(self,
                 model_type           = 'generic',
                 lookback             = 7,
                 horizon              = 1,
                 num_generic_neurons  = 512,
                 num_generic_stacks   = 30,
                 num_generic_layers   = 4,
                 num_trend_neurons    = 256,
                 num_trend_stacks     = 3,
                 num_trend_layers     = 4,
                 num_seasonal_neurons = 2048,
                 num_seasonal_stacks  = 3,
                 num_seasonal_layers  = 4,
                 num_harmonics        = 1,
                 polynomial_term      = 3,
                 **kwargs):
        super(NBeats, self).__init__()
        self.model_type           = model_type
        self.lookback             = lookback
        self.horizon              = horizon
        self.num_generic_neurons  = num_generic_neurons
        self.num_generic_stacks   = num_generic_stacks
        self.num_generic_layers   = num_generic_layers
        self.num_trend_neurons    = num_trend_neurons
        self.num_trend_stacks     = num_trend_stacks
        self.num_trend_layers     = num_trend_layers
        self.num_seasonal_neurons = num_seasonal_neurons
        self.num_seasonal_stacks  = num_seasonal_stacks
        self.num_seasonal_layers  = num_seasonal_layers
        self.num_harmonics        = num_harmonics
        self.polynomial_term      = polynomial_term

        if model_type == 'generic':
            self.blocks_ = [GenericBlock(lookback       = lookback,
                                         horizon        = horizon,
                                         num_neurons    = num_generic_neurons,
                                         block_layers   = num_generic_layers)
                             for _ in range(num_generic_stacks)]
        if model_type == 'interpretable':
            self.blocks_ = [TrendBlock(lookback         = lookback,
                                       horizon          = horizon,
                                       num_neurons      = num_trend_neurons,
                                       block_layers     = num_trend_layers,
                                       polynomial_term  = polynomial_term)
                            for _ in range(num_trend_stacks)] + [
                            SeasonalBlock(lookback      = lookback,
                                          horizon       = horizon,
                                          num_neurons   = num_seasonal_neurons,
                                          block_layers  = num_seasonal_layers,
                                          num_harmonics = num_harmonics)
                            for _ in range(num_seasonal_stacks)]

    def call(self, inputs):
        residuals = K.reverse(inputs, axes = 0)
        forecast  = inputs[:, -1:]
        for block in self.blocks_:
            backcast, block_forecast = block(residuals)
            residuals = keras.layers.Subtract()([residuals, backcast])
            forecast  = keras.layers.Add()([forecast, block_forecast])
        return forecast


class NBeatsModel():

    def __init__(self,
                 model_type:str           = 'generic',
                 lookback:int             = 7,
                 horizon:int              = 1,
                 num_generic_neurons:int  = 512,
                 num_generic_stacks:int   = 30,
                 num_generic_layers:int   = 4,
                 num_trend_neurons:int    = 256,
                 num_trend_stacks:int     = 3,
                 num_trend_layers:int     = 4,
                 num_seasonal_neurons:int = 2048,
                 num_seasonal_stacks:int  = 3,
                 num_seasonal_layers:int  = 4,
                 num_harmonics:int        = 1,
                 polynomial_term:int      = 3,
                 loss:str                 = 'mae',
                 learning_rate:float      = 0.001,
                 batch_size: int          = 1024):
        self.model_type           = model_type
        self.lookback             = lookback
        self.horizon              = horizon
        self.num_generic_neurons  = num_generic_neurons
        self.num_generic_stacks   = num_generic_stacks
        self.num_generic_layers   = num_generic_layers
        self.num_trend_neurons    = num_trend_neurons
        self.num_trend_stacks     = num_trend_stacks
        self.num_trend_layers     = num_trend_layers
        self.num_seasonal_neurons = num_seasonal_neurons
        self.num_seasonal_stacks  = num_seasonal_stacks
        self.num_seasonal_layers  = num_seasonal_layers
        self.num_harmonics        = num_harmonics
        self.polynomial_term      = polynomial_term
        self.loss                 = loss
        self.learning_rate        = learning_rate
        self.batch_size           = batch_size

    def build_layer(self):
        self.model_layer = NBeats(**self.__dict__)
        return self

    def build_model(self):
        inputs     = keras.layers.Input(shape = (self.horizon * self.lookback, ), dtype = 'float32')  # was 'float'
        forecasts  = self.model_layer(inputs)
        self.model = Model(inputs, forecasts)
        return self


def build_model():
    nb = NBeatsModel(model_type='interpretable', lookback=7, horizon=4,
                     num_trend_neurons=8, num_trend_stacks=1, num_trend_layers=2,
                     num_seasonal_neurons=8, num_seasonal_stacks=1, num_seasonal_layers=2)
    nb.build_layer()
    nb.build_model()
    return nb.model
