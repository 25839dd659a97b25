"""AliKHaliliT/ResNet18-3DD's `Conv3DLayer.build()` builds its Conv3D but not the BatchNormalization it made in `__init__`, so `model.build(shape)` (the repository's playground) leaves every BN unbuilt: 0 params in the summary, and weights cannot be loaded before a call.

From AliKHaliliT/ResNet18-3DD at HEAD (tensorflow-cpu 2.18, i.e. Keras 3): `ResNet183DD(tf.keras.Model)` overrides `build()` to
build its sublayers by hand through `compute_output_shape` chains, and `playground.py` does `model = ResNet183DD();
model.build((None, 32, 256, 256, 3)); model.summary()`. The block `Residual3DD.build()` builds its two Conv3DLayers and
(only when the shape changes) the shortcut; `Conv3DLayer.build()` calls `super().build()` and `self.convolution.build()`
only, so `self.normalize` (BatchNormalization, 4 variables each) is never built until the model is really called.
After model.build the model reports `built=True` and counts only the convolutions and the Dense head.

Also in the model and fine (look-alike parts): the shortcut Conv3DLayer left unbuilt in blocks whose shape does not
change is never called either (dead, not a weight loss); ReLU/AveragePooling/Add left unbuilt carry no weights.

Porting edits: the four modules (conv3d_layer, residual3d_d, activation_function, resnet18_3dd) inlined; the
`register_keras_serializable` decorators, the docstrings, the argument checks, get_config/get_build_config/
from_config and the HardSwish/Mish activations (unused with "relu") left out. build_model() builds the model like
playground.py with a smaller shape (None, 8, 32, 32, 3) and units=16 and returns it with a (2, 8, 32, 32, 3) batch.
"""

SOURCE = "https://github.com/AliKHaliliT/ResNet18-3DD/blob/f231442bfe72ee0e082ade4849795b6a2973797c/ResNet183DD/assets/layers/conv3d_layer.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bu/bu_resnet183dd_conv3dlayer_build_skips_batchnorm_model_build_leaves_bn_unbuilt.py:
as returned (after model.build): ResNet183DD, count_params() = 33001008, 22 weights, unbuilt: ['BatchNormalization:batch_normalization',
'BatchNormalization:batch_normalization_1', 'BatchNormalization:batch_normalization_2', 'Add:add', 'Conv3DLayer:conv3d_layer_5', ...] (every BN)
after call: count_params() = 33019952, 62 trainable weights, unbuilt: only the 4 dead shortcut Conv3DLayers (+ their Conv3D/BN)
gradient None for 0 of 62 trainable weights: []; tape watched 0 untracked variables; second call: 0 new variables
probe (probe_resnet3dd.py): after model.build stem.normalize.built == False; weights saved from a called model (stem BN gamma set to 3.0)
and loaded into a fresh model after model.build((None, 8, 32, 32, 3)): load_weights raises nothing, the BNs stay unbuilt with 0
weights, and after the first call the stem BN gamma is [1. 1. 1.] (not 3.0): the BN weights were silently dropped; conv kernels loaded."""

from typing import Optional, Union

import numpy as np
import tensorflow as tf


class Conv3DLayer(tf.keras.layers.Layer):
    def __init__(self, filters: int, kernel_size, strides, padding: str,
                 use_bias: bool = True, normalization: Optional[str] = None,
                 activation: Optional[str] = None, **kwargs) -> None:
        super().__init__(**kwargs)

        self.filters = filters
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding
        self.use_bias = use_bias
        self.normalization = normalization
        self.activation = activation

        self.convolution = tf.keras.layers.Conv3D(filters=self.filters, kernel_size=self.kernel_size,
                                                  strides=self.strides, padding=self.padding,
                                                  use_bias=self.use_bias)
        if self.normalization == "batch_norm":
            self.normalize = tf.keras.layers.BatchNormalization()
        elif self.normalization == "layer_norm":
            self.normalize = tf.keras.layers.LayerNormalization()
        if self.activation is not None:
            self.activate = tf.keras.layers.ReLU()  # activation_function("relu")

    def build(self, input_shape) -> None:
        super().build(input_shape)

        self.convolution.build(input_shape)

    def call(self, X: tf.Tensor) -> tf.Tensor:
        X_transformed = self.convolution(X)
        if self.normalization:
            X_transformed = self.normalize(X_transformed)
        return self.activate(X_transformed) if self.activation is not None else X_transformed

    def compute_output_shape(self, input_shape):
        return self.convolution.compute_output_shape(input_shape=input_shape)


class Residual3DD(tf.keras.layers.Layer):
    def __init__(self, filters: int, strides, **kwargs) -> None:
        super().__init__(**kwargs)

        self.filters = filters
        self.strides = strides

        # Main Path
        self.feature_extract = Conv3DLayer(filters=self.filters, kernel_size=(3, 3, 3), strides=(1, 1, 1),
                                           padding="same", use_bias=False, normalization="batch_norm",
                                           activation="relu")
        self.feature_extract1 = Conv3DLayer(filters=self.filters, kernel_size=(3, 3, 3), strides=self.strides,
                                            padding="same", use_bias=False, normalization="batch_norm")

        # Residual Path
        self.pool = tf.keras.layers.AveragePooling3D(pool_size=(2, 2, 2), strides=self.strides, padding="same")
        self.shortcut = Conv3DLayer(filters=self.filters, kernel_size=(1, 1, 1), strides=(1, 1, 1),
                                    padding="same", use_bias=False, normalization="batch_norm")

        # Finalize
        self.add = tf.keras.layers.Add()
        self.activate = tf.keras.layers.ReLU()

    def build(self, input_shape) -> None:
        super().build(input_shape)

        # Main Path
        self.feature_extract.build(input_shape)
        input_shape_transformed = self.feature_extract.compute_output_shape(input_shape)
        self.feature_extract1.build(input_shape_transformed)

        # Residual Path
        if input_shape != input_shape_transformed:
            self.shortcut.build(self.pool.compute_output_shape(input_shape))

    def call(self, X: tf.Tensor) -> tf.Tensor:
        X_transformed = self.feature_extract1(self.feature_extract(X))
        if X.shape != X_transformed.shape:
            X = self.shortcut(self.pool(X))
        return self.activate(self.add([X, X_transformed]))

    def compute_output_shape(self, input_shape):
        input_shape = self.feature_extract.compute_output_shape(input_shape)
        output_shape = self.feature_extract1.compute_output_shape(input_shape)
        return output_shape


class ResNet183DD(tf.keras.Model):
    def __init__(self, units: int = 256, **kwargs) -> None:
        super().__init__(**kwargs)

        self.units = units

        # Stem
        self.stem = Conv3DLayer(filters=32, kernel_size=(3, 3, 3), strides=(2, 2, 2), padding="same",
                                use_bias=False, normalization="batch_norm", activation="relu")
        self.stem1 = Conv3DLayer(filters=32, kernel_size=(3, 3, 3), strides=(1, 1, 1), padding="same",
                                 use_bias=False, normalization="batch_norm", activation="relu")
        self.stem2 = Conv3DLayer(filters=64, kernel_size=(3, 3, 3), strides=(1, 1, 1), padding="same",
                                 use_bias=False, normalization="batch_norm", activation="relu")
        self.stem3 = tf.keras.layers.MaxPool3D(pool_size=(2, 2, 2), strides=(2, 2, 2), padding="same")

        # Backbone
        self.block = Residual3DD(filters=64, strides=(1, 1, 1))
        self.block1 = Residual3DD(filters=128, strides=(1, 2, 2))
        self.block2 = Residual3DD(filters=128, strides=(1, 1, 1))
        self.block3 = Residual3DD(filters=256, strides=(1, 2, 1))
        self.block4 = Residual3DD(filters=256, strides=(1, 1, 1))
        self.block5 = Residual3DD(filters=512, strides=(1, 2, 2))
        self.block6 = Residual3DD(filters=512, strides=(1, 1, 1))

        # Head
        self.pooling = tf.keras.layers.GlobalAveragePooling3D()
        self.embedding = tf.keras.layers.Dense(units=self.units)

    def build(self, input_shape) -> None:
        super().build(input_shape)

        self.stem.build(input_shape)
        input_shape = self.stem.compute_output_shape(input_shape)
        self.stem1.build(input_shape)
        input_shape = self.stem1.compute_output_shape(input_shape)
        self.stem2.build(input_shape)
        input_shape = self.stem2.compute_output_shape(input_shape)
        self.stem3.build(input_shape)
        input_shape = self.stem3.compute_output_shape(input_shape)

        self.block.build(input_shape)
        input_shape = self.block.compute_output_shape(input_shape)
        self.block1.build(input_shape)
        input_shape = self.block1.compute_output_shape(input_shape)
        self.block2.build(input_shape)
        input_shape = self.block2.compute_output_shape(input_shape)
        self.block3.build(input_shape)
        input_shape = self.block3.compute_output_shape(input_shape)
        self.block4.build(input_shape)
        input_shape = self.block4.compute_output_shape(input_shape)
        self.block5.build(input_shape)
        input_shape = self.block5.compute_output_shape(input_shape)
        self.block6.build(input_shape)
        input_shape = self.block6.compute_output_shape(input_shape)

        self.pooling.build(input_shape)
        input_shape = self.pooling.compute_output_shape(input_shape)
        self.embedding.build(input_shape)

    def call(self, inputs: tf.Tensor) -> tf.Tensor:
        x = self.stem(inputs)
        x = self.stem1(x)
        x = self.stem2(x)
        x = self.stem3(x)
        x = self.block(x)
        x = self.block1(x)
        x = self.block2(x)
        x = self.block3(x)
        x = self.block4(x)
        x = self.block5(x)
        x = self.block6(x)
        x = self.pooling(x)
        return self.embedding(x)


def build_model():
    model = ResNet183DD(units=16)
    model.build((None, 8, 32, 32, 3))
    x = np.random.default_rng(0).random((2, 8, 32, 32, 3)).astype("float32")
    return model, x
