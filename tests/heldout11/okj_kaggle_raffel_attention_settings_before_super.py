"""Kaggle "Raffel attention" layer: settings set before `super().__init__()`, weights via positional `add_weight((dim,), ...)`, `self.built = True` by hand -- works on Keras 3.

artgor's Quora Insincere Questions kernel ("EDA and LSTM-CNN", archived with the dslinter notebook set)
pastes the attention layer that circulated through Kaggle NLP kernels: `__init__` assigns
`self.supports_masking = True`, the initializer, regularizers, constraints and `self.features_dim = 0`
*before* `super(Attention, self).__init__(**kwargs)`; build() passes the shape positionally to
`add_weight`, names weights with `self.name`, and ends with `self.built = True` instead of
super().build(); call() reshapes the input to 2-D to avoid `K.dot` on 3-D tensors. It has many of the
surface marks of late-super-init and hand-built code, but on Keras 3 + TF both weights are created and
tracked, get gradients, and masking stays on (compute_mask is overridden, so the base __init__ sets
supports_masking back to True).
"""

SOURCE = "https://github.com/Hynn01/dslinter-experiments/blob/8e8d462711abb41dbff0458467719a9c74d5c934/notebooks_2020/artgor_eda-and-lstm-cnn/eda-and-lstm-cnn.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py okj_kaggle_raffel_attention_settings_before_super.py:
as returned: Functional, count_params() = 28710, 19 weights, unbuilt: none
after call: count_params() = 28710, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 1 variables the model does not track: ['embedding/embeddings:0']
params of the case's own layers: {'attention': 134}
second call: 0 variables watched that the first call did not use
The one 'untracked' watched variable is the frozen Embedding (trainable=False, as the kernel wrote it): it is in model.non_trainable_weights, so _measure's trainable-only comparison lists it.
Own script (/tmp/mine11b/m5.py): Attention.supports_masking == True after construction; its weights are attention/attention_W and attention/attention_b (134 params); both change after model.fit(2 epochs)."""

import numpy as np
import keras
from keras import ops as K
from keras import initializers, regularizers, constraints
from keras.layers import (Input, Embedding, SpatialDropout1D, Bidirectional, GRU, Dense, Dropout,
                          BatchNormalization, Layer, concatenate, GlobalMaxPooling1D)
from keras.models import Model

max_len = 70
max_features = 500
embed_size = 30
embedding_matrix = np.random.default_rng(0).normal(0.0, 0.4, (max_features + 1, embed_size))


class Attention(Layer):
    def __init__(self, step_dim,
                 W_regularizer=None, b_regularizer=None,
                 W_constraint=None, b_constraint=None,
                 bias=True, **kwargs):
        """
        Keras Layer that implements an Attention mechanism for temporal data.
        Supports Masking.
        Follows the work of Raffel et al. [https://arxiv.org/abs/1512.08756]
        # Input shape
            3D tensor with shape: `(samples, steps, features)`.
        # Output shape
            2D tensor with shape: `(samples, features)`.
        """
        self.supports_masking = True
        #self.init = initializations.get('glorot_uniform')
        self.init = initializers.get('glorot_uniform')

        self.W_regularizer = regularizers.get(W_regularizer)
        self.b_regularizer = regularizers.get(b_regularizer)

        self.W_constraint = constraints.get(W_constraint)
        self.b_constraint = constraints.get(b_constraint)

        self.bias = bias
        self.step_dim = step_dim
        self.features_dim = 0
        super(Attention, self).__init__(**kwargs)

    def build(self, input_shape):
        assert len(input_shape) == 3

        self.W = self.add_weight((input_shape[-1],),
                                 initializer=self.init,
                                 name='{}_W'.format(self.name),
                                 regularizer=self.W_regularizer,
                                 constraint=self.W_constraint)
        self.features_dim = input_shape[-1]

        if self.bias:
            self.b = self.add_weight((input_shape[1],),
                                     initializer='zero',
                                     name='{}_b'.format(self.name),
                                     regularizer=self.b_regularizer,
                                     constraint=self.b_constraint)
        else:
            self.b = None

        self.built = True

    def compute_mask(self, input, input_mask=None):
        # do not pass the mask to the next layers
        return None

    def call(self, x, mask=None):
        # eij = K.dot(x, self.W) TF backend doesn't support it

        # features_dim = self.W.shape[0]
        # step_dim = x._keras_shape[1]

        features_dim = self.features_dim
        step_dim = self.step_dim

        eij = K.reshape(K.dot(K.reshape(x, (-1, features_dim)), K.reshape(self.W, (features_dim, 1))), (-1, step_dim))

        if self.bias:
            eij += self.b

        eij = K.tanh(eij)

        a = K.exp(eij)

        # apply mask after the exp. will be re-normalized next
        if mask is not None:
            # Cast the mask to floatX to avoid float64 upcasting in theano
            a *= K.cast(mask, keras.config.floatx())

        # in some cases especially in the early stages of training the sum may be almost zero
        a /= K.cast(K.sum(a, axis=1, keepdims=True) + keras.config.epsilon(), keras.config.floatx())

        a = K.expand_dims(a, -1)
        weighted_input = x * a
    #print weigthted_input.shape
        return K.sum(weighted_input, axis=1)

    def compute_output_shape(self, input_shape):
        #return input_shape[0], input_shape[-1]
        return input_shape[0],  self.features_dim


def build_model3(lr=0.0, lr_d=0.0, units=0, spatial_dr=0.0, dense_units=128, dr=0.1, use_attention=True):
    inp = Input(shape = (max_len,))
    x = Embedding(max_features + 1, embed_size, weights = [embedding_matrix], trainable = False)(inp)
    x1 = SpatialDropout1D(spatial_dr)(x)

    x_gru = Bidirectional(GRU(units * 2, return_sequences = True))(x1)
    if use_attention:
        x_att = Attention(max_len)(x_gru)
        x = Dropout(dr)(Dense(dense_units, activation='relu') (x_att))
    else:
        x_att = GlobalMaxPooling1D()(x_gru)
        x = Dropout(dr)(Dense(dense_units, activation='relu') (x_att))

    x = BatchNormalization()(x)
    x = Dropout(dr)(Dense(int(dense_units / 2), activation='relu') (x))
    x = Dense(2, activation = "sigmoid")(x)
    model = Model(inputs = inp, outputs = x)
    model.compile(loss = "binary_crossentropy", optimizer = keras.optimizers.Adam(learning_rate = lr), metrics = ["accuracy"])
    return model


def build_model():
    # the kernel then calls model.fit(X_train, y_ohe, ...) and load_model(file_path)
    model = build_model3(lr = 1e-3, lr_d = 0, units = 16, spatial_dr = 0.5, dense_units=16, dr=0.1, use_attention = True)
    return model, np.random.default_rng(1).integers(0, max_features, (2, max_len)).astype("float32")
