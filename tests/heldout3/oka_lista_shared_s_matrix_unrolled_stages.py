"""Correct: a LISTA network applies the same `S` matrix (one Dense layer) at every unrolled stage.

The report implements Learned ISTA (Gregor & LeCun 2010): `z_{k+1} = shrink(W x + S z_k)`, where `S`
"at different layers should have the same parameters". A maintainer's answer: with the functional
API, create the layer once and repeat the operations in a loop. Every call of `S` gets a same-shaped
input, so the sharing is the intended weight tying: one kernel, counted once, trained by all stages.
"""

SOURCE = "https://github.com/keras-team/keras/issues/2755"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py oka_lista_shared_s_matrix_unrolled_stages.py:
as returned: Functional, count_params() = 640, 2 weights, unbuilt: none
after call: count_params() = 640, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops

SIGNAL, CODE, STAGES = 12, 20, 3


def soft_threshold(v, theta=0.1):
    return ops.sign(v) * ops.relu(ops.abs(v) - theta)


def build_model():
    x = keras.Input((SIGNAL,))
    W = layers.Dense(CODE, use_bias=False, name="W")
    S = layers.Dense(CODE, use_bias=False, name="S")
    shrink = layers.Lambda(soft_threshold, name="shrink")
    b = W(x)
    z = shrink(b)
    for _ in range(STAGES):
        z = shrink(layers.Add()([b, S(z)]))
    return keras.Model(x, z)
