"""A Keras Relation Network for Cornell NLVR cuts the CNN feature map into "objects" with one Lambda per cell:
`def get_feature(t): return t[:, k1, k2, :]` defined inside the `for k1 ... for k2 ...` loop and wrapped in
`Lambda(get_feature)`. The function does not own `k1`/`k2`: it reads the loop variables of the enclosing scope when it
runs (LD012, a Lambda using state defined outside it). Under the 2017 graph-mode Keras the Lambda ran once, inside the
loop, so each object was its own cell; on Keras 3 the functional model calls every Lambda's function again at run
time, after the loop has finished, so all w*h Lambdas return the LAST cell `t[:, w-1, h-1, :]`. Every one of the
(w*h)^2 relations fed to g_MLP is the same vector, and the "relation" network sees one object. Nothing raises, the
wiring-time shapes are right, all weights are tracked and get gradients; the outputs are silently wrong.

From jayjinseokkim/relation-network, `train.py` (`bn_layer`, `conv_net`, the feature/relation loops, `get_dense`,
`get_MLP`, `dropout_dense`) at e0c6313.

Porting edits: the script's module-level code is inside build_model(); data loading (`prepare.load_data`,
`tokenize_data`, `load_images`), the GloVe file and `fit`/`save` are dropped; `prepare.embedding_layer` (a frozen
GloVe `Embedding` with `weights=[matrix]`, `input_length=`) is a frozen `Embedding(100, 50)` initialised from a random
matrix (Keras 3 has no `weights=`/`input_length=`); `keras.layers.convolutional`/`normalization` imports become
`keras.layers`; `Adam(lr=3e-5)` is `Adam(learning_rate=3e-5)`; the image is 32x48 instead of 50x200 (a 2x3 feature map,
6 objects, 36 relations instead of 3x12, 36 and 1296) to keep the graph small. build_model() returns the compiled
model with 2 random images and 2 token sequences.
"""

SOURCE = "https://github.com/jayjinseokkim/relation-network/blob/e0c631306dc8dc7909a21143bc9e82bb13fafd0c/train.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 368169, 51 weights, unbuilt: none
after call: count_params() = 368169, 40 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 40 trainable weights: []
tape watched 1 variables the model does not track: ['embedding/embeddings:0']
(that is the frozen Embedding's non-trainable weight, in model.weights; the check compares with trainable weights only.)
second call: 0 variables watched that the first call did not use
python probes/probe_rn.py <this file>: the 6 feature Lambdas on the 2x3 CNN map all return the last cell t[:, 1, 2, :] when the model runs (1 distinct feature vector; Lambda 0 does not equal its own cell t[:, 0, 0, :]), so the 36 relations are one repeated vector."""

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
    features = []
    for k1 in range(w):
        for k2 in range(h):
            def get_feature(t):
                return t[:, k1, k2, :]
            get_feature_layer = Lambda(get_feature)
            features.append(get_feature_layer(cnn_features))

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
