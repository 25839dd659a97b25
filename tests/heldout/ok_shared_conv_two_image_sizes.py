"""One convolution layer shared by two inputs of different spatial size (32x32 and 64x64, same channels).

The Keras 1 report found the functional-API guide's shared-Conv2D snippet failed for Convolution3D
because the layer pinned the first input shape. On Keras 3 a convolution built for 3 channels accepts
any spatial size, so sharing it across resolutions is correct.
"""

SOURCE = "https://github.com/keras-team/keras/issues/5108"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_shared_conv_two_image_sizes.py:
as returned: Functional, count_params() = 337, 4 weights, unbuilt: none
after call: count_params() = 337, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


def build_model():
    a = keras.Input(shape=(32, 32, 32, 3))
    b = keras.Input(shape=(64, 64, 64, 3))
    conv = layers.Conv3D(4, 3, padding="same")
    pooled_a = layers.GlobalAveragePooling3D()(conv(a))
    pooled_b = layers.GlobalAveragePooling3D()(conv(b))
    merged = layers.Concatenate()([pooled_a, pooled_b])
    return keras.Model([a, b], layers.Dense(1)(merged))
