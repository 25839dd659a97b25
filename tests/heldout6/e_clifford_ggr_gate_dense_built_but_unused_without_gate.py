"""A Clifford-denoiser residual layer builds its gate Dense unconditionally, then `call()` skips it when `use_gate=False`: trainable weights that never get a gradient.

`GatedGeometricResidual` (a Keras 3 research layer) computes `gamma * (SiLU(h) + alpha * g)` with a
learned sigmoid gate `alpha = sigmoid(gate_dense([h, g]))`. The bias-free denoiser sets
`use_gate=False` (the gate breaks degree-1 homogeneity), so `call()` takes the `feat + g_feat`
branch. `build()` still builds `gate_dense` from a hand-computed shape, "to keep the .keras weight
layout stable": its kernel (the denoiser is bias-free) is counted, trainable and saved, and never
reaches the output.
Keras printed "Gradients do not exist for variables [...gate_dense...]" on every training run of the
U-Net (42 variables). The fix marks the inert Dense non-trainable in `__init__`.
"""

SOURCE = "https://github.com/NikolasMarkou/dl_techniques/commit/90db9236796048edc8259408796bcb14f74f99d3"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py e_clifford_ggr_gate_dense_built_but_unused_without_gate.py:
as returned: Functional, count_params() = 528, 2 weights, unbuilt: none
after call: count_params() = 528, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 2 trainable weights: ['ggr/gate_dense/kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ggr': 528}
second call: 0 variables watched that the first call did not use"""

from typing import Any, Optional, Tuple

import keras
from keras import initializers


def _resolve_activation(activation: Any):
    return keras.activations.get(activation)


@keras.saving.register_keras_serializable()
class GatedGeometricResidual(keras.layers.Layer):
    """Gated Geometric Residual (GGR) update: gamma * (SiLU(H_norm) + alpha * G_feat)."""

    def __init__(
        self,
        channels: int,
        layer_scale_init: float = 1e-5,
        use_bias: bool = True,
        gate_activation: Any = "sigmoid",
        feature_activation: Any = "silu",
        use_gate: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if channels <= 0:
            raise ValueError(f"channels must be positive, got {channels}")
        self.channels = channels
        self.layer_scale_init = layer_scale_init
        self.use_bias = use_bias
        self.gate_activation = gate_activation
        self.feature_activation = feature_activation
        self.use_gate = use_gate
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

        # Learned gate: Dense(2C -> C) followed by sigmoid.
        # NOTE: built unconditionally (even when use_gate=False) so a
        # use_gate=False model keeps a stable weight layout for .keras checkpoint round-trips.
        self.gate_dense = keras.layers.Dense(
            channels,
            use_bias=self.use_bias,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            name="gate_dense",
        )

    def build(self, input_shape: Tuple) -> None:
        self.gamma = self.add_weight(
            name="gamma",
            shape=(self.channels,),
            initializer=initializers.Constant(self.layer_scale_init),
            trainable=True,
        )
        gate_input_shape = (*input_shape[:-1], 2 * self.channels)
        self.gate_dense.build(gate_input_shape)
        super().build(input_shape)

    def call(self, h_norm, g_feat, training: Optional[bool] = None):
        feat = _resolve_activation(self.feature_activation)(h_norm)
        if self.use_gate:
            gate_input = keras.ops.concatenate([h_norm, g_feat], axis=-1)
            alpha = _resolve_activation(self.gate_activation)(self.gate_dense(gate_input))
            h_mix = feat + alpha * g_feat
        else:
            # the multiplicative gate breaks degree-1 homogeneity: use g_feat directly
            h_mix = feat + g_feat
        return h_mix * self.gamma

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model():
    h_norm = keras.Input(shape=(8, 8, 16), name="h_norm")
    g_feat = keras.Input(shape=(8, 8, 16), name="g_feat")
    # the bias-free denoiser configuration
    update = GatedGeometricResidual(16, use_bias=False, use_gate=False, name="ggr")(h_norm, g_feat)
    out = keras.layers.Add()([h_norm, update])
    return keras.Model([h_norm, g_feat], out)
