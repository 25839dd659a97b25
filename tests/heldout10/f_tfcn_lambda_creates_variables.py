"""A `Lambda` whose function creates its own `tf.Variable`s (multiplier and bias), as the r1.15 docs taught.

The TF 1.15 `tf.keras.layers.Lambda` page says variables can be created inside a Lambda's function
("these variables will be created only once and reused if the Lambda layer is called on new inputs")
and shows `linear_transform` making `tf.Variable(1., name='multiplier')` and `tf.Variable(0.,
name='bias')`, added after a `Dense(10, relu)` in a Sequential model. Ported to Keras 3 unchanged,
the Lambda does not own those variables: they are made anew on each call and the model does not
track them.
"""

SOURCE = "https://tensorflow.google.cn/versions/r1.15/api_docs/python/tf/keras/layers/Lambda?hl=pl"
CODES = ("LD012", "LD002")
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py f_tfcn_lambda_creates_variables.py:
as returned: Sequential, count_params() = 170, 2 weights, unbuilt: none
after call: count_params() = 170, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['sequential/lambda/multiplier:0', 'sequential/lambda/bias:0']
second call: 2 variables watched that the first call did not use
"""

import tensorflow as tf
from tensorflow import keras


def linear_transform(x):
    v1 = tf.Variable(1., name='multiplier')
    v2 = tf.Variable(0., name='bias')
    return x * v1 + v2


def build_model():
    linear_layer = keras.layers.Lambda(linear_transform)
    model = keras.Sequential()
    model.add(keras.Input(shape=(16,)))
    model.add(keras.layers.Dense(10, activation='relu'))
    model.add(linear_layer)  # "Reuses existing Variables"
    return model
