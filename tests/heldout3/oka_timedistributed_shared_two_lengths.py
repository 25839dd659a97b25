"""Correct: one `TimeDistributed(Dense(1))` instance shared by two sequences of different lengths.

The report (Keras 2) found that a shared `TimeDistributed` wrapper "remembered" the first input's
length and rejected a (3, 1) sequence after a (2, 1) one, so the author wrapped the same Dense twice
instead. On Keras 3 the shared wrapper accepts both lengths: one Dense kernel, counted once, trained
from both inputs.
"""

SOURCE = "https://github.com/keras-team/keras/issues/7704"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py oka_timedistributed_shared_two_lengths.py:
as returned: Functional, count_params() = 2, 2 weights, unbuilt: none
after call: count_params() = 2, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


def build_model():
    shared = layers.TimeDistributed(layers.Dense(1))
    short_sequence = layers.Input((2, 1))
    long_sequence = layers.Input((3, 1))
    hidden1 = shared(short_sequence)
    hidden2 = shared(long_sequence)
    merged = layers.Concatenate(axis=1)([hidden1, hidden2])
    return keras.Model([short_sequence, long_sequence], merged)
