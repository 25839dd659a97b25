"""LSTNet recurrent-skip component: SkipGRU keeps a GRUCell made in __init__ (before
super().__init__()), never builds it in build(), and runs it from a @tf.function-decorated call().

The layer's build() only records `self.timesteps`; the GRUCell is first called (and so builds
its kernel, recurrent kernel and bias) inside `call`, which the author decorated with
`@tf.function` to run a `tf.range` loop over a TensorArray. On Keras 3 the cell's variables are
created while that function is traced for the functional model's output spec. The model lists
them (count_params includes the GRUCell), but the traced graph that later calls use has their
initial values baked in: the GRUCell weights get no gradient and assigning new values to them
does not change the output. The Conv1D/GRU/Dense parts of LSTNet train normally, so the loss
still goes down and nothing is reported.
"""

SOURCE = "https://github.com/flaviagiammarino/lstnet-tensorflow/blob/master/lstnet_tensorflow/layers.py"
CODES = ("LD002", "LD009")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py l_lstnet_skipgru_cell_built_inside_tf_function_call.py:
as returned: Functional, count_params() = 665, 12 weights, unbuilt: none
after call: count_params() = 665, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 3 of 12 trainable weights: ['skip_gru/gru_cell/kernel', 'skip_gru/gru_cell/recurrent_kernel', 'skip_gru/gru_cell/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'skip_gru': 225}
second call: 0 variables watched that the first call did not use
(own script: after adding 0.5 to each of the three GRUCell weights, the model output is unchanged;
the same layer with self.cell.build(...) in build() gets gradients for all three and the output moves.)"""

import tensorflow as tf
from tensorflow.keras.layers import Input, Conv1D, GRU, Dense, Dropout, Lambda, Reshape, Flatten, Concatenate, Add
from tensorflow.keras.regularizers import L1, L2, L1L2
from tensorflow.keras.models import Model


# ---- lstnet_tensorflow/layers.py -------------------------------------------------------------
class SkipGRU(tf.keras.layers.Layer):

    def __init__(self,
                 units,
                 p=1,
                 activation='relu',
                 return_sequences=False,
                 return_state=False,
                 **kwargs):

        '''
        Recurrent-skip layer, see Section 3.4 in the LSTNet paper.

        units: number of hidden units of the GRU cell.
        p: number of skipped hidden cells.
        **kwargs: see tf.keras.layers.GRUCell.
        '''

        if p < 1:
            raise ValueError('The number of skipped hidden cells cannot be less than 1.')

        self.units = units
        self.p = p
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.timesteps = None
        self.cell = tf.keras.layers.GRUCell(units=units, activation=activation, **kwargs)

        super(SkipGRU, self).__init__()

    def build(self, input_shape):

        if self.timesteps is None:
            self.timesteps = input_shape[1]

            if self.p > self.timesteps:
                raise ValueError('The number of skipped hidden cells cannot be greater than the number of timesteps.')

    @tf.function
    def call(self, inputs):

        outputs = tf.TensorArray(
            element_shape=(inputs.shape[0], self.units),
            size=self.timesteps,
            dynamic_size=False,
            dtype=tf.float32,
            clear_after_read=False
        )

        states = tf.TensorArray(
            element_shape=(inputs.shape[0], self.units),
            size=self.timesteps,
            dynamic_size=False,
            dtype=tf.float32,
            clear_after_read=False
        )

        initial_states = tf.zeros(
            shape=(tf.shape(inputs)[0], self.units),
            dtype=tf.float32
        )

        for t in tf.range(self.timesteps):

            if t < self.p:
                output, state = self.cell(
                    inputs=inputs[:, t, :],
                    states=initial_states
                )

            else:
                output, state = self.cell(
                    inputs=inputs[:, t, :],
                    states=states.read(t - self.p)
                )

            outputs = outputs.write(index=t, value=output)
            states = states.write(index=t, value=state)

        outputs = tf.transpose(outputs.stack(), [1, 0, 2])
        states = tf.transpose(states.stack(), [1, 0, 2])

        if not self.return_sequences:
            outputs = outputs[:, -1, :]

        if self.return_state:
            states = states[:, -1, :]
            return outputs, states

        else:
            return outputs


# ---- lstnet_tensorflow/model.py ----------------------------------------------------------------
def kernel_regularizer(regularizer, regularization_factor):
    if regularizer == 'L1':
        return L1(l1=regularization_factor)
    elif regularizer == 'L2':
        return L2(l2=regularization_factor)
    elif regularizer == 'L1L2':
        return L1L2(l1=regularization_factor, l2=regularization_factor)
    else:
        raise ValueError('Undefined regularizer {}.'.format(regularizer))


def build_fn(n_targets,
             n_lookback,
             filters,
             kernel_size,
             gru_units,
             skip_gru_units,
             skip,
             lags,
             dropout,
             regularizer,
             regularization_factor):

    # Inputs.
    x = Input(shape=(n_lookback, n_targets))

    # Convolutional component, see Section 3.2 in the LSTNet paper.
    c = Conv1D(filters=filters, kernel_size=kernel_size, activation='relu')(x)
    c = Dropout(rate=dropout)(c)

    # Recurrent component, see Section 3.3 in the LSTNet paper.
    r = GRU(units=gru_units, activation='relu')(c)
    r = Dropout(rate=dropout)(r)

    # Recurrent-skip component, see Section 3.4 in the LSTNet paper.
    s = SkipGRU(units=skip_gru_units, activation='relu', return_sequences=True)(c)
    s = Dropout(rate=dropout)(s)
    s = Lambda(function=lambda x: x[:, - skip:, :])(s)
    s = Reshape(target_shape=(s.shape[1] * s.shape[2],))(s)
    d = Concatenate(axis=1)([r, s])
    d = Dense(units=n_targets, kernel_regularizer=kernel_regularizer(regularizer, regularization_factor))(d)

    # Autoregressive component, see Section 3.6 in the LSTNet paper.
    l = Lambda(function=lambda x: x[:, - lags:, :])(x)
    l = Flatten()(l)
    l = Dense(units=n_targets, kernel_regularizer=kernel_regularizer(regularizer, regularization_factor))(l)

    # Outputs.
    y = Add()([d, l])

    return Model(x, y)


def build_model():
    return build_fn(n_targets=3, n_lookback=12, filters=8, kernel_size=3, gru_units=6,
                    skip_gru_units=5, skip=2, lags=2, dropout=0.1, regularizer='L2',
                    regularization_factor=0.01)
