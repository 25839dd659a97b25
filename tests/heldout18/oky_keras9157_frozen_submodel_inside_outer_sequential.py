"""keras-team/keras#9157: "trainable=False on model has no effect when used as a layer in another model".
The reporter builds a one-Dense `Sequential` `D`, sets `D.trainable = False` (and compiles it), puts `D`
inside another `Sequential` `A`, compiles `A`: `A.summary()` shows no trainable params, yet on Keras 2.1
`A.fit` still changed `D`'s weights.

On Keras 3 this is correct: freezing the inner model removes its kernel and bias from
`A.trainable_weights`, and `A.fit` leaves them unchanged (Keras 3 only warns that the model has no
trainable weights).

Porting edits: `keras.models` imports -> `keras`; `Dense(1, input_shape=(1,))` -> `keras.Input((1,))` +
`Dense(1)`; `Adam(lr=...)` -> `learning_rate=`; the 1000-epoch fit and asserts moved to MEASURED.
"""

SOURCE = "https://github.com/keras-team/keras/issues/9157"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/oky_keras9157_frozen_submodel_inside_outer_sequential.py:
as returned: Sequential, count_params() = 2, 2 weights, unbuilt: none
after call: count_params() = 2, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['D/dense/kernel:0', 'D/dense/bias:0']
second call: 0 variables watched that the first call did not use
The 2 'untracked' variables are D's kernel/bias: tracked, but non-trainable after `D.trainable = False` (intended). Own script (/tmp/mine18a/probe1.py, the issue's fit with 3 epochs): len(A.trainable_weights) == 0, D's kernel unchanged after A.fit (Keras 3 warns 'The model does not have any trainable weights')."""

import keras
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import Adam


def build_model():
    D = Sequential(name="D")
    D.add(keras.Input(shape=(1,)))
    D.add(Dense(1))
    D.trainable = False
    # D.compile() here makes no difference.
    D.compile(loss='mse', optimizer=Adam(learning_rate=1e-2))

    A = Sequential(name="D-untrainable")
    A.add(keras.Input(shape=(1,)))
    A.add(D)
    A.compile(loss='mse', optimizer=Adam(learning_rate=1e-2))
    return A
