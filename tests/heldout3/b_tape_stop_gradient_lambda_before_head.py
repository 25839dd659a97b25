"""A `Lambda(K.stop_gradient)` is inserted after a conv block so that "gradients stop propagating from that layer".

The report's toy model: Conv2D layers on a (10, 10, 3) input, a `Lambda` wrapping `stop_gradient`, then
the Dense head; `model.fit` on Keras 2 failed with "An operation has `None` for gradient". On Keras 3
it trains, but the convolution weights below the Lambda are still trainable, still counted, and get
no gradient: they stay at their initial values (freezing them needs `trainable = False`).
"""

SOURCE = "https://github.com/keras-team/keras/issues/13502"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py b_tape_stop_gradient_lambda_before_head.py:
as returned: Functional, count_params() = 1386, 6 weights, unbuilt: none
after call: count_params() = 1386, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 6 trainable weights: ['conv2d/kernel', 'conv2d/bias', 'conv2d_1/kernel', 'conv2d_1/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


def build_model():
    inputs = keras.Input((10, 10, 3))
    x = layers.Conv2D(8, 3, activation="relu")(inputs)
    x = layers.Conv2D(8, 3, activation="relu")(x)
    x = layers.Lambda(lambda t: ops.stop_gradient(t))(x)
    x = layers.Flatten()(x)
    outputs = layers.Dense(2, activation="softmax")(x)
    return keras.Model(inputs, outputs)
