"""A CRNN text recogniser (CNN + two BiLSTMs, trained with CTC) keeps each forward and backward `LSTM`
as model attributes and also hands them to `Bidirectional(layer=..., backward_layer=...)`.

From RaidasGrisk/tf2-crnn (`crnn_model.py`). Keras 3's `Bidirectional` builds and trains its own
copy of the forward LSTM (`forward_lstm`, made from the given layer's config) and uses the given
backward layer as is, so `self.lstm_fw_cell_1` and `self.lstm_fw_cell_2` are tracked sublayers of the
model that are never called and never built: 0 weights, "unbuilt" in the summary and in Keras's
warning, and anything that reads them (the author's test script restores checkpoints into this
model) sees empty layers while the copies hold the real forward weights.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); filters 64/256/512 -> 8/16/16, LSTM units
256 -> 8, 10 classes, input 32x40 instead of 32x200 (sequence length 9 instead of 47); the commented-out
functional `call` left out; `build_model()` returns `CRNN(num_classes=10, training=True)` with two
grey images.
"""

SOURCE = "https://github.com/RaidasGrisk/tf2-crnn/blob/af1cb34fd629c3cd20615664f53d92487e675eeb/crnn_model.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout20/_measure.py tests/heldout20/c_tf2crnn_ocr_lstm_cells_kept_next_to_bidirectional_unbuilt.py:
warning: `build()` was called on layer 'crnn', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. [...]
as returned: CRNN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv2D:conv2d', ..., 'LSTM:lstm', 'LSTM:lstm_1', 'Bidirectional:bidirectional', 'LSTM:forward_lstm', 'LSTM:lstm_2', 'LSTM:lstm_3', 'Bidirectional:bidirectional_1', 'LSTM:forward_lstm_2', ..., 'Dense:dense'] (nothing built before a call)
after call: count_params() = 13330, 32 trainable weights, unbuilt: ['LSTM:lstm', 'LSTMCell:lstm_cell', 'LSTM:lstm_2', 'LSTMCell:lstm_cell']; output dtypes ['float32', 'int64']
gradient None for 0 of 32 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
('lstm' and 'lstm_2' are self.lstm_fw_cell_1 / self.lstm_fw_cell_2; the backward attributes lstm_1 /
lstm_3 are the layers Bidirectional runs and are built; the forward weights live in forward_lstm /
forward_lstm_2, the copies.)
Own check after one call: lstm_fw_cell_1.built False, 0 weights; lstm_bw_cell_1.built True, 3 weights;
birnn1.forward_layer is lstm_fw_cell_1: False; birnn1.backward_layer is lstm_bw_cell_1: True."""

import numpy as np
import tensorflow as tf
import keras


class CRNN(keras.Model):

    """
    cnn in:         [BATCH, HEIGHT, WIDTH, CHANNELS]
    cnn out:        [BATCH, CHANNELS, TIME, FILTERS]
    rnn in:         [BATCH, TIME, FILTERS]
    rnn out:
        logits:     [BATCH, TIME, CHAR-LEN]
        raw_pred:   [BATCH, TIME]
        rnn_out:    [TIME, BATCH, CHAR-LEN]
    """

    def __init__(self, num_classes, training):
        super(CRNN, self).__init__()

        # cnn
        self.conv1 = keras.layers.Conv2D(filters=8, kernel_size=(3, 3), padding="same", activation=tf.nn.relu, dtype='float32')
        self.pool1 = keras.layers.MaxPool2D(pool_size=[2, 2], strides=2)

        self.conv2 = keras.layers.Conv2D(filters=8, kernel_size=(3, 3), padding="same", activation=tf.nn.relu)
        self.pool2 = keras.layers.MaxPool2D(pool_size=[2, 2], strides=2)

        self.conv3 = keras.layers.Conv2D(filters=16, kernel_size=(3, 3), padding="same", activation=tf.nn.relu)
        self.bn3 = keras.layers.BatchNormalization(trainable=training)

        self.conv4 = keras.layers.Conv2D(filters=16, kernel_size=(3, 3), padding="same", activation=tf.nn.relu)
        self.pool4 = keras.layers.MaxPool2D(pool_size=[2, 2], strides=[2, 1])

        self.conv5 = keras.layers.Conv2D(filters=16, kernel_size=(3, 3), padding="same", activation=tf.nn.relu)
        self.bn5 = keras.layers.BatchNormalization(trainable=training)

        self.conv6 = keras.layers.Conv2D(filters=16, kernel_size=(3, 3), padding="same", activation=tf.nn.relu)
        self.pool6 = keras.layers.MaxPool2D(pool_size=[2, 2], strides=[2, 1])

        self.conv7 = keras.layers.Conv2D(filters=16, kernel_size=(2, 2), padding="valid", activation=tf.nn.relu)

        # rnn
        self.lstm_fw_cell_1 = keras.layers.LSTM(8, return_sequences=True)
        self.lstm_bw_cell_1 = keras.layers.LSTM(8, go_backwards=True, return_sequences=True)
        self.birnn1 = keras.layers.Bidirectional(layer=self.lstm_fw_cell_1, backward_layer=self.lstm_bw_cell_1)

        self.lstm_fw_cell_2 = keras.layers.LSTM(8, return_sequences=True)
        self.lstm_bw_cell_2 = keras.layers.LSTM(8, go_backwards=True, return_sequences=True)
        self.birnn2 = keras.layers.Bidirectional(layer=self.lstm_fw_cell_2, backward_layer=self.lstm_bw_cell_2)

        self.dense = keras.layers.Dense(num_classes)  # number of classes + 1 blank char

    def call(self, input):
        x = self.conv1(input)
        x = self.pool1(x)

        x = self.conv2(x)
        x = self.pool2(x)

        x = self.conv3(x)
        x = self.bn3(tf.cast(x, dtype=tf.float32))  # bn does not support this witough a cast

        x = self.conv4(x)
        x = self.pool4(x)

        x = self.conv5(x)
        x = self.bn5(tf.cast(x, dtype=tf.float32))  # bn does not support this witough a cast

        x = self.conv6(x)
        x = self.pool6(x)

        x = self.conv7(x)

        x = tf.reshape(x, [-1, x.shape[2], x.shape[3]])  # [BATCH, TIME, FILTERS]
        x = self.birnn1(x)
        x = self.birnn2(x)

        logits = self.dense(x)

        raw_pred = tf.argmax(tf.nn.softmax(logits), axis=2)
        rnn_out = tf.transpose(logits, [1, 0, 2])

        return logits, raw_pred, rnn_out


def build_model():
    images = np.random.default_rng(0).random((2, 32, 40, 1)).astype("float32")
    return CRNN(num_classes=10, training=True), images
