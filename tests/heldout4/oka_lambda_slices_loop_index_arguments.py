"""Correct: per-position Lambda slices made in a loop with the index passed through `arguments={"i": j}`.

The report: `[Lambda(lambda x: x[:, j])(input_x) for j in range(sz)]` saved and reloaded wrong, all
slices taking the last index, because the closure reads `j` late; the fix in the thread passes
the index as `Lambda(lambda x, i: x[:, i], arguments={"i": j})`. Here that fixed form feeds each
slice to its own Dense and concatenates. The Lambdas hold plain ints, no variables or layers:
every weight is in the Dense layers and trains. Looks like Lambdas capturing loop state.
"""

SOURCE = "https://github.com/keras-team/keras/issues/13697"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py oka_lambda_slices_loop_index_arguments.py:
as returned: Functional, count_params() = 30, 6 weights, unbuilt: none
after call: count_params() = 30, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers

STEPS = 3


def build_model():
    series = keras.Input(shape=(STEPS, 4))
    slices = [layers.Lambda(lambda x, i: x[:, i], arguments={"i": j})(series) for j in range(STEPS)]
    heads = [layers.Dense(2)(piece) for piece in slices]
    return keras.Model(series, layers.Concatenate()(heads))
