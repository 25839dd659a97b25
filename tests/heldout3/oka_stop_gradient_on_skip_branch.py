"""Correct: `ops.stop_gradient` on one branch of a functional model whose other branch still trains the layer.

The Keras 3 report wired `b = Dense(4)(a)`, `c = Dense(4)(b)`, `d = ops.stop_gradient(b) + c`: the
skip path carries `b` without gradient while `c` passes gradient back into the first Dense. (The
report was a crash of `stop_gradient` on a KerasTensor, fixed in keras#20125; on Keras 3.15 the model
builds.) Every weight still receives a gradient through the `c` path.
"""

SOURCE = "https://github.com/keras-team/keras/issues/20124"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py oka_stop_gradient_on_skip_branch.py:
as returned: Functional, count_params() = 32, 4 weights, unbuilt: none
after call: count_params() = 32, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


def build_model():
    a = keras.Input(shape=(2,))
    b = layers.Dense(4)(a)
    c = layers.Dense(4)(b)
    d = ops.stop_gradient(b) + c
    return keras.Model(inputs=a, outputs=d)
