"""Kaggle Bengali.AI kernel: GeM pooling as a `Lambda` over a module-level `tf.Variable`, "registered" with `lambda_layer.trainable_weights.extend([gm_exp])`.

rsmits' "Keras EfficientNet B3 Training + Inference" kernel (Bengali.AI handwritten grapheme competition,
archived in the dslinter notebook set) adds Generalized-mean pooling on top of EfficientNet-B3:
`gm_exp = tf.Variable(3.0)` lives at module level, `generalized_mean_pool_2d(X)` raises the feature map
to `gm_exp`, and `create_model()` wraps it in `Lambda(...)` and then calls
`lambda_layer.trainable_weights.extend([gm_exp])` so that Keras 2 would train the exponent. On Keras 3
`trainable_weights` is a property that builds a fresh list on every access, so the extend is silently
discarded: the GeM exponent is in no layer's weights, is not counted, not saved with the model, and
fit() never updates it (the tape still watches it). The EfficientNet-B3 backbone (`efficientnet.keras`,
installed from a wheel in the kernel) is replaced by a two-conv stand-in with the same role.
"""

SOURCE = "https://github.com/Hynn01/dslinter-experiments/blob/8e8d462711abb41dbff0458467719a9c74d5c934/notebooks_2020/rsmits_keras-efficientnet-b3-training-inference/keras-efficientnet-b3-training-inference.py"
CODES = ("LD012", "LD006")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py j_kaggle_gem_lambda_global_variable.py:
as returned: Functional, count_params() = 11226, 10 weights, unbuilt: none
after call: count_params() = 11226, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine11b/m9.py): after create_model(), lambda_layer.weights == [] and gm_exp is not in model.weights (the trainable_weights.extend raised nothing and had no effect); after compile + fit(2 epochs) gm_exp is still 3.0."""

import numpy as np
import tensorflow as tf
import keras
from keras.models import Model
from keras.layers import Dense, Lambda, Input, Conv2D

# Constants
HEIGHT = 137
WIDTH = 236
FACTOR = 0.25
HEIGHT_NEW = int(HEIGHT * FACTOR)
WIDTH_NEW = int(WIDTH * FACTOR)
CHANNELS = 3
BATCH_SIZE = 16


# Generalized mean pool - GeM
gm_exp = tf.Variable(3.0, dtype = tf.float32)
def generalized_mean_pool_2d(X):
    pool = (tf.reduce_mean(tf.abs(X**(gm_exp)),
                        axis = [1, 2],
                        keepdims = False) + 1.e-7)**(1./gm_exp)
    return pool


def EfficientNetB3_standin(input_tensor):
    # stands in for efn.EfficientNetB3(weights=None, include_top=False, input_tensor=input, pooling=None)
    x = Conv2D(16, 3, strides=2, activation='relu', name='stem_conv')(input_tensor)
    x = Conv2D(32, 3, strides=2, activation='relu', name='top_conv')(x)
    return Model(input_tensor, x, name='efficientnet-b3')


# Create Model
def create_model(input_shape):
    # Input Layer
    input = Input(shape = input_shape)

    # Create and Compile Model and show Summary
    x_model = EfficientNetB3_standin(input_tensor = input)

    # UnFreeze all layers
    for layer in x_model.layers:
        layer.trainable = True

    # GeM
    lambda_layer = Lambda(generalized_mean_pool_2d)
    lambda_layer.trainable_weights.extend([gm_exp])
    x = lambda_layer(x_model.output)

    # multi output
    grapheme_root = Dense(168, activation = 'softmax', name = 'root')(x)
    vowel_diacritic = Dense(11, activation = 'softmax', name = 'vowel')(x)
    consonant_diacritic = Dense(7, activation = 'softmax', name = 'consonant')(x)

    # model
    model = Model(inputs = x_model.input, outputs = [grapheme_root, vowel_diacritic, consonant_diacritic])
    return model


def build_model():
    return create_model(input_shape = (HEIGHT_NEW, WIDTH_NEW, CHANNELS))
