"""A hand-written LSTM cell makes W and U with add_weight in __init__ from an input width passed by hand (`LSTM(units, embedding_size)`), and the poem model calls it step by step.

ginny100/PoeticAI `model/layers/lstm_cell.py`: `LSTM(tf.keras.layers.Layer)` takes `inp_shape` in its
constructor and creates `W` (4, units, inp_shape) and `U` (4, units, units) with `self.add_weight` in
`__init__`; `call(pre_layer, x)` computes the four gates from a stacked (h, c) state. `model/rnn/model.py`
builds `RNN(tf.keras.Model)` with `self.lstm = LSTM(units, embedding_size)` and unrolls it over
`input_length` positions in a Python loop, then classifies the last hidden state with a small Sequential.
The weights work while every caller feeds exactly `embedding_size` features, but the input width is fixed
by hand instead of read in `build(input_shape)`: the same cell on any other input width fails with a
shape error inside the gate matmul. Porting edits: none (the `input_length=` argument of Embedding is
kept; Keras 3 accepts and ignores it with a warning). build_model() returns the RNN model with an int
token batch; `_probe_other_width()` calls the cell on a word vector of a different width.
"""

SOURCE = "https://github.com/ginny100/PoeticAI/blob/afecc0815eb881c4bae041050bf13120efbc6f11/model/layers/lstm_cell.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
warnings: "Argument `input_length` is deprecated. Just remove it." and "Do not pass an `input_shape`/`input_dim`
argument to a layer..."; as returned: RNN, count_params() raised ValueError (unbuilt Embedding), 6 weights
(W and U exist before any call), unbuilt: ['Embedding:embedding', 'LSTM:lstm']; after call: count_params() =
3154, 7 trainable weights, gradient None for 0 of 7; params of the case's own layers: {'lstm': 448}.
Case probe (python <file>): lstm weights [(4, 8, 6), (4, 8, 8)]; the same cell on a width-7 word raised
InvalidArgumentError: Matrix size-incompatible: In[0]: [2,7], In[1]: [6,8] [Op:MatMul]."""

import numpy as np
import tensorflow as tf


class LSTM(tf.keras.layers.Layer):
    def __init__(self, units, inp_shape):
        super(LSTM, self).__init__()
        self.units = units
        self.inp_shape = inp_shape
        self.W = self.add_weight(name="W", shape=(4, self.units, self.inp_shape))
        self.U = self.add_weight(name="U", shape=(4, self.units, self.units))

    def call(self, pre_layer, x):
        pre_h, pre_c = tf.unstack(pre_layer)
        i_t = tf.nn.sigmoid(tf.matmul(x, tf.transpose(self.W[0])) + tf.matmul(pre_h, tf.transpose(self.U[0])))
        f_t = tf.nn.sigmoid(tf.matmul(x, tf.transpose(self.W[1])) + tf.matmul(pre_h, tf.transpose(self.U[1])))
        o_t = tf.nn.sigmoid(tf.matmul(x, tf.transpose(self.W[2])) + tf.matmul(pre_h, tf.transpose(self.U[2])))
        n_c_t = tf.nn.tanh(tf.matmul(x, tf.transpose(self.W[3])) + tf.matmul(pre_h, tf.transpose(self.U[3])))
        c = tf.multiply(f_t, pre_c) + tf.multiply(i_t, n_c_t)
        h = tf.multiply(o_t, tf.nn.tanh(c))
        return tf.stack([h, c])


class RNN(tf.keras.Model):
    def __init__(self, units, embedding_size, vocab_size, input_length):
        super(RNN, self).__init__()
        self.input_length = input_length
        self.units = units
        self.embedding = tf.keras.layers.Embedding(vocab_size, embedding_size, input_length=input_length)
        self.lstm = LSTM(units, embedding_size)
        self.classification_model = tf.keras.models.Sequential([
            tf.keras.layers.Dense(64, input_shape=(units,), activation='relu'),
            tf.keras.layers.Dense(vocab_size, activation='softmax')
        ])

    def call(self, sentence):
        batch_size = tf.shape(sentence)[0]
        pre_layer = tf.stack([tf.zeros([batch_size, self.units]), tf.zeros([batch_size, self.units])])
        embedded_sentence = self.embedding(sentence)
        for i in range(self.input_length):
            word = embedded_sentence[:, i, :]
            pre_layer = self.lstm(pre_layer, word)
        h, _ = tf.unstack(pre_layer)
        return self.classification_model(h)


def build_model():
    model = RNN(units=8, embedding_size=6, vocab_size=30, input_length=5)
    tokens = np.arange(10, dtype="int32").reshape(2, 5) % 30
    return model, tokens


def _probe_other_width():
    model, tokens = build_model()
    model(tokens)
    print("count_params", model.count_params(), "lstm weights", [tuple(w.shape) for w in model.lstm.weights])
    state = tf.zeros([2, 2, 8])
    try:
        model.lstm(state, tf.ones([2, 7]))
        print("width 7: ok")
    except Exception as error:  # noqa: BLE001
        print("width 7 raised", type(error).__name__, " ".join(str(error).split())[:400])


if __name__ == "__main__":
    _probe_other_width()
