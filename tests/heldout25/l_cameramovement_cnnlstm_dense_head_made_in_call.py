"""A camera-movement classifier for video shots (`CNNLSTM(keras.Model)`: a `TimeDistributed` CNN
feature extractor + `ConvLSTM2D`) whose classification head, `layers.Flatten()` and
`layers.Dense(3, activation='softmax')`, is instantiated inside `call()`.

From linkhack/Camera-Movement-Classification (`camclassifier/cnnlstm_model.py` at 14f30cf; the same
file's functional `build_model()` wires the head correctly, the subclassed version does not).
`__init__` only creates the feature extractor and the ConvLSTM block; every call makes a new
`Dense` with fresh random weights that is not an attribute of the model. On Keras 3 the head is not
tracked (not counted, not trained, not saved), two calls on the same clip give different
predictions, and `fit` fails because the traced `call()` creates variables.

Porting edits: `keras.applications.Xception` (an ImageNet download) replaced by a small
`Sequential` CNN inside the same `TimeDistributed(...)`; clips of 4 frames of 16x16x3 instead of
16 frames of 299x299x3, `ConvLSTM2D(1024, ...)` -> `ConvLSTM2D(4, ...)`; `build_model()` (the case
entry point, not the file's functional `build_model`) returns the subclassed model with a batch of
two clips.
"""

SOURCE = "https://github.com/linkhack/Camera-Movement-Classification/blob/14f30cf7932a2b2bfa8f2693d7cc58c86cc029f8/camclassifier/cnnlstm_model.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/l_cameramovement_cnnlstm_dense_head_made_in_call.py:
as returned: CNNLSTM, count_params() = count_params() raised ValueError, 4 weights, unbuilt: ['TimeDistributed:time_distributed', 'ConvLSTM2D:conv_lstm2d', 'ConvLSTMCell:conv_lstm_cell']
after call: count_params() = 2552, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 2 variables the model does not track: ['cnnlstm/dense_1/kernel:0', 'cnnlstm/dense_1/bias:0']
second call: 2 variables watched that the first call did not use
Own probe (/tmp/mine25a/probe_cam.py): count_params() 2552 (feature CNN + ConvLSTM only, the 4*4*4*3+3 = 195
head params missing); two calls on the same clips give different softmax outputs; no Dense among the model's
layers; compile(sgd, categorical_crossentropy) + fit raises ValueError in CNNLSTM.call(): 'tf.function only
supports singleton tf.Variables created on the first call'."""

import numpy as np
import keras
import keras.layers as layers
from keras.models import Model, Sequential
from keras.layers import Layer, ConvLSTM2D, TimeDistributed, Input


def small_frame_cnn():
    """Stands in for Xception up to block5_sepconv1_act."""
    return Sequential([Input((16, 16, 3)),
                       layers.Conv2D(8, 3, strides=2, padding="same", activation="relu"),
                       layers.Conv2D(8, 3, strides=2, padding="same", activation="relu")])


class CNNLSTM(Model):
    def __init__(self):
        super().__init__()
        self.feature_extractor = TimeDistributed(small_frame_cnn())
        self.lstm_block = ConvLSTM2D(4, (3, 3), padding='same')

    def call(self, inputs, mask=None):
        x = self.feature_extractor(inputs)  # shape (batch, 4, 4, 4, 8)
        x = self.lstm_block(x)
        x = layers.Flatten()(x)
        x = layers.Dense(3, activation='softmax')(x)
        return x


def build_model():
    clips = np.random.default_rng(0).random((2, 4, 16, 16, 3)).astype("float32")
    return CNNLSTM(), clips
