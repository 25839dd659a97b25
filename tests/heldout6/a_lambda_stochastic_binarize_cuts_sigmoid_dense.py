"""A Lambda that binarizes a sigmoid Dense output stochastically (`random_uniform <= p`, cast to float) and multiplies the input by it: the Dense gets no gradient.

The reporter wanted a layer that turns a probability in (0, 1) into 0 or 1 and gates the input
with it: `x1 * K.cast(K.random_uniform(shape=K.shape(x2)) <= x2, 'float32')`, where `x2` is a
`Dense(1, activation='sigmoid')` of the input. Training stopped with "No gradients provided for
any variable". The comparison returns booleans, the cast to float has nothing to differentiate,
so the only weights of the model (the Dense's kernel and bias) are cut from the loss. Ported to
Keras 3 with `keras.ops` / `keras.random` in place of `keras.backend`.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/44125"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py a_lambda_stochastic_binarize_cuts_sigmoid_dense.py:
as returned: Functional, count_params() = 2, 2 weights, unbuilt: none
after call: count_params() = 2, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 2 trainable weights: ['dense/kernel', 'dense/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops
from keras.layers import Dense, Input, Lambda
from keras.models import Model


def binarize(d):
    x1, x2 = d
    return x1 * ops.cast(keras.random.uniform(shape=ops.shape(x2)) <= x2, "float32")


def build_model():
    inp = Input((1,))
    var = Dense(1, activation="sigmoid")(inp)
    out = Lambda(binarize)([inp, var])

    model = Model(inp, out)
    model.compile(loss="mse", optimizer="sgd")
    return model
