"""A Chinese reader's notes on Deep Learning with Python (ch. 7, "多次重复使用一个层实例" - reusing one
layer instance): one `LSTM(32)` is applied to a left and a right input sequence, the two encodings
are concatenated and a sigmoid Dense scores the pair.

One layer instance called in two places is the shape of a copy-paste bug (or of an incompatible reuse),
and with variable-length `(None, 128)` inputs it looks as if the shared LSTM might be built twice. It
is the intended Siamese weight sharing: both inputs have 128 features, so the LSTM is built once on
the first call, counted once, and receives gradient from both branches (LD007 at most, as info).

Porting edits: the missing training data (`left_data`, `right_data`, `targets` are undefined in the
note, "训练数据缺失") and the `fit` call left out; `keras.layers.concatenate` kept; LSTM width 32 kept,
feature size 128 -> 16.
"""

SOURCE = "https://github.com/yzrs/practice-DL-with-Python/blob/master/Chapter7/sharedLayer.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okj_dlwp_reader_shared_lstm_two_inputs.py:
as returned: Functional, count_params() = 6337, 5 weights, unbuilt: none
after call: count_params() = 6337, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

from keras import layers
from keras import Input
from keras.models import Model


def build_model():
    # 多次重复使用一个层实例
    lstm = layers.LSTM(32)
    left_input = Input(shape=(None, 16))
    left_output = lstm(left_input)
    right_input = Input(shape=(None, 16))
    right_output = lstm(right_input)
    merged = layers.concatenate([left_output, right_output], axis=-1)
    predictions = layers.Dense(1, activation='sigmoid')(merged)
    model = Model([left_input, right_input], predictions)
    return model
