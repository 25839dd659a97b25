"""`[Conv2D(fm, 3)] * n` to stack n convolutions: the list holds one layer n times, first called on a 1-channel image.

The report loops over `layers = [Conv2D(fm, 3, padding='same')] * n` to avoid writing n Conv2D calls
for residual blocks; the second call fails to "infer the correct input shape". List multiplication
repeats one instance: the same kernel, built for 1 input channel, is applied to an 8-channel tensor.
"""

SOURCE = "https://github.com/keras-team/keras/issues/12948"
CODES = ("LD008", "LD007")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py a_reuse_conv_list_multiplication.py:
build_model() raised ValueError: Input 0 with name 'None' of layer 'conv2d' is incompatible with the layer: expected axis -1 of input shape to have value 1, but received input with shape (None, 64, 64, 8)"""

import keras
from keras import layers


def build_model(fm=8, n=4):
    inputs = keras.Input((64, 64, 1))
    convs = [layers.Conv2D(fm, 3, kernel_initializer="glorot_normal", padding="same")] * n
    h = inputs
    for conv in convs:
        z = conv(h)
        h = layers.Activation("relu")(z)
    return keras.Model(inputs, h)
