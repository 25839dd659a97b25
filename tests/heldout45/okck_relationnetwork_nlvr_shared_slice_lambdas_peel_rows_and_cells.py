"""The fix of the Relation Network's object slicing (upstream commit caa9dbb, "fix", by the author, six days after
`init`): instead of one `Lambda(get_feature)` per cell whose function reads the loop indices `k1`/`k2` of the
enclosing loop (late-bound, so on Keras 3 every such Lambda returns the last cell), it uses four Lambdas over
module-level functions that take everything from their input: `slice_1` takes row 0, `slice_2` drops it, `slice_3`
takes column 0 of a row, `slice_4` drops it, and the loops peel the map row by row, cell by cell, reusing the same four
Lambda layers on new tensors. The functions close over nothing (no loop variable, no tensor, no variable, no layer),
so each call of the shared Lambdas in the functional graph gives its own cell at run time too: a correct look-alike of
LD012 (Lambdas defined next to loops and reused many times, all stateless). Every weight is in a wired layer, all get
gradients.

From jwingit/relation-network (a fork carrying Alan-Lee123's history; the buggy `init` version is the
ck_relationnetwork case), `train.py` at caa9dbb.

Porting edits: as in the buggy case: the script's module-level code is inside build_model(); data loading, the GloVe
file and `fit`/`save` are dropped; `prepare.embedding_layer` is a frozen `Embedding(100, 50)` initialised from a
random matrix; `keras.layers.convolutional`/`normalization` imports become `keras.layers`; `Adam(lr=...)` is
`Adam(learning_rate=...)`; the image is 32x48 instead of 50x200 (2x3 objects, 36 relations). build_model() returns
the compiled model with 2 random images and 2 token sequences.
"""

SOURCE = "https://github.com/jwingit/relation-network/blob/caa9dbbbbcafe8d609e1e3ca8e01a3379ab1338e/train.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 368169, 51 weights, unbuilt: none
after call: count_params() = 368169, 40 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 40 trainable weights: []
tape watched 1 variables the model does not track: ['embedding/embeddings:0']
second call: 0 variables watched that the first call did not use
(embedding/embeddings is the frozen Embedding's non-trainable weight, in model.weights; the check compares with trainable weights only.)
python probes/probe_rn_ok.py <this file>: 4 Lambda layers (the shared slicers), 6 features on the 2x3 CNN map, each equal to its own cell t[:, i, j, :] when the model runs (6 distinct feature vectors)."""

import numpy as np
import keras
from keras.models import Sequential, Model
from keras.layers import Dense, Dropout, Activation, Flatten, Input, Embedding,\
    LSTM, Bidirectional, Lambda, Concatenate, Add
from keras.layers import Conv2D, MaxPooling2D, AveragePooling2D
from keras.layers import BatchNormalization
from keras.optimizers import Adam

mxlen = 32
embedding_dim = 50
lstm_unit = 128
MLP_unit = 128


def bn_layer(x, conv_unit):
    def f(inputs):
        md = Conv2D(x, (conv_unit, conv_unit), padding='same')(inputs)
        md = BatchNormalization()(md)
        return Activation('relu')(md)
    return f


def conv_net(inputs):
    model = bn_layer(32, 3)(inputs)
    model = MaxPooling2D((2, 2), 2)(model)
    model = bn_layer(32, 3)(model)
    model = MaxPooling2D((2, 2), 2)(model)
    model = bn_layer(32, 3)(model)
    model = MaxPooling2D((2, 2), 2)(model)
    model = bn_layer(32, 3)(model)
    model = MaxPooling2D((2, 2), 2)(model)
    model = bn_layer(64, 3)(model)
    return model


def slice_1(t):
    return t[:, 0, :, :]

def slice_2(t):
    return t[:, 1:, :, :]

def slice_3(t):
    return t[:, 0, :]

def slice_4(t):
    return t[:, 1:, :]


def get_dense(n):
    r = []
    for k in range(n):
        r.append(Dense(MLP_unit, activation='relu'))
    return r


def get_MLP(n, denses):
    def g(x):
        d = x
        for k in range(n):
            d = denses[k](d)
        return d
    return g


def dropout_dense(x):
    y = Dense(MLP_unit)(x)
    y = Dropout(0.5)(y)
    y = Activation('relu')(y)
    return y


def build_model():
    input1 = Input((32, 48, 3))
    input2 = Input((mxlen,))
    cnn_features = conv_net(input1)
    embedding_matrix = np.random.default_rng(0).normal(size=(100, embedding_dim)).astype('float32')
    embedding_layer = Embedding(100, embedding_dim, embeddings_initializer=keras.initializers.Constant(embedding_matrix),
                                trainable=False)
    embedding = embedding_layer(input2)
    bi_lstm = Bidirectional(LSTM(lstm_unit, implementation=2, return_sequences=False))
    lstm_encode = bi_lstm(embedding)
    shapes = cnn_features.shape
    w, h = shapes[1], shapes[2]
    slice_layer1 = Lambda(slice_1)
    slice_layer2 = Lambda(slice_2)
    slice_layer3 = Lambda(slice_3)
    slice_layer4 = Lambda(slice_4)

    features = []
    for k1 in range(w):
        features1 = slice_layer1(cnn_features)
        cnn_features = slice_layer2(cnn_features)
        for k2 in range(h):
            features2 = slice_layer3(features1)
            features1 = slice_layer4(features1)
            features.append(features2)

    relations = []
    concat = Concatenate()
    for feature1 in features:
        for feature2 in features:
            relations.append(concat([feature1, feature2, lstm_encode]))

    g_MLP = get_MLP(4, get_dense(4))
    f_MLP = get_MLP(2, get_dense(2))

    mid_relations = []
    for r in relations:
        mid_relations.append(g_MLP(r))
    combined_relation = Add()(mid_relations)

    rn = dropout_dense(combined_relation)
    rn = dropout_dense(rn)
    pred = Dense(1, activation='sigmoid')(rn)

    model = Model(inputs=[input1, input2], outputs=pred)
    optimizer = Adam(learning_rate=3e-5)
    model.compile(optimizer=optimizer, loss='binary_crossentropy', metrics=['accuracy'])
    rng = np.random.default_rng(0)
    inputs = [rng.random((2, 32, 48, 3)).astype('float32'), rng.integers(1, 100, (2, mxlen)).astype('float32')]
    return model, inputs
