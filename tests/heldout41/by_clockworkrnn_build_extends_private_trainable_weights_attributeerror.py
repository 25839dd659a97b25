"""flandolfi's Clockwork-RNN layer builds its inner RNNs and top Dense in `build()` and registers their weights by hand with `self._trainable_weights.extend(rnn.trainable_weights)` (and the same for the Dense): Keras 3 layers have no `_trainable_weights` list, so building the README's model raises AttributeError.

From flandolfi/clockwork-rnn, `cwrnn.py` (6d7d4fc, 2019, `import keras`, Keras 2.2). `ClockworkRNN(Layer)` unrolls a
CW-RNN (Koutnik et al., 2014) into blocks of MaxPooling1D -> RNN -> UpSampling1D -> crop/delay Lambdas -> Concatenate,
one per period, with a trailing Dense. Because the blocks are kept in a plain list of tuples, the author made Keras see
their weights through the private list: `_build_clockwork_block` does `self._trainable_weights.extend(rnn.trainable_weights)`
and `build()` does `self._trainable_weights.extend(self.dense.trainable_weights)`. The README's use is next-sample
prediction of an audio signal: `Sequential([InputLayer((None, 1)), ClockworkRNN(periods=[1, 2, 4, 8, 16, 32, 64, 128],
units_per_period=8, output_units=1)])`, whose summary in the README shows 2,497 parameters.

Porting edits: `import keras.backend as K` -> `from tensorflow.keras import backend as K` (Keras 3's `keras.backend` has
no `temporal_padding`/`cast`/`shape`); otherwise the layer is as written (docstring shortened). build_model() builds the
README's model and raises as the user would see it. Side notes kept as written: `rnn_dtype` is set on `self` and the
class `__name__` is rewritten before `super().__init__()` (plain attributes Keras does not reset); the blocks live in a
list of tuples, which Keras 3 would track once the private-list lines are removed.
"""

SOURCE = "https://github.com/flandolfi/clockwork-rnn/blob/6d7d4fca128a1b344c291ed7a034e004973fa4da/cwrnn.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/by/by_clockworkrnn_build_extends_private_trainable_weights_attributeerror.py:
build_model() raised AttributeError: 'ClockworkSimpleRNN' object has no attribute '_trainable_weights'
(probe_sciann.py prints the same one-line message; it is raised by the first
`self._trainable_weights.extend(rnn.trainable_weights)` in `_build_clockwork_block`, while `model.add` builds the
layer on the InputLayer's shape; no model is returned. The class name in the message is the one the layer rewrites
in `__init__`.)"""

import keras
import numpy as np
from keras import layers
from keras.layers import (Concatenate, Dense, Lambda, Layer, MaxPooling1D,
                          UpSampling1D, TimeDistributed)
from tensorflow.keras import backend as K


class ClockworkRNN(Layer):
    """Clockwork RNN ([Koutnik et al., 2014](https://arxiv.org/abs/1402.3511))."""
    def __init__(self, periods,
                 units_per_period,
                 output_units,
                 output_activtion='linear',
                 return_sequences=False,
                 sort_ascending=False,
                 include_top=True,
                 dense_kwargs=None,
                 rnn_dtype="SimpleRNN",
                 rnn_kwargs=None,
                 **kwargs):
        if type(rnn_dtype) is str:
            self.rnn_dtype = getattr(layers, rnn_dtype)
        else:
            self.rnn_dtype = rnn_dtype

        ClockworkRNN.__name__ = "Clockwork" + self.rnn_dtype.__name__
        super(ClockworkRNN, self).__init__(**kwargs)

        if type(units_per_period) is list:
            self.units_per_period = units_per_period
        else:
            self.units_per_period = [units_per_period] * len(periods)

        self.periods = periods
        self.rnn_kwargs = rnn_kwargs or {}
        self.rnn_kwargs['return_sequences'] = True
        self.rnn_kwargs['return_state'] = False
        self.rnn_kwargs.pop("units", True)
        self.dense_kwargs = dense_kwargs or {}
        self.dense_kwargs['activation'] = output_activtion
        self.dense_kwargs['units'] = output_units
        self.include_top = include_top
        self.return_sequences = return_sequences
        self.sort_ascending = sort_ascending
        self.blocks = []

    def build(self, input_shape):
        last_shape = input_shape
        output_shapes = []

        for period, units in sorted(zip(self.periods, self.units_per_period),
                                    reverse=not self.sort_ascending):
            block, output_shape, last_shape = self._build_clockwork_block(
                units, period, last_shape)
            output_shapes.append(output_shape)
            self.blocks.append(block)

        self.concat_all = Concatenate()
        self.concat_all.build(output_shapes)
        last_shape = self.concat_all.compute_output_shape(output_shapes)

        if not self.return_sequences:
            self.lambda_last = Lambda(lambda x: x[:, -1])
            self.lambda_last.build(last_shape)
            last_shape = self.lambda_last.compute_output_shape(last_shape)

        if self.include_top:
            if self.return_sequences:
                self.dense = TimeDistributed(Dense(**self.dense_kwargs))
            else:
                self.dense = Dense(**self.dense_kwargs)

            self.dense.build(last_shape)
            self._trainable_weights.extend(self.dense.trainable_weights)
            last_shape = self.dense.compute_output_shape(last_shape)

        super(ClockworkRNN, self).build(input_shape)

    def call(self, x):
        rnns = []
        to_next_block = x

        for block in self.blocks:
            to_dense, to_next_block = self._call_clockwork_block(
                to_next_block, *block)
            rnns.append(to_dense)

        out = self.concat_all(rnns)

        if not self.return_sequences:
            out = self.lambda_last(out)

        if self.include_top:
            out = self.dense(out)

        return out

    def compute_output_shape(self, input_shape):
        if self.include_top:
            out_dim = self.dense_kwargs['units']
        else:
            out_dim = np.sum(self.units_per_period)

        if self.return_sequences:
            return input_shape[:-1] + (out_dim,)
        else:
            return input_shape[:-2] + (out_dim,)

    def _delay(self, x):
        return K.temporal_padding(x, (1, 0))[:, :-1]

    def _crop(self, x, timesteps):
        return x[:, :K.cast(timesteps, "int32")]

    def _build_clockwork_block(self, units, period, input_shape):
        output_shape = input_shape[:-1] + (units,)
        pool = MaxPooling1D(1, period)
        rnn = self.rnn_dtype(units=units, **self.rnn_kwargs)
        unpool = UpSampling1D(period)
        crop = Lambda(lambda x: self._crop(x[0], x[1]),
                      output_shape=output_shape[1:])
        delay = Lambda(lambda x: self._delay(x),
                       output_shape=output_shape[1:])
        concat = Concatenate()

        block = (pool, rnn, unpool, crop, delay, concat)

        pool.build(input_shape)
        pool_output_shape = pool.compute_output_shape(input_shape)
        rnn.build(pool_output_shape)
        self._trainable_weights.extend(rnn.trainable_weights)
        rnn_output_shape = rnn.compute_output_shape(pool_output_shape)
        unpool.build(rnn_output_shape)
        crop.build([unpool.compute_output_shape(rnn_output_shape), ()])
        delay.build(output_shape)
        concat.build([input_shape, output_shape])

        return block, output_shape, \
            concat.compute_output_shape([input_shape, output_shape])

    def _call_clockwork_block(self, x, pool, rnn, unpool, crop, delay, concat):
        pooled = pool(x)
        rnn_out = rnn(pooled)
        unpooled = unpool(rnn_out)
        to_dense = crop([unpooled, K.shape(x)[1]])
        delayed = delay(to_dense)
        to_next_block = concat([x, delayed])

        return to_dense, to_next_block

    def get_config(self):
        config = super(ClockworkRNN, self).get_config()

        config['units_per_period'] = self.units_per_period
        config['periods'] = self.periods
        config['rnn_dtype'] = self.rnn_dtype.__name__
        config['rnn_kwargs'] = self.rnn_kwargs
        config['dense_kwargs'] = self.dense_kwargs
        config['include_top'] = self.include_top
        config['return_sequences'] = self.return_sequences
        config['sort_ascending'] = self.sort_ascending

        return config


def build_model():
    model = keras.models.Sequential()
    model.add(keras.layers.InputLayer((None, 1)))
    model.add(ClockworkRNN(periods=[1, 2, 4, 8, 16, 32, 64, 128],
                           units_per_period=8,
                           output_units=1))
    model.compile(optimizer='adam', loss='mse')
    return model
