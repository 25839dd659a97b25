"""Correct: a Sequential model whose Lambda slices the last `CONV_WIDTH` time steps, a module-level constant.

The report (Keras 3.4, from the TF time-series tutorial's multi-step CNN) was that
`Sequential([Lambda(lambda x: x[:, -CONV_WIDTH:, :]), Conv1D(...), Dense(...)])` could not be
reloaded from `.keras`; the maintainer's workaround was to write the number inline, and a fix
followed. The Lambda reads a plain Python int from module scope, not a variable or a layer: every
weight belongs to the Conv1D and Dense layers and trains. Looks like a Lambda capturing outside
state, but the captured value is configuration.
"""

SOURCE = "https://github.com/keras-team/keras/issues/20074"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py oka_sequential_lambda_slices_last_steps_global_width.py:
as returned: Sequential, count_params() = 1172, 4 weights, unbuilt: none
after call: count_params() = 1172, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers

CONV_WIDTH = 3
OUT_STEPS = 4
NUM_FEATURES = 5


def build_model():
    return keras.Sequential([
        keras.Input(shape=(24, NUM_FEATURES)),
        layers.Lambda(lambda x: x[:, -CONV_WIDTH:, :]),
        layers.Conv1D(32, activation="relu", kernel_size=CONV_WIDTH),
        layers.Dense(OUT_STEPS * NUM_FEATURES, kernel_initializer="zeros"),
        layers.Reshape([OUT_STEPS, NUM_FEATURES]),
    ])
