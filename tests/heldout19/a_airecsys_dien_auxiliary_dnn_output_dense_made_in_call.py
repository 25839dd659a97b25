"""DIEN auxiliary loss: the `DNN` block ends with a `Dense(1, 'sigmoid')` created inside `call()`, once per call.

From zhongqiangwu960812/AI-RecommenderSystem (`Rank/DIEN/DIEN.py`). The interest-extractor GRU of DIEN
is supervised by an auxiliary network that scores (hidden state, next clicked item) against (hidden
state, next non-clicked item). `auxiliary_loss()` builds `auxiliary_nn = DNN([100, 50],
activation='sigmoid')` and calls it twice; `DNN.__init__` keeps its hidden Dense layers in a list (tracked),
but `DNN.call()` ends with `outputs = Dense(1, activation='sigmoid')(x)`: a new output layer on every
call, never assigned to the layer. The click and the no-click branch therefore get two different,
untracked scoring heads that are never trained or saved.

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); the custom `DynamicGRU`/`dynamic_rnn`
(AUGRU machinery) replaced by `keras.layers.GRU(return_sequences=True)` for the interest extractor; the
feature-column input plumbing reduced to three pre-embedded sequence inputs (behaviour, next clicked,
next non-clicked); `build_model()` returns the functional model that outputs the two auxiliary
probabilities `auxiliary_loss()` turns into the loss (the `tf.compat.v1.log` loss itself is left out);
`tf.concat` on the symbolic tensors -> `keras.ops.concatenate` (Keras 3 refuses tf ops on KerasTensors).
"""

SOURCE = "https://github.com/zhongqiangwu960812/AI-RecommenderSystem/blob/9b64f48f14076ad8e84d8472379dbff54ac2c220/Rank/DIEN/DIEN.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout19/_measure.py tests/heldout19/a_airecsys_dien_auxiliary_dnn_output_dense_made_in_call.py:
as returned: Functional, count_params() = 7182, 7 weights, unbuilt: none
after call: count_params() = 7182, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 4 variables the model does not track: ['functional/dnn/dense_5/kernel:0', 'functional/dnn/dense_5/bias:0', 'functional/dnn/dense_6/kernel:0', 'functional/dnn/dense_6/bias:0']
params of the case's own layers: {'dnn': 6750}
second call: 4 variables watched that the first call did not use
Reading: the 4 watched-but-untracked variables are two different Dense(1) output heads (dense_5 for the click branch, dense_6 for the no-click branch), one per call of the same DNN instance; they are not in model.weights (count_params 7182 = GRU + hidden Dense layers only), so fit never updates them and they are not saved; each further call makes new ones."""

import keras
from keras.layers import Layer, Dense, Dropout


class DNN(Layer):
    """
    FC network
    """
    def __init__(self, hidden_units, activation='relu', dropout=0.):
        """
        :param hidden_units: A list.  the number of the hidden layer neural units
        :param activation: A string. Activation function of dnn.
        :param dropout: A scalar. Dropout rate
        """
        super(DNN, self).__init__()
        self.dnn_net = [Dense(units=unit, activation=activation) for unit in hidden_units]
        self.dropout = Dropout(dropout)

    def call(self, inputs):
        x = inputs
        for dnn in self.dnn_net:
            x = dnn(x)
        x = self.dropout(x)

        outputs = Dense(1, activation='sigmoid')(x)
        return outputs


def auxiliary_probs(h_states, click_seq, noclick_seq):
    """The network part of DIEN's auxiliary_loss(): click / no-click probabilities per step."""
    click_input = keras.ops.concatenate([h_states, click_seq], -1)    # (None, T-1, 2*embed_dim)
    noclick_input = keras.ops.concatenate([h_states, noclick_seq], -1)  # (None, T-1, 2*embed_dim)

    auxiliary_nn = DNN([100, 50], activation='sigmoid')
    click_prop = auxiliary_nn(click_input)[:, :, 0]            # (None, T-1)
    noclick_prop = auxiliary_nn(noclick_input)[:, :, 0]      # (None, T-1)
    return click_prop, noclick_prop


def build_model():
    max_len, embed_dim = 5, 8
    behavior = keras.Input((max_len, embed_dim), name="hist_item_emb")
    neg_behavior = keras.Input((max_len, embed_dim), name="neg_hist_item_emb")
    rnn_outputs = keras.layers.GRU(embed_dim, return_sequences=True)(behavior)  # interest extractor
    click_prop, noclick_prop = auxiliary_probs(rnn_outputs[:, :-1, :], behavior[:, 1:, :], neg_behavior[:, 1:, :])
    return keras.Model([behavior, neg_behavior], [click_prop, noclick_prop])
