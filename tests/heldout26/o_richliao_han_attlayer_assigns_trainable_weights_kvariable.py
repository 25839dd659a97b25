"""Richard Liao's Hierarchical Attention Network (`textClassifierHATT.py`, the widely copied HAN for Keras):
`AttLayer.build()` makes its three attention parameters with `K.variable(...)` and then registers them by
assigning `self.trainable_weights = [self.W, self.b, self.u]`; `supports_masking` and the initializer are
set before `super().__init__()`.

From richliao/textClassifier. Moved to Keras 3 (TF >= 2.16) with only the imports switched to
`tensorflow.keras`, the word-level encoder cannot even be wired: `trainable_weights` is a read-only property
on Keras 3, so the assignment in `build()` raises AttributeError while the functional model is built. The
parameters themselves are raw `tf.Variable`s from `K.variable`, which a Keras 3 layer would not track
either, so the assignment was the only thing registering them.

Porting edits: Python 2 / Keras 2.0 imports replaced by their `tensorflow.keras` equivalents (`Layer`,
`backend as K`, `initializers`; the legacy `K.*` functions the layer uses exist under `tf.keras.backend` on
Keras 3), the text loading / GloVe / training code dropped; sizes shrunk (vocabulary 20 words, embedding 8,
GRU 4, attention 4, 3 sentences of 5 words); the embedding matrix is random instead of GloVe;
`build_model()` wires the author's word-level encoder (Embedding(mask_zero=True) -> Bidirectional(GRU) ->
AttLayer), which is where the error surfaces.
"""

SOURCE = "https://github.com/richliao/textClassifier/blob/f482476fcd1d8182b65a41ce6b882e0b27a3e64e/textClassifierHATT.py"
CODES = ("LD006", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/o_richliao_han_attlayer_assigns_trainable_weights_kvariable.py:
build_model() raised AttributeError: property 'trainable_weights' of 'AttLayer' object has no setter
Own script (/tmp/mine26b/p11.py): the error is raised at AttLayer.build, line
"self.trainable_weights = [self.W, self.b, self.u]", while the word encoder is wired. Same layer with the
assignment removed: type(W) = ResourceVariable (K.variable makes a plain tf.Variable), layer weights 0,
count_params() 0, trainable_weights [] although a GradientTape does see W: the attention parameters are
never registered, trained by fit or saved."""

import numpy as np
from tensorflow.keras.layers import Embedding
from tensorflow.keras.layers import Dense, Input
from tensorflow.keras.layers import GRU, Bidirectional, TimeDistributed
from tensorflow.keras.models import Model

from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer
from tensorflow.keras import initializers

MAX_SENT_LENGTH = 5
MAX_SENTS = 3
EMBEDDING_DIM = 8
NB_WORDS = 20


class AttLayer(Layer):
    def __init__(self, attention_dim):
        self.init = initializers.get('normal')
        self.supports_masking = True
        self.attention_dim = attention_dim
        super(AttLayer, self).__init__()

    def build(self, input_shape):
        assert len(input_shape) == 3
        self.W = K.variable(self.init((input_shape[-1], self.attention_dim)), name='W')
        self.b = K.variable(self.init((self.attention_dim, )), name='b')
        self.u = K.variable(self.init((self.attention_dim, 1)), name='u')
        self.trainable_weights = [self.W, self.b, self.u]
        super(AttLayer, self).build(input_shape)

    def compute_mask(self, inputs, mask=None):
        return mask

    def call(self, x, mask=None):
        # size of x :[batch_size, sel_len, attention_dim]
        # size of u :[batch_size, attention_dim]
        # uit = tanh(xW+b)
        uit = K.tanh(K.bias_add(K.dot(x, self.W), self.b))
        ait = K.dot(uit, self.u)
        ait = K.squeeze(ait, -1)

        ait = K.exp(ait)

        if mask is not None:
            # Cast the mask to floatX to avoid float64 upcasting in theano
            ait *= K.cast(mask, K.floatx())
        ait /= K.cast(K.sum(ait, axis=1, keepdims=True) + K.epsilon(), K.floatx())
        ait = K.expand_dims(ait)
        weighted_input = x * ait
        output = K.sum(weighted_input, axis=1)

        return output

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1])


def build_model():
    embedding_matrix = np.random.default_rng(0).random((NB_WORDS + 1, EMBEDDING_DIM))
    embedding_layer = Embedding(NB_WORDS + 1,
                                EMBEDDING_DIM,
                                weights=[embedding_matrix],
                                trainable=True,
                                mask_zero=True)

    sentence_input = Input(shape=(MAX_SENT_LENGTH,), dtype='int32')
    embedded_sequences = embedding_layer(sentence_input)
    l_lstm = Bidirectional(GRU(4, return_sequences=True))(embedded_sequences)
    l_att = AttLayer(4)(l_lstm)
    sentEncoder = Model(sentence_input, l_att)

    review_input = Input(shape=(MAX_SENTS, MAX_SENT_LENGTH), dtype='int32')
    review_encoder = TimeDistributed(sentEncoder)(review_input)
    l_lstm_sent = Bidirectional(GRU(4, return_sequences=True))(review_encoder)
    l_att_sent = AttLayer(4)(l_lstm_sent)
    preds = Dense(2, activation='softmax')(l_att_sent)
    model = Model(review_input, preds)
    return model
