"""keras-team/tf-keras#453 (docs issue on the transfer-learning guide): "there is no point in setting a
layer to be non-trainable prior to construction of the model. This property will be ignored ...
Instead one must access the layer after the model is created."

The pattern the reporter says is ignored: make a layer, set `layer.trainable = False` while it is still a
free-standing object, then wire it into a functional model, compile and fit. On Keras 3 the flag is kept:
the frozen layer's kernel and bias are not in `model.trainable_weights`, `fit` leaves them unchanged, and
the layer after it still trains.

Porting edits: the reporter's gist is not in the issue text; the model is written from the issue's
description in the style of the guide it cites (keras.io/guides/transfer_learning: Dense layers, a
functional model, `compile` + `fit` on random data, fit moved to MEASURED).
"""

SOURCE = "https://github.com/keras-team/tf-keras/issues/453"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/oky_tfkeras453_layer_frozen_before_model_is_built.py:
as returned: Functional, count_params() = 19, 4 weights, unbuilt: none
after call: count_params() = 19, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['dense/kernel:0', 'dense/bias:0']
second call: 0 variables watched that the first call did not use
The 2 'untracked' variables are the frozen Dense's kernel/bias: tracked (4 weights, 19 params) but non-trainable, as intended. Own script (/tmp/mine18a/probe1.py, case (d)): after fit the frozen kernel is unchanged and model.trainable_weights has 2 entries (the head Dense)."""

import keras


def build_model():
    layer = keras.layers.Dense(3, activation="relu")
    layer.trainable = False  # frozen before the model exists

    inputs = keras.Input(shape=(4,))
    x = layer(inputs)
    outputs = keras.layers.Dense(1)(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="mse")
    return model
