"""Correct: one Dense used both through `TimeDistributed(L)` and directly; counted once on Keras 3.

The report shows `L = Dense(10)`, `u = TimeDistributed(L)(a)`, `v = L(b)`: tf.keras/Keras 2
`count_params()` said 120 while `summary()` said 60, and after save/load the shared weights were
duplicated. On Keras 3 the sharing is intended and consistent: one kernel, counted once.
"""

SOURCE = "https://github.com/keras-team/keras/issues/7116"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 60 and summary() Total params: 60 (each of the two rows shows 60, the total
counts the shared kernel once); 2 weights, both get gradients; no warning."""

import keras
from keras.layers import Concatenate, Dense, Input, TimeDistributed


def build_model():
    a = Input(shape=(784, 5))
    b = Input(shape=(784, 5))
    L = Dense(units=10)
    u = TimeDistributed(L)(a)
    v = L(b)
    x = Concatenate()([u, v])
    return keras.Model(inputs=[a, b], outputs=x)
