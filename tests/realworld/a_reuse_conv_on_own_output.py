"""One Conv2D instance applied to the image and then to its own 32-channel output.

The reporter defined reusable layer objects (`convLayer_32_3_3`, `maxPoolLayer_2_2`) once and
chained `conv1_1 = convLayer_32_3_3(x_img)` then `conv1_2 = convLayer_32_3_3(conv1_1)`, expecting a
VGG-style pair of convolutions. It fails with "expected axis -1 of input shape to have value 3":
the kernel was built for the 3-channel image. Ported from TF1 placeholders to a Keras 3
functional model.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/32682"
CODES = ("LD008",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
build_model() raises ValueError "Input 0 with name 'None' of layer 'convLayer_32_3_3' is
incompatible with the layer: expected axis -1 of input shape to have value 3, but received input
with shape (None, 32, 32, 32)" at the second call of the module-level Conv2D."""

import keras

convLayer_32_3_3 = keras.layers.Conv2D(
    filters=32, kernel_size=(3, 3), strides=(1, 1), padding="same",
    data_format="channels_last", activation="relu", name="convLayer_32_3_3",
)
maxPoolLayer_2_2 = keras.layers.MaxPool2D(pool_size=(2, 2), strides=(2, 2))


def build_model():
    x = keras.Input(shape=(3072,))
    x_img = keras.layers.Reshape((3, 32, 32))(x)
    x_img = keras.layers.Permute((2, 3, 1))(x_img)
    conv1_1 = convLayer_32_3_3(x_img)
    conv1_2 = convLayer_32_3_3(conv1_1)
    pool1 = maxPoolLayer_2_2(conv1_2)
    logits = keras.layers.Dense(10)(keras.layers.Flatten()(pool1))
    return keras.Model(x, logits)
