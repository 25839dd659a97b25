"""A user adds their own `kernelA` to a stock `Conv2D` with `add_weight` before calling it, hoping the conv will use it.

The Keras 3 report (2023): `y = Conv2D(32, 3)`, then `y.add_weight(shape=(3, 3, 128, 32), name="kernelA")`,
then `z = y(x)`; printing `y.weights` showed `kernelA` next to the `kernel` and `bias` the layer built for
itself on its first call. Training only ever uses the conv's own kernel: `kernelA` is a counted,
trainable weight that no computation reads.
"""

SOURCE = "https://github.com/keras-team/keras/issues/18893"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py b_tape_conv2d_extra_kernel_added_from_outside.py:
as returned: Functional, count_params() = 2330, 5 weights, unbuilt: none
after call: count_params() = 2330, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 5 trainable weights: ['conv2d/kernelA']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras


def build_model():
    features = keras.Input((10, 10, 16))
    conv = keras.layers.Conv2D(8, 3, activation="relu")
    # the user's "own" kernel, attached to the layer from outside before its first call
    conv.add_weight(shape=(3, 3, 16, 8), initializer="glorot_uniform", name="kernelA", trainable=True)
    hidden = conv(features)
    pooled = keras.layers.GlobalAveragePooling2D()(hidden)
    return keras.Model(features, keras.layers.Dense(2)(pooled))
