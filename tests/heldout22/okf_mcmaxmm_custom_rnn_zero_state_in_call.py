"""A hand-rolled RNN layer (the TF 2.0 guide's `CustomRNN`) loops over time steps in Python, creates
its initial state with `tf.zeros` inside `call()`, and runs two `Dense` projections plus a classifier
that live as attributes, with no `build()`.

From MCMAXMM/mytensorflow (`tensorflow2.0/costum_rnn.py`). Looks like the state-created-in-call and
raw-tensor traps (a `tf.zeros` tensor made in `call()` and threaded through the loop, sublayers never
built by hand), but the zeros are the recurrent state, not a weight, and the three `Dense` layers are
tracked attributes built on their first call: on Keras 3 all six weights are counted and all get
gradients; the static batch shape the author notes is needed for `tf.zeros` is kept.

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); units 32 -> 4, batch 16 -> 2,
10 steps of 5 features; `build_model()` returns the author's functional model (Conv1D + CustomRNN);
the eager `rnn_model` probe at the end of the file left out.
"""

SOURCE = "https://github.com/MCMAXMM/mytensorflow/blob/d2d814aef2a24aa5b530c777053ff8047621f87d/tensorflow2.0/costum_rnn.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/okf_mcmaxmm_custom_rnn_zero_state_in_call.py:
as returned: Functional, count_params() = 109, 8 weights, unbuilt: none
after call: count_params() = 109, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_rnn': 45}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras
from keras import layers

units = 4
timesteps = 10
input_dim = 5
batch_size = 2


class CustomRNN(layers.Layer):

    def __init__(self):
        super(CustomRNN, self).__init__()
        self.units = units
        self.projection_1 = layers.Dense(units=units, activation='tanh')
        self.projection_2 = layers.Dense(units=units, activation='tanh')
        self.classifier = layers.Dense(1, activation='sigmoid')

    def call(self, inputs):
        outputs = []
        state = tf.zeros(shape=(inputs.shape[0], self.units))
        for t in range(inputs.shape[1]):
            x = inputs[:, t, :]
            h = self.projection_1(x)
            y = h + self.projection_2(state)
            state = y
            outputs.append(y)
        features = tf.stack(outputs, axis=1)
        return self.classifier(features)


def build_model():
    inputs = keras.Input(batch_shape=(batch_size, timesteps, input_dim))
    x = layers.Conv1D(4, 3)(inputs)
    outputs = CustomRNN()(x)
    return keras.Model(inputs, outputs)
