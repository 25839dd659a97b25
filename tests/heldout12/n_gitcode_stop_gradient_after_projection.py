"""Functional model: stop_gradient placed after the projection layer instead of before it; the projection never trains.

A blog write-up (2025) of a Keras report about `ops.stop_gradient` on KerasTensors in functional models
("A KerasTensor cannot be used as input to a TensorFlow function"; the advice is to use `keras.ops` or wrap
the op in a layer). This reproduction puts the call where such functional code typically has it: a
two-branch regressor with an encoder, a side "projection" branch whose gradient should not flow back into
the encoder, and a head on the concatenation. The user wraps the *output* of the projection Dense in
`ops.stop_gradient` (first `tf.stop_gradient`, which fails on KerasTensors, then `keras.ops.stop_gradient`,
which builds). The graph builds and trains, but the cut is on the wrong side of the projection layer: its
kernel and bias are trainable, counted in the summary, and receive no gradient at all. (The model around the
call is this reproduction's; the post only shows the failing call.)
"""

SOURCE = "https://blog.gitcode.com/31e03de757ec29f2760dd8fdffac9ad3.html"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py n_gitcode_stop_gradient_after_projection.py:
as returned: Functional, count_params() = 1905, 12 weights, unbuilt: none
after call: count_params() = 1905, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 12 trainable weights: ['proj/kernel', 'proj/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import keras
from keras import layers, ops

FEATURES = 12
HIDDEN = 32
PROJ = 8


def encoder_block(x, units, name):
    x = layers.Dense(units, activation="relu", name=f"{name}_dense")(x)
    x = layers.LayerNormalization(name=f"{name}_ln")(x)
    return x


def build_two_branch(features=FEATURES):
    inputs = keras.Input(shape=(features,), name="features")
    h = encoder_block(inputs, HIDDEN, "enc1")
    h = encoder_block(h, HIDDEN, "enc2")

    # side branch: do not let this path update the encoder
    proj = layers.Dense(PROJ, activation="tanh", name="proj")(h)
    proj = ops.stop_gradient(proj)   # was tf.stop_gradient(proj) -> KerasTensor error

    merged = layers.Concatenate(name="merge")([h, proj])
    out = layers.Dense(1, name="head")(merged)
    return keras.Model(inputs, out, name="two_branch")


def build_model():
    model = build_two_branch()
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
    return model


if __name__ == "__main__":
    model = build_model()
    model.summary()
    x = np.random.rand(32, FEATURES).astype("float32")
    y = np.random.rand(32, 1).astype("float32")
    model.fit(x, y, epochs=2, verbose=0)
