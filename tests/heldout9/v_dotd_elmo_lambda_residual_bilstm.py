"""NER tutorial: ELMo from a module-level TF-Hub model wrapped in a Lambda, under a residual BiLSTM.

The named-entity-recognition series ("residual LSTM and ELMo") shows "how to wrap a tensorflow hub
pretrained model to work with keras": `elmo_model = hub.Module(..., trainable=True)` at module level,
`def ElmoEmbedding(x): return elmo_model(...)["elmo"]`, then
`Lambda(ElmoEmbedding, output_shape=(max_len, 1024))(input_text)` followed by two Bidirectional LSTMs
with a residual `add` and a TimeDistributed softmax. The ELMo module's trainable scalar mix (and, in
this stand-in, its embedding/LSTM weights) are reached only through the Lambda's closure. The hub
module is replaced by a local stand-in of the same role (a module-level Keras model that returns a
dict with a learned "elmo" mix of its layers) so the case downloads nothing. On Keras 3 nothing the
Lambda reaches is tracked: the model counts only the BiLSTMs and the tagger, and fit() never updates
the ELMo mixing weights the tutorial set `trainable=True` for.
"""

SOURCE = "https://www.depends-on-the-definition.com/named-entity-recognition-with-residual-lstm-and-elmo/"
CODES = ("LD012", "LD011")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py v_dotd_elmo_lambda_residual_bilstm.py:
as returned: Functional, count_params() = 13105, 14 weights, unbuilt: none
after call: count_params() = 13105, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 9 variables the model does not track: ['embedding/embeddings:0', 'lstm/lstm_cell/kernel:0', 'lstm/lstm_cell/recurrent_kernel:0', 'lstm/lstm_cell/bias:0', 'lstm_1/lstm_cell/kernel:0', 'lstm_1/lstm_cell/recurrent_kernel:0']
second call: 0 variables watched that the first call did not use
The 9 untracked variables are the stand-in ELMo's embedding, two LSTMs and the ScalarMix s/gamma (16000 + 16640 + 4 = 32644 params) that the Lambda's function reaches; count_params() 13105 covers only the two BiLSTMs and the TimeDistributed Dense."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras import layers
from tensorflow.keras.layers import LSTM, Bidirectional, Dense, Input, Lambda, TimeDistributed, add
from tensorflow.keras.models import Model

max_len = 50
batch_size = 32
n_tags = 17
n_words = 500
ELMO_DIM = 32


class ScalarMix(layers.Layer):
    """ELMo's task-specific weighted sum of the biLM layers (the hub module's 4 trainable scalars)."""

    def build(self, input_shape):
        self.s = self.add_weight(name="s", shape=(len(input_shape),), initializer="zeros")
        self.gamma = self.add_weight(name="gamma", shape=(), initializer="ones")

    def call(self, inputs):
        w = tf.nn.softmax(self.s)
        return self.gamma * tf.add_n([w[i] * t for i, t in enumerate(inputs)])


def _elmo_stand_in():
    """Stands in for hub.Module("https://tfhub.dev/google/elmo/2", trainable=True)."""
    tokens = Input(shape=(max_len,), dtype="int32")
    word_emb = layers.Embedding(n_words, ELMO_DIM)(tokens)
    lstm_outputs1 = LSTM(ELMO_DIM, return_sequences=True)(word_emb)
    lstm_outputs2 = LSTM(ELMO_DIM, return_sequences=True)(lstm_outputs1)
    elmo = ScalarMix(name="elmo_scalar_mix")([word_emb, lstm_outputs1, lstm_outputs2])
    return Model(tokens, {"word_emb": word_emb, "elmo": elmo}, name="elmo_module")


elmo_model = _elmo_stand_in()


def ElmoEmbedding(x):
    return elmo_model(x)["elmo"]


def build_model():
    input_text = Input(shape=(max_len,), dtype="int32")
    embedding = Lambda(ElmoEmbedding, output_shape=(max_len, ELMO_DIM))(input_text)
    x = Bidirectional(LSTM(units=16, return_sequences=True,
                           recurrent_dropout=0.2, dropout=0.2))(embedding)
    x_rnn = Bidirectional(LSTM(units=16, return_sequences=True,
                               recurrent_dropout=0.2, dropout=0.2))(x)
    x = add([x, x_rnn])  # residual connection to the first biLSTM
    out = TimeDistributed(Dense(n_tags, activation="softmax"))(x)
    model = Model(input_text, out)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
