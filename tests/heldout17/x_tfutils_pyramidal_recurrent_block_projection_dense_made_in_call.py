"""A pyramidal recurrent block for audio signals (ifrit98/tf_utils, `PRU`): the Bidirectional GRU
layers are made in `build()`, but the projection after each pyramid step is written as
`tf.keras.layers.Dense(self.units)(output)` and `tf.keras.layers.BatchNormalization()(output)`
inside the loop in `call()`. Every call makes new, untracked Dense and BatchNormalization layers:
their weights are not counted, never trained, and re-drawn at random on each call.

The block halves the sequence length at every layer after the first (pad, then reshape to twice
the features) and projects back to `units` with a fresh Dense; with the default
`projection_batchnorm=True` each layer is also followed by a fresh BatchNormalization. The
recurrent layers are fine; the projections are what silently vanish. The repository's own demo
(a functional classifier over signal windows, under `if False:`) is what `build_model()` wires.

Porting edits: `tf.keras.*` -> `keras.*` (the tensor ops stay `tf.*`); signal features replaced
by a (4, 16, 6) batch; one PRU(8 units, 3 layers, GRU) instead of two, a smaller head; the unused
`if False:` exploration code left out.
"""

SOURCE = "https://github.com/ifrit98/tf_utils/blob/42e3285e56613a047bf53cf2b323e773b850682e/layers/pru.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/x_tfutils_pyramidal_recurrent_block_projection_dense_made_in_call.py:
as returned: Functional, count_params() = 3017, 30 weights, unbuilt: none
after call: count_params() = 3017, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 10 variables the model does not track: ['functional/pyramidal_recurrent_block/batch_normalization_5/gamma:0', 'functional/pyramidal_recurrent_block/batch_normalization_5/beta:0', 'functional/pyramidal_recurrent_block/dense_4/kernel:0', 'functional/pyramidal_recurrent_block/dense_4/bias:0', 'functional/pyramidal_recurrent_block/batch_normalization_6/gamma:0', ...]
params of the case's own layers: {'pyramidal_recurrent_block': 2880}
second call: 10 variables watched that the first call did not use
(2880 = the three Bidirectional GRUs only; the 2 projection Dense and 3 BatchNormalization layers of each call are
not counted.) Own script (/tmp/mine17b/fitcheck.py): model.fit raises ValueError in PyramidalRecurrentBlock.call():
"tf.function only supports singleton tf.Variables created on the first call"."""

import tensorflow as tf
import keras


class PyramidalRecurrentBlock(keras.layers.Layer):
    def __init__(self,
                 units,
                 batch_size,
                 num_layers=3,
                 cell_type='GRU',
                 activation='tanh',
                 projection_activation=True,
                 projection_batchnorm=True,
                 kernel_initializer='glorot_normal',
                 kernel_regularizer=None,
                 recurrent_activation='sigmoid',
                 recurrent_initializer='orthogonal',
                 recurrent_regularizer=None,
                 recurrent_dropout=0.0,
                 bias_initializer='zeros',
                 bias_regularizer=None,
                 trainable=True):
        super(PyramidalRecurrentBlock, self).__init__()
        self.units = units
        self.num_layers = num_layers
        self.cell_type = str(cell_type).upper()
        self.activation = keras.activations.get(activation)
        self.projection_activation = projection_activation
        self.projection_batchnorm = projection_batchnorm
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.recurrent_activation = keras.activations.get(recurrent_activation)
        self.recurrent_initializer = keras.initializers.get(recurrent_initializer)
        self.recurrent_regularizer = keras.regularizers.get(recurrent_regularizer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.recurrent_dropout = recurrent_dropout
        self.trainable = trainable
        self.layers = []
        self.batch_size = batch_size
        self.useable_layers = {
            "LSTM": keras.layers.LSTM,
            "GRU": keras.layers.GRU,
            "RNN": keras.layers.SimpleRNN
        }

    def build(self, input_shape):
        self.cell = self.useable_layers.get(self.cell_type, keras.layers.GRU)

        for i in range(self.num_layers):
            self.layers.append(
                keras.layers.Bidirectional(
                    layer=self.cell(
                        units=self.units,
                        recurrent_dropout=self.recurrent_dropout,
                        return_sequences=True,
                        return_state=True),
                    backward_layer=self.cell(
                        units=self.units,
                        recurrent_dropout=self.recurrent_dropout,
                        go_backwards=True,
                        return_sequences=True,
                        return_state=True),
                    merge_mode='concat',
                    name='bidirectional_layer_{}'.format(i)
                )
            )

    def call(self, x, mask=None):
        output = x
        i = 0
        for layer in self.layers:
            out = layer(output)
            if self.cell_type == "LSTM":
                output, _, context_forward, _, context_backward = out
            else:
                output, context_forward, context_backward = out

            output = tf.concat(output, -1)
            state = tf.concat([context_forward, context_backward], -1)

            if i > 0:
                output = self.pad_sequence(output)
                output = keras.layers.Dense(self.units)(output)
            if self.projection_batchnorm:
                output = keras.layers.BatchNormalization()(output)
            if self.projection_activation:
                output = keras.activations.relu(output)
            i += 1

        return (output, state)

    def pad_sequence(self, output):
        shp = output.shape
        batch = self.batch_size
        sequence_length = shp[1]
        units = shp[2]

        floormod = tf.math.floormod(sequence_length, 2)
        padding = [
            [0, 0],
            [0, floormod],
            [0, 0]
        ]
        new_units = tf.math.multiply(units, 2)
        new_sequence_length = tf.math.floordiv(sequence_length, 2) + floormod
        new_shape = tf.stack([batch, new_sequence_length, new_units])
        output = tf.pad(output, padding)

        return tf.reshape(output, new_shape)


PRU = PyramidalRecurrentBlock


def build_model():
    l = keras.layers
    batched_x_shape = (4, 16, 6)
    inputs = l.Input(batch_shape=batched_x_shape, dtype='float32')
    bn = l.BatchNormalization()(inputs)
    base = PRU(8, batch_size=batched_x_shape[0])(bn)
    bn = l.BatchNormalization()(base[0])
    down = l.GlobalMaxPooling1D()(bn)
    down = l.Dense(8, activation='relu')(down)
    out = l.Dense(1, activation='sigmoid')(down)
    return keras.Model(inputs=inputs, outputs=out)
