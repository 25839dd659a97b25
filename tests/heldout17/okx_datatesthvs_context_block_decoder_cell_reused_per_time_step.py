"""A time-series attention block (Hevensh/DataTestHVS `layers.py`): `ContextBlock` calls one
`DecoderBlock` once per time step, and `DecoderBlock` unrolls one small `DecoderLSTMcell` model
(two Dense layers) up to `attentionLen` times; the attention scores go through a `Softmax` layer
made inside a plain helper function on every call. Correct on Keras 3: the decoder cell is one
shared sub-model whose weights are reused at every step, and the per-call Softmax has no weights.

Why it looks suspicious: a sub-model called in nested Python loops over time steps with a
step-dependent number of calls, a `layers.Softmax(axis=1)` instantiated inside `h2c()` at every
step (the "layer made per call" shape), one `Reshape` applied to different tensors, and a
`call(inputs, ite)` that takes an int. Every Dense and Conv1D gets a gradient and `fit` updates
them; the Softmax layers created per call hold no state to lose.

Porting edits: `tensorflow.keras` -> `keras` (the einsum/concat ops stay `tf.*`); the step index is
passed as `self.he2hd(he, ite=i)` instead of positionally (Keras 3 refuses a non-tensor positional
argument: "Only input tensors may be passed as positional arguments"); the data and
training script left out; a functional model wires the repository's blocks as its
`ResidualBlock -> ContextBlock` encoder with a Dense(1) head over 6 time steps of 8 features,
attention length 3.
"""

SOURCE = "https://github.com/Hevensh/DataTestHVS/blob/03188abf16d622191d4ae1c96d9cf7f0386b2b5f/layers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/okx_datatesthvs_context_block_decoder_cell_reused_per_time_step.py:
warning: You are using a softmax over axis 1 of a tensor of shape (None, 1). This axis has size 1. ... (x4, the first time step attends over one position; the repository's own arithmetic, no weight involved)
as returned: Functional, count_params() = 537, 8 weights, unbuilt: none
after call: count_params() = 537, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'residual_block': 400, 'context_block': 128, 'decoder_block': 128, 'decoder_lst_mcell': 128}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17b/fitcheck.py: compile SGD 0.1 + mse, fit 2 steps): 8/8 trainable weights changed; the shared
DecoderLSTMcell is counted once (128 = 2 x 8 x 8)."""

import tensorflow as tf
import keras
from keras import Model, layers


class ResidualBlock(Model):
    def __init__(self, numFilters=32, sizeFilters=3):
        super().__init__()
        self.conv1 = layers.Conv1D(numFilters, sizeFilters, activation='relu', padding='causal')
        self.conv2 = layers.Conv1D(numFilters, sizeFilters, activation='relu', padding='causal')

    def call(self, inputs):
        x1 = self.conv1(inputs)
        x2 = self.conv2(x1)
        return x2 + inputs


class DecoderLSTMcell(Model):
    def __init__(self, numFilters):
        super().__init__()
        self.fc1 = layers.Dense(numFilters, activation='sigmoid', use_bias=False)
        self.fc2 = layers.Dense(numFilters, activation='sigmoid', use_bias=False)

    def call(self, inputs):
        h = self.fc1(inputs)
        y = self.fc2(h)
        return h, y


class DecoderBlock(Model):
    def __init__(self, numFilters, attentionLen):
        super().__init__()
        self.decoder = DecoderLSTMcell(numFilters)
        self.reshape = layers.Reshape([1, numFilters])
        self.attentionLen = attentionLen

    def call(self, inputs, ite):
        numTime = inputs.shape[1]

        h0 = self.reshape(inputs[:, ite, :])
        h, y = self.decoder(h0)
        if numTime is not None:
            for i in range(1, min(self.attentionLen, ite)):
                h, yi = self.decoder(h)
                y = tf.concat([y, yi], axis=1)

        return y


def h2c(hd, he):
    scores = tf.einsum('btf, btf-> bt', he, hd)
    weights = layers.Softmax(axis=1)(scores)
    contextVecter = tf.einsum('btf, bt-> bf', he, weights)
    return contextVecter


class ContextBlock(Model):
    def __init__(self, numFilters=32, attentionLen=48):
        super().__init__()
        self.he2hd = DecoderBlock(numFilters, attentionLen)
        self.reshape = layers.Reshape([1, numFilters])
        self.attentionLen = attentionLen

    def call(self, he):
        numTime = he.shape[1]

        hd = self.he2hd(he, ite=1)
        he0 = self.reshape(he[:, 0, :])
        contextVecter = self.reshape(h2c(hd, he0))
        if numTime is not None:
            for i in range(1, numTime):
                hd = self.he2hd(he, ite=i)
                contextVecteri = self.reshape(h2c(hd, he[:, max(i - self.attentionLen, 0):i, :]))
                contextVecter = tf.concat([contextVecter, contextVecteri], axis=1)
        return contextVecter


def build_model():
    inputs = keras.Input(shape=(6, 8))
    x = ResidualBlock(numFilters=8, sizeFilters=3)(inputs)
    x = ContextBlock(numFilters=8, attentionLen=3)(x)
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
