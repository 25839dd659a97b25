"""EPI-DLMH's attention layer for enhancer-promoter interaction prediction makes W, b, u with `K.variable` in
`build()` and registers them with `self.trainable_weights = [self.W, self.b, self.u]`: Keras 3 raises
AttributeError while the model is being built.

From xzenglab/EPI-DLMH (`model.py`, enhancer-promoter interaction prediction from DNA k-mer embeddings,
a widely copied Keras-1/2 "HAN" attention layer). `AttLayer.build()` creates its three weights as backend
variables from `initializers.RandomNormal(seed=10)` values and then assigns the list to the public
`trainable_weights` attribute, the Keras-1 way of registering weights; `call()` scores each time step with
`tanh(xW+b)u`, softmaxes over time (masked) and sums the weighted GRU states. `get_model()` runs two branches
(enhancer 3000 k-mers, promoter 2000) through an Embedding, Conv1D, MaxPooling1D, BatchNorm, Dropout and a
bidirectional GRU(50) and pools each with `AttLayer(50)`. On Keras 3 `trainable_weights` is a read-only
property: the assignment in `build()` raises AttributeError during the functional call, so the model cannot be
built at all (LD006: the repo's own fix would be `add_weight`). The settings `self.init`,
`self.supports_masking` set before `super().__init__()` are not the defect: nothing is reset that matters here
(noted, not labelled).

Porting edits: Keras 3 dropped `keras.engine.topology` and `K.variable`; the layer imports `Layer` from
`keras.layers` and `K.variable(x)` becomes `keras.Variable(x)` (what K.variable returned: a backend variable),
`K.dot`/`K.bias_add`/... in `call()` become `keras.ops` equivalents (never reached). The Keras-1 keywords in
`get_model()` are renamed (`Convolution1D(input_dim=100, nb_filter=64, filter_length=60, border_mode="same")` to
`Conv1D(64, 60, padding="same")`, `MaxPooling1D(pool_length, stride)` to `pool_size`/`strides`,
`Dense(output_dim=64, init=...)` to `Dense(64, kernel_initializer=...)`); the pretrained `embedding_matrix.npy`
(loaded at import in the repo) is replaced by a random matrix built inside `build_model()`; compile is dropped.
`build_model()` builds `get_model()` and therefore raises, as the user saw it.
"""

SOURCE = "https://github.com/xzenglab/EPI-DLMH/blob/363d52c0b04c49908f8a0c52586852c497f34eea/model.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py at_epidlmh_attlayer_k_variable_weights_assigned_to_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'AttLayer' object has no setter
(raised from AttLayer.build() during the first functional call AttLayer(50)(l_gru_1); no model is made.)"""

import numpy as np
import keras
from keras.layers import *
from keras.models import *
from keras import ops as K
from keras.layers import Layer, InputSpec
from keras import initializers

MAX_LEN_en = 3000
MAX_LEN_pr = 2000
NB_WORDS = 4097
EMBEDDING_DIM = 100


class AttLayer(Layer):
    def __init__(self, attention_dim):
        # self.init = initializers.get('normal')
        self.init = initializers.RandomNormal(seed=10)
        self.supports_masking = True
        self.attention_dim = attention_dim
        super(AttLayer, self).__init__()

    def build(self, input_shape):
        assert len(input_shape) == 3
        self.W = keras.Variable(self.init((input_shape[-1], self.attention_dim)))
        self.b = keras.Variable(self.init((self.attention_dim, )))
        self.u = keras.Variable(self.init((self.attention_dim, 1)))
        self.trainable_weights = [self.W, self.b, self.u]
        super(AttLayer, self).build(input_shape)

    def compute_mask(self, inputs, mask=None):
        return mask

    def call(self, x, mask=None):
        # size of x :[batch_size, sel_len, attention_dim]
        # size of u :[batch_size, attention_dim]
        # uit = tanh(xW+b)
        uit = K.tanh(K.add(K.dot(x, self.W), self.b))
        ait = K.dot(uit, self.u)
        ait = K.squeeze(ait, -1)

        ait = K.exp(ait)

        if mask is not None:
            # Cast the mask to floatX to avoid float64 upcasting in theano
            ait *= K.cast(mask, keras.config.floatx())
        ait /= K.cast(K.sum(ait, axis=1, keepdims=True) + keras.config.epsilon(), keras.config.floatx())
        ait = K.expand_dims(ait, -1)
        weighted_input = x * ait
        output = K.sum(weighted_input, axis=1)

        return output

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1])


def get_model(embedding_matrix):
    enhancers = Input(shape=(MAX_LEN_en,))
    promoters = Input(shape=(MAX_LEN_pr,))

    emb_en = Embedding(NB_WORDS, EMBEDDING_DIM, weights=[embedding_matrix], trainable=True)(enhancers)
    emb_pr = Embedding(NB_WORDS, EMBEDDING_DIM, weights=[embedding_matrix], trainable=True)(promoters)

    enhancer_conv_layer = Conv1D(64, 60, padding="same")
    enhancer_max_pool_layer = MaxPooling1D(pool_size=int(30), strides=int(30))

    # Build enhancer branch
    enhancer_branch = Sequential()
    enhancer_branch.add(enhancer_conv_layer)
    enhancer_branch.add(Activation("relu"))
    enhancer_branch.add(enhancer_max_pool_layer)
    enhancer_branch.add(BatchNormalization())
    enhancer_branch.add(Dropout(0.5))
    enhancer_out = enhancer_branch(emb_en)

    promoter_conv_layer = Conv1D(64, 40, padding="same")
    promoter_max_pool_layer = MaxPooling1D(pool_size=int(20), strides=int(20))

    # Build promoter branch
    promoter_branch = Sequential()
    promoter_branch.add(promoter_conv_layer)
    promoter_branch.add(Activation("relu"))
    promoter_branch.add(promoter_max_pool_layer)
    promoter_branch.add(BatchNormalization())
    promoter_branch.add(Dropout(0.5))
    promoter_out = promoter_branch(emb_pr)

    l_gru_1 = Bidirectional(GRU(50, return_sequences=True))(enhancer_out)
    l_gru_2 = Bidirectional(GRU(50, return_sequences=True))(promoter_out)
    l_att_1 = AttLayer(50)(l_gru_1)
    l_att_2 = AttLayer(50)(l_gru_2)

    merge_layer = Concatenate(axis=1)([l_att_1, l_att_2])
    bn = BatchNormalization()(merge_layer)
    dt = Dropout(0.5)(bn)
    dt = Dense(64, kernel_initializer="glorot_uniform")(dt)
    dt = BatchNormalization()(dt)
    dt = Activation("relu")(dt)
    dt = Dropout(0.5)(dt)
    preds = Dense(1, activation='sigmoid')(dt)

    model = Model([enhancers, promoters], preds)
    return model


def build_model():
    embedding_matrix = np.random.default_rng(0).standard_normal((NB_WORDS, EMBEDDING_DIM)).astype("float32")
    return get_model(embedding_matrix)
