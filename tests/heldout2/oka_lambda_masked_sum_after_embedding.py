"""Correct: a `Lambda` whose function takes `mask` sums the unmasked timesteps after a `mask_zero` Embedding.

The report found that `Lambda(fun)` with `def fun(x, mask)` receives the Embedding's mask (an
undocumented feature at the time) but that saving the model failed. The function uses only its
inputs and the mask: no outside state.
"""

SOURCE = "https://github.com/keras-team/keras/issues/10320"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_lambda_masked_sum_after_embedding.py:
warning: Layer 'lambda' (of type Lambda) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers will not
as returned: Sequential, count_params() = 5, 3 weights, unbuilt: none
after call: count_params() = 5, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


def masked_sum(x, mask=None):
    if mask is not None:
        x = x * ops.expand_dims(ops.cast(mask, x.dtype), -1)
    return ops.sum(x, axis=1)


def build_model():
    return keras.Sequential([
        keras.Input((4,), dtype="int32"),
        keras.layers.Embedding(input_dim=3, output_dim=1, mask_zero=True),
        keras.layers.Dense(1, activation="relu"),
        keras.layers.Lambda(masked_sum, output_shape=(1,)),
    ])
