"""Correct: a spatial transformer whose sampling layer casts the sampled coordinates to int32 and gathers pixels: the localisation net still gets its gradient.

STN.keras builds a functional model: a small localisation net (conv, dense) regresses six affine
parameters, and a weightless `BilinearInterpolation` layer warps the image with them. Inside, the
sampled coordinates `x, y` are cast to `int32` (`x0 = cast(x, 'int32')`, clipped, turned into flat
indices for `gather`): an integer cast between the localisation weights and the loss, the classic
"no gradient" shape. But the cast only picks *which* pixels to read; the bilinear weights
`(x1 - x) * (y1 - y)` etc. are computed from the float coordinates, so the gradient reaches the
affine parameters and every localisation weight. Ported to Keras 3 (keras.ops/tf instead of
`keras.backend`; the identity-transform bias that `get_initial_weights` passed via `weights=` is
given as initializers).
"""

SOURCE = "https://github.com/oarriaga/STN.keras/blob/master/src/models/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oka_stn_bilinear_interpolation_int_cast_indices.py:
as returned: Functional, count_params() = 399202, 16 weights, unbuilt: none
after call: count_params() = 399202, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bilinear_interpolation': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
import keras
from keras import ops
from keras.layers import Activation, Conv2D, Dense, Flatten, Input, Layer, MaxPool2D
from keras.models import Model


class BilinearInterpolation(Layer):
    """Performs bilinear interpolation as a keras layer (Jaderberg et al., Spatial Transformer Networks)."""

    def __init__(self, output_size, **kwargs):
        self.output_size = output_size
        super().__init__(**kwargs)

    def get_config(self):
        return {"output_size": self.output_size}

    def compute_output_shape(self, input_shapes):
        height, width = self.output_size
        return (None, height, width, input_shapes[0][-1])

    def call(self, tensors):
        X, transformation = tensors
        return self._transform(X, transformation, self.output_size)

    def _interpolate(self, image, sampled_grids, output_size):
        batch_size = ops.shape(image)[0]
        height = ops.shape(image)[1]
        width = ops.shape(image)[2]
        num_channels = ops.shape(image)[3]

        x = ops.cast(ops.reshape(sampled_grids[:, 0:1, :], (-1,)), "float32")
        y = ops.cast(ops.reshape(sampled_grids[:, 1:2, :], (-1,)), "float32")
        x = 0.5 * (x + 1.0) * ops.cast(width, "float32")
        y = 0.5 * (y + 1.0) * ops.cast(height, "float32")

        x0 = ops.cast(x, "int32")
        x1 = x0 + 1
        y0 = ops.cast(y, "int32")
        y1 = y0 + 1

        max_x = int(image.shape[2] - 1)
        max_y = int(image.shape[1] - 1)
        x0 = ops.clip(x0, 0, max_x)
        x1 = ops.clip(x1, 0, max_x)
        y0 = ops.clip(y0, 0, max_y)
        y1 = ops.clip(y1, 0, max_y)

        pixels_batch = ops.arange(0, batch_size) * (height * width)
        pixels_batch = ops.expand_dims(pixels_batch, axis=-1)
        flat_output_size = output_size[0] * output_size[1]
        base = ops.reshape(ops.repeat(pixels_batch, flat_output_size, axis=1), (-1,))

        base_y0 = base + y0 * width
        base_y1 = base + y1 * width
        indices_a = base_y0 + x0
        indices_b = base_y1 + x0
        indices_c = base_y0 + x1
        indices_d = base_y1 + x1

        flat_image = ops.cast(ops.reshape(image, (-1, num_channels)), "float32")
        pixel_values_a = ops.take(flat_image, indices_a, axis=0)
        pixel_values_b = ops.take(flat_image, indices_b, axis=0)
        pixel_values_c = ops.take(flat_image, indices_c, axis=0)
        pixel_values_d = ops.take(flat_image, indices_d, axis=0)

        x0 = ops.cast(x0, "float32")
        x1 = ops.cast(x1, "float32")
        y0 = ops.cast(y0, "float32")
        y1 = ops.cast(y1, "float32")

        area_a = ops.expand_dims((x1 - x) * (y1 - y), 1)
        area_b = ops.expand_dims((x1 - x) * (y - y0), 1)
        area_c = ops.expand_dims((x - x0) * (y1 - y), 1)
        area_d = ops.expand_dims((x - x0) * (y - y0), 1)
        return (area_a * pixel_values_a + area_b * pixel_values_b
                + area_c * pixel_values_c + area_d * pixel_values_d)

    def _make_regular_grids(self, batch_size, height, width):
        x_linspace = tf.linspace(-1.0, 1.0, width)
        y_linspace = tf.linspace(-1.0, 1.0, height)
        x_coordinates, y_coordinates = tf.meshgrid(x_linspace, y_linspace)
        x_coordinates = ops.reshape(x_coordinates, (-1,))
        y_coordinates = ops.reshape(y_coordinates, (-1,))
        ones = ops.ones_like(x_coordinates)
        grid = ops.concatenate([x_coordinates, y_coordinates, ones], 0)
        grids = ops.tile(grid, [batch_size])
        return ops.reshape(grids, (batch_size, 3, height * width))

    def _transform(self, X, affine_transformation, output_size):
        batch_size, num_channels = ops.shape(X)[0], ops.shape(X)[3]
        transformations = ops.reshape(affine_transformation, (batch_size, 2, 3))
        regular_grids = self._make_regular_grids(batch_size, *output_size)
        sampled_grids = ops.matmul(transformations, regular_grids)
        interpolated_image = self._interpolate(X, sampled_grids, output_size)
        new_shape = (batch_size, output_size[0], output_size[1], num_channels)
        return ops.reshape(interpolated_image, new_shape)


def get_initial_weights(output_size):
    # start from the identity transform: zero kernel, bias [1, 0, 0, 0, 1, 0]
    b = np.zeros((2, 3), dtype="float32")
    b[0, 0] = 1
    b[1, 1] = 1
    W = np.zeros((output_size, 6), dtype="float32")
    return [W, b.flatten()]


def STN(input_shape=(60, 60, 1), sampling_size=(30, 30), num_classes=10):
    image = Input(shape=input_shape)
    locnet = MaxPool2D(pool_size=(2, 2))(image)
    locnet = Conv2D(20, (5, 5))(locnet)
    locnet = MaxPool2D(pool_size=(2, 2))(locnet)
    locnet = Conv2D(20, (5, 5))(locnet)
    locnet = Flatten()(locnet)
    locnet = Dense(50)(locnet)
    locnet = Activation("relu")(locnet)
    W, b = get_initial_weights(50)
    locnet = Dense(6, kernel_initializer=keras.initializers.Constant(W),
                   bias_initializer=keras.initializers.Constant(b))(locnet)
    x = BilinearInterpolation(sampling_size)([image, locnet])
    x = Conv2D(32, (3, 3), padding="same")(x)
    x = Activation("relu")(x)
    x = MaxPool2D(pool_size=(2, 2))(x)
    x = Conv2D(32, (3, 3))(x)
    x = Activation("relu")(x)
    x = MaxPool2D(pool_size=(2, 2))(x)
    x = Flatten()(x)
    x = Dense(256)(x)
    x = Activation("relu")(x)
    x = Dense(num_classes)(x)
    x = Activation("softmax")(x)
    return Model(inputs=image, outputs=x)


def build_model():
    return STN()
