"""Correct: a two-image CNN shares its Conv2D layers between both inputs but gives each branch its own BatchNormalization.

The report built four `Conv2D` layers once (`layer_conv2d_1_shared_OBL`, ...) and called each on
both image inputs, inserting a fresh `BatchNormalization()` after every call, then asked whether BN
behaves correctly with shared layers. The sharing is deliberate: each conv kernel is counted once and
trained from both branches; each branch normalises with its own statistics.
"""

SOURCE = "https://github.com/keras-team/keras/issues/8605"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py oka_shared_convs_two_images_separate_batchnorm.py:
as returned: Functional, count_params() = 1618, 32 weights, unbuilt: none
after call: count_params() = 1618, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


def build_model():
    shared_convs = [layers.Conv2D(8, 3, padding="same", name=f"conv2d_{i}_shared") for i in range(1, 4)]

    def branch(image, tag):
        x = image
        for i, conv in enumerate(shared_convs):
            x = conv(x)
            x = layers.BatchNormalization(name=f"bn_{i}_{tag}")(x)
            x = layers.Activation("elu")(x)
            if i == 0:
                x = layers.MaxPool2D(2)(x)
        return layers.GlobalMaxPooling2D()(x)

    direct = layers.Input((16, 16, 3), name="input_direct")
    inverse = layers.Input((16, 16, 3), name="input_inverse")
    merged = layers.Concatenate()([branch(direct, "d"), branch(inverse, "i")])
    return keras.Model([direct, inverse], layers.Dense(2, activation="softmax")(merged))
