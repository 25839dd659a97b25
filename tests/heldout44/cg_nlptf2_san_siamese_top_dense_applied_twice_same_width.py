"""modudeepnlp's NLP_Tensorflow2.0 `SAN` (a Siamese self-attentive BiLSTM for question-pair similarity on the Korean question-pair and Quora data) shares `self._embedding`, `self._bilstm` and `self._attn` between the two questions - the Siamese design, both branches have the same shapes. But its head does `Fr = self._top_dense(Fr)` twice in a row: the one `Dense(100, relu)` is applied a second time to its own output. Because the attention output is d=100 wide (the script uses a=30, d=100) and the Dense has 100 units, the second application fits the (100, 100) kernel, so nothing fails: the intended two-layer head silently becomes one weight matrix used twice (LD007; with any d other than 100 it would be a shape error, LD008). The commented-out `self._bilstm_last` / `# q2_lstm = self._bilstm(q2_lstm)` lines show the author experimenting with stacking.

From modudeepnlp/NLP_Tensorflow2.0, `SiameseRecurrentArchitectures/train.py`: classes `SelfAttention` and `SAN`; the
script builds `SAN(max_len=MAXLEN, emb_dim=EMB_DIM, n_hidden=n_hidden, a=30, d=100, vocab_size=VOC_SIZE)` with
MAXLEN=50, EMB_DIM=300, n_hidden=50, compiles it and fits it on `[X_train['left'], X_train['right']]`.

Porting edits: the module-level data loading (pandas CSVs, word2vec helper, train/validation split), compile/fit and
plotting code are left out; VOC_SIZE (the size of the word2vec vocabulary built from the data) is set to 1000; the
classes, including the `print` calls in `SAN.call` and `Embedding(input_length=...)` /
`Bidirectional(..., input_shape=...)` arguments, are unchanged. build_model() constructs the model as the script
does and returns it with a pair of (2, 50) token-id batches, not called.
"""

SOURCE = "https://github.com/modudeepnlp/NLP_Tensorflow2.0/blob/b0fcc5a1521e865b0a7b06042324c0b0d6844d06/SiameseRecurrentArchitectures/train.py"
CODES = ("LD007",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cg_nlptf2_san_siamese_top_dense_applied_twice_same_width.py:
warning: Argument `input_length` is deprecated. Just remove it.
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: SAN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Embedding:embedding', 'Bidirectional:shared_internal_layer', 'LSTM:backward_lstm', 'LSTMCell:lstm_cell', 'LSTM:forward_lstm', 'LSTMCell:lstm_cell', 'SelfAttention:self_attention', 'Dense:dense_1', 'Dense:dense', 'Dense:dense_2', 'Dense:dense_3']
after call: count_params() = 863502, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'self_attention': 12000}
second call: 0 variables watched that the first call did not use
probes/probe_san.py: after a call, _top_dense has one (100, 100) kernel used by both applications; _embedding, _bilstm (name 'shared_internal_layer') and _attn are each one object applied to both questions (intended). The same class with d=64 fails on its first call: Input 0 of layer 'dense' (the _top_dense) is incompatible with the layer: expected axis -1 of input shape to have value 64, but received input with shape (2, 100) (LD008 form)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

MAXLEN = 50
EMB_DIM = 300
n_hidden = 50
VOC_SIZE = 1000


class SelfAttention(tf.keras.Model):

    def __init__(self, da, r):

        super(SelfAttention, self).__init__()
        self._ws1 = layers.Dense(da, use_bias=False)
        self._ws2 = layers.Dense(r, use_bias=False)

    def call(self, x_hidden):

        att_layer = self._ws2(tf.nn.tanh(self._ws1(x_hidden)))
        att_layer = tf.nn.softmax(att_layer)

        return att_layer

class SAN(tf.keras.Model):

    def __init__(self, max_len, emb_dim, n_hidden, a, d, vocab_size):
        """
        :param max_len:
        :param emb_dim:
        :param n_hidden:
        :param a:
        :param d:
        :param vocab_size:
        """

        super(SAN, self).__init__()

        self.MAX_LEN = max_len
        self.EMB_DIM = emb_dim
        self.VOC_SIZE = vocab_size

        self._embedding = layers.Embedding(self.VOC_SIZE, self.EMB_DIM, input_length=self.MAX_LEN)
        self._bilstm = layers.Bidirectional(layers.LSTM(150, return_sequences=False), input_shape=(50, 300), name='shared_internal_layer')
        # self._bilstm_last = layers.Bidirectional(layers.LSTM(n_hidden, return_sequences=False))
        self._attn = SelfAttention(a, d)

        self._top_dense = layers.Dense(units=100, activation='relu')
        # self._last_dense = layers.Dense(units=1, activation='sigmoid')
        self._last_dense = layers.Dense(units=2, activation='softmax')
        # self._last_dense = layers.Dense(units=2, activation='softmax')

    def call(self, x):

        q1_emb_layer = self._embedding(x[0])
        q2_emb_layer = self._embedding(x[1])

        q1_lstm = self._bilstm(q1_emb_layer)
        # q1_lstm = self._bilstm_last(q1_lstm)
        q1_att = self._attn(q1_lstm)

        q2_lstm = self._bilstm(q2_emb_layer)
        # q2_lstm = self._bilstm(q2_lstm)

        print("q2_lstm pass", q2_lstm)

        q2_att = self._attn(q2_lstm)

        print("att pass", q2_att)

        Fr = q1_att * q2_att

        print("fr pass", Fr)

        Fr = self._top_dense(Fr)
        Fr = self._top_dense(Fr)

        last = self._last_dense(Fr)

        return last


def build_model():
    sent_sim = SAN(max_len=MAXLEN, emb_dim=EMB_DIM, n_hidden=n_hidden, a=30, d=100, vocab_size=VOC_SIZE)
    rng = np.random.default_rng(0)
    left = rng.integers(1, VOC_SIZE, (2, MAXLEN)).astype("int32")
    right = rng.integers(1, VOC_SIZE, (2, MAXLEN)).astype("int32")
    return sent_sim, [left, right]
