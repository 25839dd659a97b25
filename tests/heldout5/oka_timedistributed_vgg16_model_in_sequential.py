"""Correct: a whole VGG16 model wrapped in `TimeDistributed` inside a Sequential LRCN trains with the rest.

keras#6056: an LRCN built as `Sequential()` with `TimeDistributed(vgg_model, batch_input_shape=...,
name='VisualModule')`, a Reshape, a stateful LSTM and two Dense layers; the reporter believed the
VGG16 parameters were "not trainable in this model" because its output did not change, and tried
re-creating VGG's layers one by one under TimeDistributed instead. Wrapping a model in
TimeDistributed makes it the wrapper's sublayer: on Keras 3 every VGG16 kernel and bias is counted
in the Sequential, is trainable, and receives a gradient through the LSTM head. (weights=None and
small frames keep the case offline and light; the report loads ImageNet weights. The report's
`batch_input_shape=` on the wrapper becomes a `keras.Input(batch_shape=...)`, which Keras 3 requires.)
"""

SOURCE = "https://github.com/keras-team/keras/issues/6056"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py oka_timedistributed_vgg16_model_in_sequential.py:
as returned: Sequential, count_params() = 16878780, 33 weights, unbuilt: none
after call: count_params() = 16878780, 33 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 33 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras.applications import VGG16
from keras.layers import LSTM, Dense, Dropout, Reshape, TimeDistributed
from keras.models import Sequential

TimeLen = 3
batch_input_shape = (2, TimeLen, 32, 32, 3)


def build_model():
    vgg_model = VGG16(weights=None, include_top=False, input_shape=batch_input_shape[2:])
    model = Sequential()
    # Keras 3 takes the fixed batch shape from an Input, no longer from a layer's batch_input_shape.
    model.add(keras.Input(batch_shape=batch_input_shape))
    model.add(TimeDistributed(vgg_model, name="VisualModule"))
    model.add(Reshape((TimeLen, -1), name="Reshape"))
    model.add(LSTM(512, stateful=True, return_sequences=True, name="LSTM"))
    model.add(Dense(126, name="Dense1"))
    model.add(Dropout(0.5, name="Drpout1"))
    model.add(Dense(2, name="Dense2"))
    return model
