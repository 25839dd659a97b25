# LD008 incompatible-reuse: a shared layer on inputs whose shapes come from a helper function's defaults or arguments
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix10a/measure_inputs.py: build
# the model, then call it on ones of each Input's shape):
# make_tweet_model: wiring succeeds (4401 params), the first call raises InvalidArgumentError inside
# LSTMCell.call() (128 vs 64 features); make_dense_towers: ValueError while wiring (Dense built for
# 16 inputs gets 8); make_gru_pair: wiring succeeds, the first call raises InvalidArgumentError in
# GRUCell.call() (32 vs 16 features).
# Twins: make_same_width_tweets: 128 and 128 features, lengths 280 and 250: calls fine (one LSTM
# shared over both, as in the Keras docs); make_equal_towers: the helper called twice with the same
# width: calls fine.
import keras
from keras import layers
from keras.layers import LSTM, Dense, Input, concatenate
from tensorflow import keras as tfk

CASE, TITLE = "LD008h", "one layer on Inputs a helper of the file makes with different last axes"


def tweet_inputs(len_a=280, len_b=250, chars_a=128, chars_b=64):
    tweet_a = Input(shape=(len_a, chars_a))
    tweet_b = Input(shape=(len_b, chars_b))
    return tweet_a, tweet_b


def make_tweet_model():
    a, b = tweet_inputs()
    lstm = LSTM(8)
    encoded_a = lstm(a)
    encoded_b = lstm(b)  # LD008
    merged = concatenate([encoded_a, encoded_b], axis=-1)
    return keras.Model([a, b], Dense(1)(merged))


def feature_input(width, name=None):
    return keras.layers.Input((width,), name=name)


def make_dense_towers():
    left = feature_input(16)
    right = feature_input(width=8)
    shared = layers.Dense(4)
    return keras.Model([left, right], layers.add([shared(left), shared(right)]))  # LD008


def paired_sequences(*, steps=5, dim_q=32, dim_d=16):
    return [tfk.Input((steps, dim_q)), tfk.Input((steps, dim_d))]


def make_gru_pair():
    query, doc = paired_sequences()
    encoder = tfk.layers.GRU(4)
    q = encoder(query)
    d = encoder(doc)  # LD008
    return tfk.Model([query, doc], tfk.layers.dot([q, d], axes=-1))


def make_same_width_tweets():
    a, b = tweet_inputs(chars_b=128)
    lstm = LSTM(8)
    merged = concatenate([lstm(a), lstm(b)], axis=-1)
    return keras.Model([a, b], Dense(1)(merged))


def make_equal_towers():
    left = feature_input(8)
    right = feature_input(8)
    shared = layers.Dense(4)
    return keras.Model([left, right], layers.add([shared(left), shared(right)]))
