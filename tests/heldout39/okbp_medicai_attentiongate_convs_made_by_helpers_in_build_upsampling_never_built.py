"""medic-ai's `AttentionGate` (Attention U-Net) creates its three 1x1 convolutions in `build()` through a
factory helper (`get_conv_layer`), builds them by hand, leaves the upsampling/add/multiply layers unbuilt and
sets `self.built = True` itself: all tracked, built and trained on Keras 3 (look-alike).

From innat/medic-ai (a Keras 3 medical imaging library), `medicai/layers/attention.py`. `__init__` makes the
stateless ops (`get_act_layer("relu")`, `get_act_layer("sigmoid")`, `Multiply`, `Add`); `build(input_shape)`
reads `[x_shape, g_shape]`, makes `theta_x` (stride-2 1x1 conv), `upsampling`, `phi_g` and `psi` with
`get_conv_layer(spatial_dims, layer_type="conv", ...)`/`get_reshaping_layer(...)`, calls `.build()` on the three
convs with shapes computed by `compute_output_shape`, never calls `super().build()` and sets `self.built = True`.
A naive checker sees sublayers created outside `__init__` by a helper (LD002/LD011-looking), sublayers never
built in `build()` (LD005-looking: upsampling, add, mul, relu, sigmoid) and a hand-set `built` flag. On Keras 3
the helper returns ordinary layers assigned to self before the layer is built: they are tracked; the stateless
ones are built on their first call.

Porting edits: `get_conv_layer`, `get_reshaping_layer` and `get_act_layer` (medicai/utils/model_utils.py) are
reduced to the 2D/3D dispatch this layer uses (the real ones validate more arguments; `get_act_layer` returns
`layers.Activation(name)` for these two names). The class body is as the author wrote it (docstring shortened).
build_model() is one stage of the repository's UNet decoder `apply(x, skip)` (medicai/models/unet/decoder.py):
skip = AttentionGate(filters)([skip, x]), UpSampling2D, Concatenate, two 3x3 conv blocks (Conv2D+BN+ReLU in place
of medicai's ConvBnAct), fed by a two-level toy encoder on 32x32x3 inputs and a 1x1 sigmoid head.
"""

SOURCE = "https://github.com/innat/medic-ai/blob/0bb6cbf14da79429bdf8a187c6f8cc6df2804698/medicai/layers/attention.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bp/okbp_medicai_attentiongate_convs_made_by_helpers_in_build_upsampling_never_built.py:
as returned: Functional, count_params() = 15410, 28 weights, unbuilt: ['UpSampling2D:up_sampling2d', 'Add:add', 'Multiply:multiply']
after call: count_params() = 15410, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'decoder_stage0_attention_gate': 817}
second call: 0 variables watched that the first call did not use
(817 = theta_x 16*16+16 + phi_g 32*16+16 + psi 16+1: all three helper-made convs counted and trained. The
three layers listed unbuilt before the first call hold no weights: the functional graph used the gate's own
compute_output_shape, so call() first ran eagerly and built them then; no warning printed.)"""

import keras
from keras import layers


def get_conv_layer(spatial_dims: int, layer_type: str, **kwargs):
    if spatial_dims not in (2, 3):
        raise ValueError(f"spatial_dims must be 2 or 3. Got: {spatial_dims}")
    layer_type = layer_type.lower()
    if layer_type == "conv":
        ConvClass = {2: layers.Conv2D, 3: layers.Conv3D}[spatial_dims]
    elif layer_type == "conv_transpose":
        ConvClass = {2: layers.Conv2DTranspose, 3: layers.Conv3DTranspose}[spatial_dims]
    else:
        raise ValueError(f"Unsupported layer_type: '{layer_type}'.")
    return ConvClass(**kwargs)


def get_reshaping_layer(spatial_dims, layer_type, **kwargs):
    layers_map = {
        "upsampling": {2: layers.UpSampling2D, 3: layers.UpSampling3D},
        "padding": {2: layers.ZeroPadding2D, 3: layers.ZeroPadding3D},
        "cropping": {2: layers.Cropping2D, 3: layers.Cropping3D},
    }
    LayerClass = layers_map[layer_type][spatial_dims]
    return LayerClass(**kwargs)


def get_act_layer(layer_type, **kwargs):
    return layers.Activation(layer_type, **kwargs)


class AttentionGate(keras.layers.Layer):
    """Attention Gate layer used in Attention U-Net architectures (inputs: [skip x, gating g])."""

    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        # variable
        self.filters = filters

        # ops
        self.relu = get_act_layer("relu")
        self.sigmoid = get_act_layer("sigmoid")
        self.mul = layers.Multiply()
        self.add = layers.Add()

    def build(self, input_shape):
        self.spatial_dims = len(input_shape[0]) - 2
        if self.spatial_dims not in (2, 3):
            raise ValueError(
                f"{self.__class__.__name__} only supports 2D or 3D inputs. Got spatial_dims={self.spatial_dims}"
            )

        # input_shape = [x_shape, g_shape]
        x_shape, g_shape = input_shape
        self.theta_x = get_conv_layer(
            self.spatial_dims,
            layer_type="conv",
            filters=self.filters,
            kernel_size=1,
            strides=2,
            padding="same",
        )
        self.theta_x.build(x_shape)

        self.upsampling = get_reshaping_layer(
            self.spatial_dims,
            layer_type="upsampling",
            size=2,
        )

        self.phi_g = get_conv_layer(
            self.spatial_dims,
            layer_type="conv",
            filters=self.filters,
            kernel_size=1,
            strides=1,
            padding="same",
        )
        self.phi_g.build(g_shape)

        self.psi = get_conv_layer(
            self.spatial_dims,
            layer_type="conv",
            filters=1,
            kernel_size=1,
            strides=1,
            padding="same",
        )
        psi_shape = self.add.compute_output_shape(
            [self.theta_x.compute_output_shape(x_shape), self.phi_g.compute_output_shape(g_shape)]
        )
        self.psi.build(psi_shape)

        self.built = True

    def call(self, inputs):
        # expect list [skip, input]
        x, g = inputs

        theta_x = self.theta_x(x)
        phi_g = self.phi_g(g)
        add = self.add([theta_x, phi_g])

        relu = self.relu(add)
        psi = self.psi(relu)
        alpha = self.sigmoid(psi)
        alpha = self.upsampling(alpha)
        return self.mul([x, alpha])  # gated skip

    def compute_output_shape(self, input_shape):
        # output has the same shape as skip connection (x)
        return input_shape[0]

    def get_config(self):
        config = super().get_config()
        config.update({"filters": self.filters})
        return config


def _conv_bn_act(x, filters, name):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"{name}_conv")(x)
    x = layers.BatchNormalization(name=f"{name}_bn")(x)
    return layers.Activation("relu", name=f"{name}_relu")(x)


def build_model():
    inputs = keras.Input(shape=(32, 32, 3))
    skip = _conv_bn_act(inputs, 16, "enc1")                       # 32x32x16
    x = layers.MaxPooling2D()(skip)
    x = _conv_bn_act(x, 32, "enc2")                               # 16x16x32 (gating signal)

    stage_prefix = "decoder_stage0"
    filters = 16
    skip = AttentionGate(filters=filters, name=f"{stage_prefix}_attention_gate")([skip, x])
    x = get_reshaping_layer(2, layer_type="upsampling", size=2, name=f"{stage_prefix}_upsampling_2D")(x)
    x = layers.Concatenate(axis=-1, name=f"{stage_prefix}_concat")([x, skip])
    for i in range(1, 3):
        x = _conv_bn_act(x, filters, f"{stage_prefix}_conv_{i}")
    outputs = layers.Conv2D(1, 1, activation="sigmoid", name="head")(x)
    return keras.Model(inputs, outputs)
