"""Hand-pose keypoint regression with a `Spatial_softargmax` layer whose `build()` ends with the typo
`self.build = True` (meant: `self.built = True`) and whose only weight is a trainable (H, W, 2)
grid of image coordinates - correct on Keras 3 despite both looks.

The layer softmaxes every heat-map channel over the image and returns the expected (u, v) under a
learned coordinate grid `image_coords` made with `add_weight` in `build()`. Rebinding `build` on the
instance to `True` looks as if it could break building or leave the layer unbuilt, and a weight
that only enters through a broadcast product looks like a candidate for "no gradient"; measured,
Keras has already called the real `build()` once, marks the layer built, counts the grid,
gives it a gradient, and saves/reloads it.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); the layer's `get_config` (which returns
None) and a debugging `print` in `call()` left out; the EfficientDet trunk replaced by an 8x8x16
input and one Conv2D producing the 21 heat maps (the repository's network.py calls the function
form `spatial_soft_argmax` with a fixed grid at this point; the layer class is the trainable-grid
variant kept next to it).
"""

SOURCE = "https://github.com/davidkwlarsson/ModifiedEfficientDet/blob/fe793eacc8dcfede0b6d56fb683e62551a147069/Modified_EfficientDet/keypointconnector.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py okv_handpose_spatial_softargmax_build_overwritten_by_flag.py:
as returned: Functional, count_params() = 3173, 3 weights, unbuilt: none
after call: count_params() = 3173, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'spatial_softargmax': 128}
second call: 0 variables watched that the first call did not use
Own scripts: after building, layer.built is True and layer.build is the bool True; one fit epoch (sgd, mse) changes
3 of 3 trainable weights (exact comparison; the updates are below np.allclose's tolerance because of the /224 scale);
save_weights / load_weights into a second copy reproduces the outputs exactly."""

import keras
import tensorflow as tf
from keras import layers


class Spatial_softargmax(layers.Layer):

    def __init__(self, heigth, width, channels, **kwargs):
        super(Spatial_softargmax, self).__init__(**kwargs)
        self.H = heigth
        self.W = width
        self.C = channels

    def build(self, input_shape):
        self.image_coords = self.add_weight(name='image_coords',
                                            shape=(self.H, self.W, 2), initializer='uniform',
                                            trainable=True)
        self.build = True

    def call(self, input):
        # Assume features is of size [N, H, W, C] (batch_size, height, width, channels)
        # Transpose it to [N, C, H, W], then reshape to [N * C, H * W] to compute softmax
        # jointly over the image dimensions
        features = tf.reshape(tf.transpose(input, [0, 3, 1, 2]), [-1, self.H * self.W])
        softmax = tf.nn.softmax(features)
        # Reshape and transpose back to original format.
        softmax = tf.transpose(tf.reshape(softmax, [-1, self.C, self.H, self.W]), [0, 2, 3, 1])
        # Convert softmax to shape [N, H, W, C, 1]
        softmax = tf.expand_dims(softmax, -1)
        # Convert image coords to shape [H, W, 1, 2]
        image_coords = tf.expand_dims(self.image_coords, 2)
        # Multiply (with broadcasting) and reduce over image dimensions to get the result
        # of shape [N, C, 2]
        spatial_soft_argmax = tf.reduce_sum(softmax * image_coords, axis=[1, 2])
        return spatial_soft_argmax/224


def build_model():
    feature = layers.Input(shape=(8, 8, 16))
    heatmaps = layers.Conv2D(21, kernel_size=3, strides=1, padding="same", name='heatmaps')(feature)
    uv_coords = Spatial_softargmax(8, 8, 21)(heatmaps)
    return keras.Model(inputs=feature, outputs=uv_coords)
