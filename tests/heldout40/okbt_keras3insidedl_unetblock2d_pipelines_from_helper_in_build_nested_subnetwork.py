"""Correct: a Keras 3 port of "Inside Deep Learning" builds its U-Net from `UNetBlock2d` layers that set their sublayers to None in `__init__`, create `Pipeline`s from a `cnn_layer()` helper in `build()` without building them, and put the nested `sub_network` block (made by the caller) inside a new Pipeline; every weight is tracked and trained.

From quangtiencs/keras3-inside-deep-learning (Edward Raff's PyTorch book ported to multi-backend Keras 3, 2025-2026),
`Chapter_08.ipynb`, cells 10, 20 and 21. The PyTorch original builds `nn.Sequential`s in `__init__`; the port moves
them into `build()`. What a naive checker sees: `self.input_layer = None` / `self.bottleneck = None` /
`self.output_layer = None` in `__init__` and reassigned in `build()`; sublayers made by a module-level helper
(`cnn_layer` returns `Pipeline([Conv2D, BatchNormalization, LeakyReLU])`) and kept in a local list before being
wrapped; a `build()` that neither builds its sublayers nor calls `super().build()`; a layer passed in from outside
(`sub_network`) re-wrapped in a Pipeline created in `build()`. On Keras 3 all of these are tracked (sublayers assigned
in `build()` count), they are built on the first call, and `summary()` in the notebook shows 780,704 params.

Porting edits: none to the layer or the helper. build_model() builds the notebook's three-level Sequential
(`UNetBlock2d(3, 32, layers=2, sub_network=UNetBlock2d(32, 64, out_channels=32, layers=2,
sub_network=UNetBlock2d(64, 128, out_channels=64, layers=2)))` and a 1x1 sigmoid Conv2D), channels-first, on
(3, 16, 16) inputs instead of (3, 256, 256) (parameter counts do not depend on the image size).
"""

SOURCE = "https://github.com/quangtiencs/keras3-inside-deep-learning/blob/72d6792dfd2755e6e1cbf59c10395eca5400d45f/Chapter_08.ipynb"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bt/okbt_keras3insidedl_unetblock2d_pipelines_from_helper_in_build_nested_subnetwork.py:
as returned: Sequential, count_params() = 780737, 82 weights, unbuilt: none
after call: count_params() = 780737, 58 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 58 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'u_net_block2d_2': 780704, 'u_net_block2d_1': 733088, 'u_net_block2d': 526912}
second call: 0 variables watched that the first call did not use"""

import keras


def cnn_layer(out_filters, kernel_size=3):
    """
    in_filters: how many channels are in the input to this layer
    out_filters: how many channels should this layer output
    kernel_size: how large should the filters of this layer be
    """
    conv2d = keras.layers.Conv2D(
        filters=out_filters,
        kernel_size=kernel_size,
        padding="same",
        data_format="channels_first",
    )
    batchnorm = keras.layers.BatchNormalization(axis=1)
    activation = keras.layers.LeakyReLU()
    return keras.layers.Pipeline([conv2d, batchnorm, activation])


class UNetBlock2d(keras.layers.Layer):
    def __init__(
            self,
            in_channels,
            mid_channels,
            out_channels=None,
            layers=1,
            sub_network=None,
            filter_size=3,
            **kwargs,
    ):
        super().__init__(**kwargs)

        self.input_layer = None
        self.bottleneck = None
        self.output_layer = None
        self.mid_channels = mid_channels
        self.out_channels = out_channels
        self.num_layers = layers
        self.filter_size = filter_size
        self.sub_network = sub_network

        if sub_network is None:
            self.inputs_to_outputs = 1
        else:
            self.inputs_to_outputs = 2

    def build(self, input_shape):
        self.input_layer = keras.layers.Pipeline(
            [
                cnn_layer(self.mid_channels, self.filter_size)
                for _ in range(self.num_layers)
            ]
        )

        output_layer: list[keras.layers.Layer] = [
            cnn_layer(self.mid_channels, self.filter_size)
            for _ in range(self.num_layers)
        ]

        if self.out_channels is not None:
            l = keras.layers.Conv2D(
                self.out_channels, 1, padding="same", data_format="channels_first"
            )
            output_layer.append(l)

        self.output_layer = keras.layers.Pipeline(output_layer)

        if self.sub_network is not None:
            self.bottleneck = keras.layers.Pipeline(
                [
                    keras.layers.MaxPooling2D(
                        pool_size=2, data_format="channels_first"
                    ),
                    self.sub_network,
                    keras.layers.Conv2DTranspose(
                        self.mid_channels,
                        self.filter_size,
                        strides=2,
                        data_format="channels_first",
                        padding="same",
                    ),
                ]
            )
        else:
            self.bottleneck = None

    def call(self, inputs, training=None):
        x = inputs
        full_scale_result = self.input_layer(x)
        if self.bottleneck is not None:
            bottle_result = self.bottleneck(full_scale_result)
            full_scale_result = keras.ops.concatenate(
                [full_scale_result, bottle_result], axis=1
            )
        return self.output_layer(full_scale_result)


def build_model():
    return keras.models.Sequential(
        [
            keras.layers.Input(shape=(3, 16, 16)),
            UNetBlock2d(
                3,
                32,
                layers=2,
                sub_network=UNetBlock2d(
                    32,
                    64,
                    out_channels=32,
                    layers=2,
                    sub_network=UNetBlock2d(64, 128, out_channels=64, layers=2),
                ),
            ),
            keras.layers.Conv2D(
                1, 1, data_format="channels_first", padding="same", activation="sigmoid"
            ),
        ]
    )
