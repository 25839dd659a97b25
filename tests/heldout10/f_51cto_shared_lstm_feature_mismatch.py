"""A shared `LSTM(32)` is applied to two tweet inputs whose feature (last) dimensions differ.

The blog Q&A ("为什么共享图层后,输出向量的形状还不一样" — why do output shapes differ after sharing a
layer) experiments with the Keras docs' shared-LSTM tweet example: different sequence lengths
(280 vs 250) work, and the author notes that when the last dimension of the two inputs differs it
"报错" (errors out), without being sure why. Here the second tweet stream is one-hot encoded over a
smaller character set (64 instead of 128), so the LSTM kernel built for 128 features on the first
call cannot take the second input. On Keras 3 the symbolic wiring still succeeds (the LSTM's
recurrent step is not shape-checked there) and the model reports 20673 params; the first real
call then fails inside `LSTMCell.call()` with a matmul shape error, far from the line that caused it.
"""

SOURCE = "https://blog.51cto.com/u_16099327/12436545"
CODES = ("LD008", "LD007")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py f_51cto_shared_lstm_feature_mismatch.py:
as returned: Functional, count_params() = 20673, 5 weights, unbuilt: none
call 1 raised InvalidArgumentError: Exception encountered when calling LSTMCell.call().
"""

import keras
from keras.layers import Input, LSTM, Dense, concatenate
from keras.models import Model


def tweet_encoders(len_a=280, len_b=250, chars_a=128, chars_b=64):
    tweet_a = Input(shape=(len_a, chars_a), name="tweet_a")
    tweet_b = Input(shape=(len_b, chars_b), name="tweet_b")
    return tweet_a, tweet_b


def build_model():
    a, b = tweet_encoders()

    # 这一层可以输入一个矩阵,并返回一个 32 维的向量
    lstm = LSTM(32)
    # 当我们重用相同的图层实例多次,图层的权重也会被重用
    encoded_a = lstm(a)
    encoded_b = lstm(b)

    merged = concatenate([encoded_a, encoded_b], axis=-1)
    predictions = Dense(1, activation="sigmoid")(merged)
    return Model(inputs=[a, b], outputs=predictions)
