"""AliKHaliliT/ResNet18-3DD's `ResNet183DD` overrides `get_build_config()` to return its constructor config and `build_from_config()` as a classmethod that returns a new instance; `keras.models.load_model` calls it on the model it restores, which is therefore never built: no weights to load into, no error, and the first call builds fresh random weights.

From AliKHaliliT/ResNet18-3DD at HEAD (tensorflow-cpu 2.18, Keras 3; the two last commits are "Fixed a minor serialization
bug" and "Minor serialization improvement"), `ResNet183DD/resnet18_3dd.py`. Keras 3 saves `get_build_config()` in the
.keras file and, on load, calls `instance.build_from_config(build_config)` before loading the weights; the default
builds the model from the recorded input shape. The author's classmethod ignores the instance, constructs and drops
another `ResNet183DD`, and returns; the restored model's Conv3DLayers, blocks and Dense stay unbuilt (0 weights), the
weights file is skipped silently, and predictions come from new random weights (LD005: sublayers never built at the
point the weights are restored).

Also in the file (not the labelled defect here, the subject of the sibling case bu_resnet183dd_conv3dlayer_...): the
Conv3DLayer.build that skips its BatchNormalization. Porting edits: the four modules inlined; docstrings, argument checks
and HardSwish/Mish left out; the `register_keras_serializable` decorators kept only on the model (the layers are
rebuilt from the model's `__init__`). build_model() builds ResNet183DD(units=16), calls it on a (2, 8, 32, 32, 3)
batch, saves it to a temporary .keras file, loads it back with keras.models.load_model and returns the loaded model
with the batch (the round trip writes one file in a fresh temporary directory).

Doubt kept as decided: the root defect is the `build_from_config` override (a classmethod that never builds `self`);
LD005 is the catalog code for what it leaves behind (sublayers never built, weights absent when they should be
restored), though no sublayer is "never called" in the model's own code.
"""

SOURCE = "https://github.com/AliKHaliliT/ResNet18-3DD/blob/f231442bfe72ee0e082ade4849795b6a2973797c/ResNet183DD/resnet18_3dd.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bu/bu_resnet183dd_build_from_config_classmethod_loaded_model_never_built_weights_skipped.py:
warnings: ~100 numpy "__array__ implementation doesn't accept a copy keyword" DeprecationWarnings while saving (unrelated)
as returned (the loaded model): ResNet183DD, count_params() = 0, 0 weights, unbuilt: ['Conv3DLayer:conv3d_layer_24',
'BatchNormalization:batch_normalization_24', 'Conv3D:conv3d_24', ..., 'Residual3DD:residual3dd_7', ...] (every sublayer)
after call: count_params() = 33019952, 62 trainable weights, unbuilt: only the 4 dead shortcut Conv3DLayers (+ Conv3D/BN)
gradient None for 0 of 62 trainable weights: []; tape watched 0 untracked variables; second call: 0 new variables
probe (probe_resnet3dd_load.py): load_model returns built == True with 0 weights and stem.built == False, no Keras warning or
error; after its first call it has 102 weights and its outputs differ from the saved model's (max abs diff 0.0719 in one
run): the saved weights were never restored."""

from typing import Optional, Union

import os
import tempfile

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


@tf.keras.utils.register_keras_serializable()
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

    def get_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
        })
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def get_build_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
        })
        return config

    @classmethod
    def build_from_config(cls, config):
        return cls(**config)


def build_model():
    model = ResNet183DD(units=16)
    x = np.random.default_rng(0).random((2, 8, 32, 32, 3)).astype("float32")
    model(x)
    path = os.path.join(tempfile.mkdtemp(), "resnet183dd.keras")
    model.save(path)
    loaded = tf.keras.models.load_model(path)
    return loaded, x
