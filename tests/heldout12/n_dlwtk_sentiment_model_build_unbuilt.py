"""Book code (Deep Learning with TensorFlow and Keras, 3rd ed., ch. 5): subclassed BiLSTM model "built" with model.build().

`SentimentAnalysisModel(tf.keras.Model)` creates Embedding, Bidirectional(LSTM), Dense, Dense in `__init__`
and has no `build()`. The script then does `model.build(input_shape=(batch_size, max_seqlen))` and
`model.summary()`, trains, and for evaluation creates `best_model`, calls `best_model.build(...)` and
`best_model.load_weights(best_model_file)`. On tf.keras 2 `build()` traced the model and created every
weight. On Keras 3 the automatic symbolic build of this subclass does not happen: Keras warns "`build()` was
called on layer ..., however the layer does not have a `build()` method implemented and it looks like it has
unbuilt state", marks the model built anyway, and every sublayer stays unbuilt: the summary reads
`0 (unbuilt)` for each row and `Total params: 0`. A reader who ported the script to Keras 3 pasted exactly that
summary into their copy and wrote a `build()` by hand. Worse, `load_weights()` into the "built" best_model
returns without error and loads nothing, so the evaluation runs on freshly initialised weights.
"""

SOURCE = "https://github.com/PacktPublishing/Deep-Learning-with-TensorFlow-and-Keras-3rd-edition/blob/main/Chapter_5/lstm_sentiment_analysis.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py n_dlwtk_sentiment_model_build_unbuilt.py:
warning: `build()` was called on layer 'sentiment_analysis_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked 
as returned: SentimentAnalysisModel, count_params() = 0, 0 weights, unbuilt: ['Embedding:embedding', 'Bidirectional:bidirectional', 'LSTM:backward_lstm', 'LSTMCell:lstm_cell', 'LSTM:forward_lstm', 'LSTMCell:lstm_cell', 'Dense:dense', 'Dense:dense_1']
no inputs known: not called
(own script /tmp/mine12c/t_unbuilt.py, same class with vocab 100 / seqlen 16: after model.build() all 4 sublayers have built=False and model.summary() prints '0 (unbuilt)' on every row, Total params: 0; fit() then builds it (8001 params); a second instance after build() + load_weights('best.weights.h5') returns without error with count_params() == 0, and its predictions differ from the trained model's (max |diff| 0.0033): the weights were never loaded.)"""

import numpy as np
import os
import shutil
import tensorflow as tf


def clean_logs(data_dir):
    logs_dir = os.path.join(data_dir, "logs")
    shutil.rmtree(logs_dir, ignore_errors=True)
    return logs_dir


class SentimentAnalysisModel(tf.keras.Model):
    def __init__(self, vocab_size, max_seqlen, **kwargs):
        super(SentimentAnalysisModel, self).__init__(**kwargs)
        self.embedding = tf.keras.layers.Embedding(vocab_size, max_seqlen)
        self.bilstm = tf.keras.layers.Bidirectional(
            tf.keras.layers.LSTM(max_seqlen)
        )
        self.dense = tf.keras.layers.Dense(64, activation="relu")
        self.out = tf.keras.layers.Dense(1, activation="sigmoid")

    def call(self, x):
        x = self.embedding(x)
        x = self.bilstm(x)
        x = self.dense(x)
        x = self.out(x)
        return x


def build_model(vocab_size=2000, max_seqlen=64, batch_size=64):
    # define model
    # vocab_size + 1 to account for PAD character
    model = SentimentAnalysisModel(vocab_size + 1, max_seqlen)
    model.build(input_shape=(batch_size, max_seqlen))
    return model


if __name__ == "__main__":
    tf.random.set_seed(42)
    model = build_model()
    model.summary()
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    x = np.random.randint(0, 2001, size=(256, 64))
    y = np.random.randint(0, 2, size=(256,))
    model.fit(x, y, epochs=1, batch_size=64, verbose=0)
    best_model_file = os.path.join("/tmp", "best_model.weights.h5")
    model.save_weights(best_model_file)
    best_model = build_model()
    best_model.load_weights(best_model_file)
    print("params after load_weights:", best_model.count_params())
