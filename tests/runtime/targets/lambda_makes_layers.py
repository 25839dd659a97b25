"""Lambda functions that make layers each time they run (heldout4's group convolution post).

Buggy: a Lambda whose helper builds a Conv2D per channel group on every call; a Lambda whose own
body makes a Dense. Keras tracks none of those weights (the model counts only its own layers) and
a second call makes new ones. Twins: the same helpers with weightless layers made per call
(Activation, Concatenate: nothing to lose), and the group convolution as a Layer that makes its
convolutions once. test_runtime_lambda_makes_layers.py measures Keras first."""

import keras
from keras import layers


def group_conv(x, filters, groups):
    width = x.shape[-1] // groups
    parts = [layers.Conv2D(filters // groups, 3, padding="same")(x[..., g * width:(g + 1) * width])
             for g in range(groups)]
    return layers.concatenate(parts)


def grouped_in_lambda():
    return keras.Sequential([
        keras.Input((6, 6, 8)),
        layers.Lambda(lambda x: group_conv(x, filters=4, groups=2)),
        layers.GlobalAveragePooling2D(),
        layers.Dense(3),
    ])


def dense_in_lambda():
    inputs = keras.Input((5,))
    hidden = layers.Lambda(lambda t: layers.Dense(4)(t) * 2.0)(inputs)
    return keras.Model(inputs, layers.Dense(1)(hidden))


def activations_in_lambda():
    inputs = keras.Input((6, 6, 8))
    x = layers.Lambda(lambda t: layers.concatenate([layers.Activation("relu")(t[..., :4]), t[..., 4:]]))(inputs)
    return keras.Model(inputs, layers.Dense(3)(layers.GlobalAveragePooling2D()(x)))


class GroupConv(layers.Layer):
    def __init__(self, filters, groups, **kwargs):
        super().__init__(**kwargs)
        self.groups = groups
        self.convs = [layers.Conv2D(filters // groups, 3, padding="same") for _ in range(groups)]

    def call(self, x):
        width = x.shape[-1] // self.groups
        return keras.ops.concatenate([conv(x[..., g * width:(g + 1) * width]) for g, conv in enumerate(self.convs)], -1)


def grouped_as_a_layer():
    return keras.Sequential([keras.Input((6, 6, 8)), GroupConv(4, 2), layers.GlobalAveragePooling2D(), layers.Dense(3)])
