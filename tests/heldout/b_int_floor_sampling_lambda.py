"""A stochastic binarising output, `floor(x + uniform)`, in a Lambda after a Dense: the Dense gets no gradient.

The report defined `FloorSampling(x) = tf.floor(x + tf.random_uniform(...))` for multi-hot piano-key
outputs and used it as `Lambda(FloorSampling)`; fitting failed because Floor and Round have `None`
gradients in TensorFlow. Written for Keras 3 with `keras.ops` and `keras.random`.
"""

SOURCE = "https://github.com/keras-team/keras/issues/5521"
CODES = ("LD009",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py b_int_floor_sampling_lambda.py:
as returned: Sequential, count_params() = 7832, 4 weights, unbuilt: none
after call: count_params() = 7832, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 4 trainable weights: ['sequential/dense/kernel', 'sequential/dense/bias', 'sequential/dense_1/kernel', 'sequential/dense_1/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


def floor_sampling(x):
    return ops.floor(x + keras.random.uniform(ops.shape(x), 0.0, 1.0))


def build_model(n_keys=88):
    model = keras.Sequential([
        keras.Input((32,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(n_keys, activation="sigmoid"),
        layers.Lambda(floor_sampling),
    ])
    model.compile("adam", "binary_crossentropy")
    return model
