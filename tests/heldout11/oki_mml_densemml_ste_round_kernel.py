"""Keras-MatMulLess DenseMML: kernel goes through round()/clip() and stop_gradient, RMSNorm made in build() (correct).

`keras_mml` (a Keras 3 port of BitNet b1.58's BitLinear) defines `DenseMML`: `build()` creates a
child `RMSNorm()` and calls `.build(input_shape)` on it by hand, then `add_weight`s a private
`_kernel` / `_bias`; the backend mixin quantizes activations to int8 and the kernel to
{-1, 0, +1} with `ops.round` / `ops.clip`, wrapped in the straight-through-estimator trick
`w + ops.stop_gradient(q(w) - w)`. Rounding and stop_gradient on the kernel look like a weight
that can never be trained, and a sublayer created in `build()` looks fragile; on Keras 3 every
weight is tracked and gets a gradient through the STE.
"""

SOURCE = "https://github.com/PhotonicGluon/Keras-MatMulLess/blob/main/keras_mml/layers/core/dense.py"
CODES = ()
CORRECT = True
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py oki_mml_densemml_ste_round_kernel.py:
as returned: Functional, count_params() = 7141, 10 weights, unbuilt: none
after call: count_params() = 7141, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_mml': 672, 'rms_norm': 0, 'glumml': 6304, 'dense_mml_3': 2080, 'rms_norm_3': 0, 'dense_mml_2': 2112, 'rms_norm_2': 0, 'dense_mml_1': 2112, 'rms_norm_1': 0, 'dense_mml_4': 165, 'rms_norm_4': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine11a/grad.py): every kernel and bias gets a non-zero gradient through the STE (e.g. dense_mml/kernel max|g| = 21.1, dense_mml_4/kernel 10.9)."""

from typing import Any, Optional, Tuple

import keras
from keras import activations, constraints, initializers, ops, regularizers

EPSILON = 1e-5
HUGE = 1e9


@keras.saving.register_keras_serializable(package="keras_mml_case")
class RMSNorm(keras.Layer):
    """Root mean square normalisation with an optional learned gain."""

    def __init__(self, use_gamma: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.use_gamma = use_gamma
        self.gamma = None

    def build(self, input_shape):
        if self.use_gamma:
            self.gamma = self.add_weight(name="gamma", shape=(input_shape[-1],), initializer="ones")
        self.built = True

    def call(self, inputs):
        scale = ops.rsqrt(ops.mean(ops.square(inputs), axis=-1, keepdims=True) + EPSILON)
        out = inputs * scale
        return out * self.gamma if self.gamma is not None else out


class BaseDenseMML:
    """Base dense layer exposing methods that backends override."""

    def __init__(self):
        self._kernel: keras.Variable = None
        self._kernel_scale = None


class FallbackDenseMML(BaseDenseMML):
    @staticmethod
    def _activations_quantization(x):
        scale = 127.0 / ops.expand_dims(ops.clip(ops.max(ops.abs(x), axis=-1), EPSILON, HUGE), -1)
        return ops.clip(ops.round(x * scale), -128, 127) / scale

    @staticmethod
    def _compute_kernel_scale(w) -> float:
        return 1.0 / ops.clip(ops.mean(ops.abs(w)), EPSILON, HUGE)

    def _kernel_quantization_for_training(self, w) -> Any:
        scale = self._compute_kernel_scale(w)
        u = ops.clip(ops.round(w * scale), -1, 1)
        return u / scale

    def _get_quantized_arrays(self, x_norm) -> Tuple[Any, Any]:
        # Straight-Through Estimator: stop gradient through the quantisation residual
        x_quantized = x_norm + ops.stop_gradient(self._activations_quantization(x_norm) - x_norm)
        if self._kernel_scale:
            w_quantized = self._kernel / self._kernel_scale
        else:
            w = self._kernel
            w_quantized = w + ops.stop_gradient(self._kernel_quantization_for_training(w) - w)
        return x_quantized, w_quantized


BackendDenseMML = FallbackDenseMML  # backend dispatch happens here in the library


@keras.saving.register_keras_serializable(package="keras_mml_case")
class DenseMML(keras.Layer, BackendDenseMML):
    """Dense layer without matrix multiplications (ternary kernel, int8 activations)."""

    def __init__(self, units: int, activation: Optional[str] = None, use_bias: bool = True,
                 kernel_initializer: str = "glorot_uniform", bias_initializer: str = "zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        if units <= 0:
            raise ValueError(f"Received an invalid value for argument `units`, got {units}")
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = keras.layers.InputSpec(min_ndim=2)
        self.supports_masking = True
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self._kernel_scale = None
        self._activation_norm = None
        self._kernel = None
        self._bias = None

    def build(self, input_shape: Tuple[int, ...]):
        input_dim = input_shape[-1]
        self._activation_norm = RMSNorm(use_gamma=False)
        self._activation_norm.build(input_shape)
        self._kernel = self.add_weight(
            name="kernel", shape=(input_dim, self.units), initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer, constraint=self.kernel_constraint,
        )
        if self.use_bias:
            self._bias = self.add_weight(
                name="bias", shape=(self.units,), initializer=self.bias_initializer,
                regularizer=self.bias_regularizer, constraint=self.bias_constraint,
            )
        self.input_spec = keras.layers.InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def call(self, inputs):
        x_norm = self._activation_norm(inputs)
        x_quantized, w_quantized = self._get_quantized_arrays(x_norm)
        x = ops.matmul(x_quantized, w_quantized)
        if self._bias is not None:
            x = ops.add(x, self._bias)
        if self.activation is not None:
            x = self.activation(x)
        return x

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "activation": activations.serialize(self.activation),
                       "use_bias": self.use_bias})
        return config


class GLUMML(keras.Layer):
    """Gated linear unit built from three DenseMML projections."""

    def __init__(self, units: int, hidden_ratio: int = 2, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden_ratio = hidden_ratio

    def build(self, input_shape):
        hidden = self.units * self.hidden_ratio
        self.gate_dense = DenseMML(hidden, activation="sigmoid")
        self.up_dense = DenseMML(hidden)
        self.down_dense = DenseMML(self.units)
        self.gate_dense.build(input_shape)
        self.up_dense.build(input_shape)
        self.down_dense.build(tuple(input_shape[:-1]) + (hidden,))
        self.built = True

    def call(self, inputs):
        return self.down_dense(self.gate_dense(inputs) * self.up_dense(inputs))


def build_model():
    inputs = keras.Input((20,))
    x = DenseMML(32, activation="relu")(inputs)
    x = GLUMML(32)(x)
    outputs = DenseMML(5)(x)
    return keras.Model(inputs, outputs, name="mml_mlp")
