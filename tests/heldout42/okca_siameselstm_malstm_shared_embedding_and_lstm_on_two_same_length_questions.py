"""likejazz's Siamese-LSTM (MaLSTM for Quora duplicate questions) calls one frozen word2vec `Embedding` and one `LSTM(50)` on both the left and the right question, both padded to `max_seq_length`; the shared layers see the same shapes on both branches, so each is built once, counted once and trained from both sides.

From likejazz/Siamese-LSTM, `train.py` (model part) and `util.py` (`ManDist`): `left_input`/`right_input` are
`Input(shape=(max_seq_length,), dtype='int32')`, `embedding_layer = Embedding(len(embeddings), embedding_dim,
weights=[embeddings], input_length=max_seq_length, trainable=False)` is applied to both ("Embedded version of the
inputs"), then `SharedLSTM = LSTM(50)` ("Since this is a siamese network, both sides share the same LSTM") and the
custom `ManDist` layer computes exp(-L1 distance). Look-alike of LD008 (one layer instance called on two inputs) and
an instance of LD007 (info): both branches are (batch, 20) token ids -> (batch, 20, 300) -> (batch, 50), so the
sharing is the intended Siamese weight tying. `ManDist` keeps its last output in `self.result` to answer
`compute_output_shape`; that is an activation cache, not layer state.

Porting edits: `keras.utils.training_utils.multi_gpu_model(model, gpus=2)` (removed from Keras) is dropped, and
`util.py`'s `from tensorflow.python.keras import backend as K` / `Layer` become `tensorflow.keras` imports. `ManDist`'s
`compute_output_shape` (which returns `K.int_shape(self.result)`) is commented out: Keras 3 asks for the output shape
before the first `call()`, when `self.result` is still None, and raises AttributeError; Keras infers the shape
instead. The
word2vec matrix (GoogleNews vectors over the Quora vocabulary) is replaced by a random (1000, 300) matrix with row 0
zeroed as `make_w2v_embeddings` does; `weights=[embeddings]` and `input_length` are passed as written.
build_model() builds the model as train.py does (compile/fit left out) and returns it.
"""

SOURCE = "https://github.com/likejazz/Siamese-LSTM/blob/11a66234681d6488b93a81d02e806b65e338d485/train.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/ca/okca_siameselstm_malstm_shared_embedding_and_lstm_on_two_same_length_questions.py:
warning: Argument `input_length` is deprecated. Just remove it.
as returned: Functional, count_params() = 370200, 4 weights, unbuilt: none
after call: count_params() = 370200, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 1 variables the model does not track: ['embedding/embeddings:0']
params of the case's own layers: {'man_dist': 0}
second call: 0 variables watched that the first call did not use
probes/probe_siamese.py (same model): model.non_trainable_weights == ['embedding/embeddings'] (the frozen word2vec matrix, tracked; it is the variable the tape line above lists, because _measure compares against trainable_weights only), its row 0 is the zeroed padding row (weights=[embeddings] applied), and both the Embedding and the LSTM have 2 inbound nodes (one per question)."""

import numpy as np
import keras

from keras.models import Model
from keras.layers import Input, Embedding, LSTM, GRU

from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer


class ManDist(Layer):
    """
    Keras Custom Layer that calculates Manhattan Distance.
    """

    # initialize the layer, No need to include inputs parameter!
    def __init__(self, **kwargs):
        self.result = None
        super(ManDist, self).__init__(**kwargs)

    # input_shape will automatic collect input shapes to build layer
    def build(self, input_shape):
        super(ManDist, self).build(input_shape)

    # This is where the layer's logic lives.
    def call(self, x, **kwargs):
        self.result = K.exp(-K.sum(K.abs(x[0] - x[1]), axis=1, keepdims=True))
        return self.result

    # return output shape
    # def compute_output_shape(self, input_shape):
    #     return K.int_shape(self.result)
    # (commented out for Keras 3, which calls it before call() while self.result is still None)


def build_model():
    # Make word2vec embeddings (stand-in for make_w2v_embeddings: vocabulary of 999 words + padding row)
    embedding_dim = 300
    max_seq_length = 20
    embeddings = 1 * np.random.randn(1000, embedding_dim)
    embeddings[0] = 0  # So that the padding will be ignored

    # The visible layer
    left_input = Input(shape=(max_seq_length,), dtype='int32')
    right_input = Input(shape=(max_seq_length,), dtype='int32')

    # The embedding layer
    embedding_layer = Embedding(len(embeddings), embedding_dim,
                                weights=[embeddings], input_length=max_seq_length, trainable=False)

    # Embedded version of the inputs
    encoded_left = embedding_layer(left_input)
    encoded_right = embedding_layer(right_input)

    # Since this is a siamese network, both sides share the same LSTM
    SharedLSTM = LSTM(50)

    left_output = SharedLSTM(encoded_left)
    right_output = SharedLSTM(encoded_right)

    malstm_distance = ManDist()([left_output, right_output])

    # Pack it all up into a model
    model = Model(inputs=[left_input, right_input], outputs=[malstm_distance])
    return model
