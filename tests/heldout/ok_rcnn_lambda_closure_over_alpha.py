"""A recurrent-convolution block factory whose leaky ReLU is a Lambda closing over a float `alpha`; each call makes new layers.

The report (passing a variable to a Lambda and loading the model from JSON) builds RCL blocks in a
helper: a new Conv2D per block and `Lambda(lambda x: relu(x, alpha=alpha))`. The closure captures a
plain number and each helper call creates its own layers: nothing is shared or left untracked.
"""

SOURCE = "https://github.com/keras-team/keras/issues/5396"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_rcnn_lambda_closure_over_alpha.py:
as returned: Functional, count_params() = 1970, 22 weights, unbuilt: none
after call: count_params() = 1970, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


def rcl(feed_forward_input, num_of_filter, filtersize, alpha, pool):
    conv = layers.Conv2D(filters=num_of_filter, kernel_size=filtersize, padding="same")
    recurrent_input = conv(feed_forward_input)
    merged = layers.add([feed_forward_input, recurrent_input])
    conv_relu = layers.Lambda(lambda x: keras.activations.leaky_relu(x, negative_slope=alpha))(merged)
    conv_relu = layers.BatchNormalization()(conv_relu)
    return layers.MaxPooling2D()(conv_relu) if pool else conv_relu


def make_rcnn(inputs, number_of_rcl, num_of_filter, filtersize, alpha, pool):
    feed_forward = layers.Conv2D(filters=num_of_filter, kernel_size=1, name="init")(inputs)
    for _ in range(number_of_rcl):
        feed_forward = rcl(feed_forward, num_of_filter, filtersize, alpha, pool)
    return feed_forward


def build_model():
    inputs = keras.Input((32, 32, 3))
    x = make_rcnn(inputs, 3, 8, 3, alpha=0.1, pool=False)
    x = layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, layers.Dense(10, activation="softmax")(x))
