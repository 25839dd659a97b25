"""kimm's `ReparameterizableConv2D` (MobileOne / GhostNetV3 block): its `call()` instantiates a fresh
`layers.Add(...)` every time it merges the skip, scale and over-parameterised branches; the branches are
kept in a plain Python list `self.conv_kxk` of `Sequential`s, a `_sublayers` property is overridden, and
`build()` builds each child by hand then sets `self.built = True` without `super().build()`. An export
helper pulls the weights out with `ops.convert_to_numpy`.

From james77777778/keras-image-models (`kimm/_src/layers/reparameterizable_conv2d.py`, a Keras 3
multi-backend library). Looks like a sublayer made in `call()`, an untracked list of layers, a hand-written
`build()` that might skip a child, and weights turned into NumPy, but on Keras 3: the per-call `Add` layers
are weightless (nothing to track, nothing to train, and `fit` traces them without error), the list of
`Sequential`s is tracked, `build()` builds every child that has weights (the `ZeroPadding2D` it leaves to
`call()` has no state), and `convert_to_numpy` is only used by the offline re-parameterisation export, not in
`call()`. All branch weights are counted and receive gradients.

Porting edits: the `kimm_export` decorator dropped (registration only); the file otherwise kept as written,
including the keras.src helpers `standardize_data_format` / `standardize_tuple`; `build_model()` stacks two
blocks the way `kimm`'s MobileOne does (a stride-1 block with skip, two k x k branches and ReLU, then a
stride-2 block without skip, which takes the zero-padding path), 4 and 8 filters on an 8x8x4 input, then
global pooling and Dense(3).
"""

SOURCE = "https://github.com/james77777778/keras-image-models/blob/279565e19f7cff3fa07b2972c124ec62858d32cb/kimm/_src/layers/reparameterizable_conv2d.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/oko_kimm_reparameterizable_conv2d_add_layers_made_in_call.py:
as returned: Functional, count_params() = 779, 31 weights, unbuilt: none
after call: count_params() = 779, 19 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 19 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'stage0': 368, 'stage1': 384}
second call: 0 variables watched that the first call did not use
stage0 = skip BN 16 + 1x1 scale branch 32 + two 3x3 branches 2 x 160 = 368, as intended.
Own script (/tmp/mine26b/p3.py): compile(SGD(0.1), 'mse') + fit 2 epochs runs (the Add layers made in
call() are traced without error), losses 0.595 -> 0.275, 19/19 trainable weights change; stage0 tracks
['stage0_skip', 'stage0_conv_scale', 'stage0_conv_kxk_0', 'stage0_conv_kxk_1', 'activation'];
get_reparameterized_weights() exports a (3, 3, 4, 4) kernel and (4,) bias."""

import typing

import keras
import numpy as np
from keras import Sequential
from keras import layers
from keras import ops
from keras.src.backend import standardize_data_format
from keras.src.layers import Layer
from keras.src.utils.argument_validation import standardize_tuple

@keras.saving.register_keras_serializable(package="kimm")
class ReparameterizableConv2D(Layer):
    def __init__(
        self,
        filters,
        kernel_size,
        strides=1,
        padding=None,
        has_skip: bool = True,
        has_scale: bool = True,
        use_depthwise: bool = False,
        branch_size: int = 1,
        reparameterized: bool = False,
        data_format=None,
        activation=None,
        name=None,
        **kwargs,
    ):
        super().__init__(name=name, **kwargs)
        self.filters = filters
        self.kernel_size = standardize_tuple(kernel_size, 2, "kernel_size")
        self.strides = standardize_tuple(strides, 2, "strides")
        self.padding = padding
        self.has_skip = has_skip
        self.has_scale = has_scale
        self.use_depthwise = use_depthwise
        self.branch_size = branch_size
        self.reparameterized = reparameterized
        self.data_format = standardize_data_format(data_format)
        self.activation = activation

        if self.kernel_size[0] != self.kernel_size[1]:
            raise ValueError(
                "The values of `kernel_size` must be the same. "
                f"Received: kernel_size={kernel_size}"
            )
        if self.strides[0] != self.strides[1]:
            raise ValueError(
                "The values of `strides` must be the same. "
                f"Received: strides={strides}"
            )
        if has_skip is True and self.strides[0] != 1:
            raise ValueError(
                "When `has_skip=True`, `strides` must be `1`. "
                f"Received: has_skip={has_skip}, strides={strides}"
            )

        # Configure zero padding
        self.zero_padding: typing.Optional[layers.ZeroPadding2D] = None
        if self.padding is None:
            if self.strides[0] > 1 and self.kernel_size[0] > 1:
                self.padding = "valid"
                self.zero_padding = layers.ZeroPadding2D(
                    self.kernel_size[0] // 2,
                    data_format=self.data_format,
                    dtype=self.dtype_policy,
                    name=f"{self.name}_pad",
                )
            else:
                self.padding = "same"

        # Configure filters_axis
        self.filters_axis = -1 if self.data_format == "channels_last" else -3

        # Build layers
        bn_momentum, bn_epsilon = 0.9, 1e-5  # Defaults to torch's default

        self.reparameterized_conv2d: typing.Optional[layers.Conv2D] = None
        self.skip: typing.Optional[layers.BatchNormalization] = None
        self.conv_scale: typing.Optional[Sequential] = None
        self.conv_kxk: typing.List[Sequential] = []
        self.act: typing.Optional[layers.Activation] = None

        if self.reparameterized:
            self.reparameterized_conv2d = self._get_conv2d_layer(
                self.use_depthwise,
                self.filters,
                self.kernel_size,
                self.strides,
                self.padding,
                use_bias=True,
                name=f"{self.name}_reparam_conv",
            )
        else:
            # Skip branch
            if self.has_skip:
                self.skip = layers.BatchNormalization(
                    axis=self.filters_axis,
                    momentum=bn_momentum,
                    epsilon=bn_epsilon,
                    dtype=self.dtype_policy,
                    name=f"{self.name}_skip",
                )
            # Scale branch
            if self.has_scale:
                self.conv_scale = Sequential(
                    [
                        self._get_conv2d_layer(
                            self.use_depthwise,
                            self.filters,
                            1,
                            self.strides,
                            self.padding,
                            use_bias=False,
                        ),
                        layers.BatchNormalization(
                            axis=self.filters_axis,
                            momentum=bn_momentum,
                            epsilon=bn_epsilon,
                            dtype=self.dtype_policy,
                        ),
                    ],
                    name=f"{self.name}_conv_scale",
                )
            # Overparameterized branch
            for i in range(self.branch_size):
                self.conv_kxk.append(
                    Sequential(
                        [
                            self._get_conv2d_layer(
                                self.use_depthwise,
                                self.filters,
                                self.kernel_size,
                                self.strides,
                                self.padding,
                                use_bias=False,
                            ),
                            layers.BatchNormalization(
                                axis=self.filters_axis,
                                momentum=bn_momentum,
                                epsilon=bn_epsilon,
                                dtype=self.dtype_policy,
                            ),
                        ],
                        name=f"{self.name}_conv_kxk_{i}",
                    )
                )
        if activation is not None:
            self.act = layers.Activation(activation, dtype=self.dtype_policy)

    @property
    def _sublayers(self):
        """An internal api for weights exporting.

        Generally, you don't need this.
        """
        sublayers = []
        if self.reparameterized_conv2d is not None:
            sublayers.append(self.reparameterized_conv2d)
        if self.skip is not None:
            sublayers.append(self.skip)
        if self.conv_scale is not None:
            sublayers.append(self.conv_scale)
        if self.conv_kxk is not None:
            sublayers.extend(self.conv_kxk)
        if self.act is not None:
            sublayers.append(self.act)
        return sublayers

    def _get_conv2d_layer(
        self,
        use_depthwise,
        filters,
        kernel_size,
        strides,
        padding,
        use_bias,
        name=None,
    ):
        if use_depthwise:
            return layers.DepthwiseConv2D(
                kernel_size,
                strides,
                padding,
                data_format=self.data_format,
                use_bias=use_bias,
                dtype=self.dtype_policy,
                name=name,
            )
        else:
            return layers.Conv2D(
                filters,
                kernel_size,
                strides,
                padding,
                data_format=self.data_format,
                use_bias=use_bias,
                dtype=self.dtype_policy,
                name=name,
            )

    def build(self, input_shape):
        input_filters = input_shape[self.filters_axis]
        if self.use_depthwise and input_filters != self.filters:
            raise ValueError(
                "When `use_depthwise=True`, `filters` must be the same as "
                f"input filters. Received: input_shape={input_shape}, "
                f"filters={self.filters}"
            )

        if isinstance(self.zero_padding, layers.ZeroPadding2D):
            input_shape = self.zero_padding.compute_output_shape(input_shape)

        if self.reparameterized_conv2d is not None:
            self.reparameterized_conv2d.build(input_shape)

        if self.skip is not None:
            self.skip.build(input_shape)
        if self.conv_scale is not None:
            self.conv_scale.build(input_shape)
        for layer in self.conv_kxk:
            layer.build(input_shape)

        # Update internal parameters
        self.input_filters = input_filters

        self.built = True

    def call(self, inputs, training=None, **kwargs):
        x = inputs
        padded_x = x

        if self.zero_padding is not None:
            padded_x = self.zero_padding(x)

        # Shortcut for reparameterized=True
        if self.reparameterized:
            y = self.reparameterized_conv2d(padded_x)
            if self.act is not None:
                y = self.act(y)
            return y

        # Skip branch
        y = None
        if self.skip is not None:
            y = self.skip(x, training=training)
        # Scale branch
        if self.conv_scale is not None:
            scale_y = self.conv_scale(x, training=training)
            if y is None:
                y = scale_y
            else:
                y = layers.Add(dtype=self.dtype_policy)([y, scale_y])
        # Overparameterized bracnh
        for idx in range(self.branch_size):
            over_y = self.conv_kxk[idx](padded_x, training=training)
            if y is None:
                y = over_y
            else:
                y = layers.Add(dtype=self.dtype_policy)([y, over_y])
        if self.act is not None:
            y = self.act(y)
        return y

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "filters": self.filters,
                "kernel_size": self.kernel_size,
                "strides": self.strides,
                "padding": self.padding,
                "has_skip": self.has_skip,
                "has_scale": self.has_scale,
                "use_depthwise": self.use_depthwise,
                "branch_size": self.branch_size,
                "reparameterized": self.reparameterized,
                "data_format": self.data_format,
                "activation": self.activation,
                "name": self.name,
            }
        )
        return config

    def _get_reparameterized_weights_from_layer(self, layer):
        if isinstance(layer, Sequential):
            # Check
            if not isinstance(
                layer.layers[0], (layers.Conv2D, layers.DepthwiseConv2D)
            ):
                raise ValueError
            if not isinstance(layer.layers[1], layers.BatchNormalization):
                raise ValueError
            kernel = ops.convert_to_numpy(layer.layers[0].kernel)
            if self.use_depthwise:
                kernel = np.swapaxes(kernel, -2, -1)
            gamma = ops.convert_to_numpy(layer.layers[1].gamma)
            beta = ops.convert_to_numpy(layer.layers[1].beta)
            running_mean = ops.convert_to_numpy(layer.layers[1].moving_mean)
            running_var = ops.convert_to_numpy(layer.layers[1].moving_variance)
            eps = layer.layers[1].epsilon
        elif isinstance(layer, layers.BatchNormalization):
            k = self.kernel_size[0]
            input_filters = 1 if self.use_depthwise else self.input_filters
            kernel = np.zeros(
                shape=[k, k, input_filters, self.filters], dtype="float64"
            )
            for i in range(self.input_filters):
                group_i = 0 if self.use_depthwise else i
                kernel[k // 2, k // 2, group_i, i] = 1
            gamma = ops.convert_to_numpy(layer.gamma)
            beta = ops.convert_to_numpy(layer.beta)
            running_mean = ops.convert_to_numpy(layer.moving_mean)
            running_var = ops.convert_to_numpy(layer.moving_variance)
            eps = layer.epsilon
        else:
            raise NotImplementedError

        # use float64 for better precision
        kernel = kernel.astype("float64")
        gamma = gamma.astype("float64")
        beta = beta.astype("float64")
        running_var = running_var.astype("float64")
        running_var = running_var.astype("float64")

        std = np.sqrt(running_var + eps)
        t = np.reshape(gamma / std, [1, 1, 1, -1])

        kernel_final = kernel * t
        if self.use_depthwise:
            kernel_final = np.swapaxes(kernel_final, -2, -1)
        return kernel_final, beta - running_mean * gamma / std

    def get_reparameterized_weights(self):
        # Get kernels and bias from skip branch
        kernel_identity = 0.0
        bias_identity = 0.0
        if self.skip is not None:
            (
                kernel_identity,
                bias_identity,
            ) = self._get_reparameterized_weights_from_layer(self.skip)

        # Get kernels and bias from scale branch
        kernel_scale = 0.0
        bias_scale = 0.0
        if self.conv_scale is not None:
            (
                kernel_scale,
                bias_scale,
            ) = self._get_reparameterized_weights_from_layer(self.conv_scale)
            pad = self.kernel_size[0] // 2
            kernel_scale = np.pad(
                kernel_scale, [[pad, pad], [pad, pad], [0, 0], [0, 0]]
            )

        # Get kernels and bias from overparameterized branch
        kernel_conv = 0.0
        bias_conv = 0.0
        for i in range(self.branch_size):
            (
                _kernel_conv,
                _bias_conv,
            ) = self._get_reparameterized_weights_from_layer(self.conv_kxk[i])
            kernel_conv += _kernel_conv
            bias_conv += _bias_conv

        kernel_final = kernel_conv + kernel_scale + kernel_identity
        bias_final = bias_conv + bias_scale + bias_identity
        return kernel_final, bias_final


def build_model():
    inputs = keras.Input(shape=(8, 8, 4))
    x = ReparameterizableConv2D(
        4, 3, strides=1, has_skip=True, branch_size=2, activation="relu", name="stage0"
    )(inputs)
    x = ReparameterizableConv2D(
        8, 3, strides=2, has_skip=False, branch_size=1, activation="relu", name="stage1"
    )(x)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(3)(x)
    return keras.Model(inputs, outputs)
