"""One small ConvNet applied to slices along three axes of a volume through three TimeDistributed wrappers.

The report ("Weight sharing doesn't work") expected the 3.3M-parameter ConvNet to be counted once and
was surprised by the summary. The same ConvNet is intentionally shared; Keras 3 counts its weights
once.
"""

SOURCE = "https://github.com/keras-team/keras/issues/4281"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_timedistributed_shared_convnet_three_axes.py:
as returned: Functional, count_params() = 77, 4 weights, unbuilt: none
after call: count_params() = 77, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


def build_model(dim=12):
    slice_input = keras.Input((dim, dim, 1))
    y = layers.Conv2D(4, 3, padding="same", activation="relu")(slice_input)
    y = layers.Conv2D(1, 3, padding="same", activation="sigmoid")(y)
    convmodel = keras.Model(slice_input, y)

    volume = keras.Input((dim, dim, dim, 1))
    x_perm = layers.Permute((1, 2, 3, 4))(volume)
    y_perm = layers.Permute((2, 1, 3, 4))(volume)
    z_perm = layers.Permute((3, 1, 2, 4))(volume)
    x_seg = layers.TimeDistributed(convmodel)(x_perm)
    y_seg = layers.TimeDistributed(convmodel)(y_perm)
    z_seg = layers.TimeDistributed(convmodel)(z_perm)
    y_seg = layers.Permute((2, 1, 3, 4))(y_seg)
    z_seg = layers.Permute((2, 3, 1, 4))(z_seg)
    segmentation = layers.Concatenate()([x_seg, y_seg, z_seg])
    return keras.Model(volume, segmentation)
