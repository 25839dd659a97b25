"""Keras Model Registry's `TabularMoELayer` (a Keras 3 library of tabular/recommender layers): the
expert MLPs, their output projections and the gate are declared as `None` attributes before
`super().__init__()`, created as lists of Dense layers inside `build()`, and `build()` ends with
`super().build(input_shape)` without building any of them. Correct on Keras 3: the lists are
tracked, the Dense layers build on the first (symbolic) call, and every expert and the gate train.

Why it looks suspicious: sublayer attributes set (to `None`) before `super().__init__()`, layers
made in `build()` but left unbuilt when `build()` returns, experts in two parallel Python lists
indexed by `i`, a gate combined with the experts by broadcasting, and the base class calling
`self.get_config()` inside its `__init__` (the reason the attributes come first). The model's
summary and `count_params()` include all 2 * num_experts + 1 Dense layers once the layer is called.

Porting edits: the `loguru` debug logging in `BaseLayer.__init__` and `build()` left out (not
installed; it only logs); `BaseLayer` reduced to its `__init__` kwargs filtering and
`get_config`; `@register_keras_serializable` kept. Model: Input(8) -> TabularMoELayer(3 experts,
8 units) -> Dense(1).
"""

SOURCE = "https://github.com/UnicoLab/keras-model-registry/blob/327317648d7744162fd0581d1c9dd192df653237/kmr/layers/TabularMoELayer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/okx_kmr_tabular_moe_experts_none_before_super_made_in_build.py:
as returned: Functional, count_params() = 468, 16 weights, unbuilt: none
after call: count_params() = 468, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tabular_mo_e_layer': 459}
second call: 0 variables watched that the first call did not use
(459 = 3 experts 8->8 (216) + 3 projections 8->8 (216) + gate 8->3 (27).) Own script (/tmp/mine17b/fitcheck.py:
compile SGD 0.1 + mse, fit 2 steps): 16/16 trainable weights changed."""

from typing import Any

import keras
from keras import KerasTensor, Layer, layers, ops
from keras.saving import register_keras_serializable


@register_keras_serializable(package="kmr_case.layers")
class BaseLayer(Layer):
    def __init__(self, **kwargs: Any) -> None:
        layer_kwargs = {}
        for key in ["trainable", "name", "dtype", "dynamic"]:
            if key in kwargs:
                layer_kwargs[key] = kwargs.pop(key)

        super().__init__(**layer_kwargs)
        self._log_initialization()

    def _log_initialization(self) -> None:
        f"Initialized {self.__class__.__name__} with parameters: {self.get_config()}"

    def get_config(self) -> dict[str, Any]:
        return super().get_config()


@register_keras_serializable(package="kmr_case.layers")
class TabularMoELayer(BaseLayer):
    def __init__(
        self,
        num_experts: int = 4,
        expert_units: int = 16,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        # Set public attributes
        self.num_experts = num_experts
        self.expert_units = expert_units

        # Initialize instance variables
        self.experts: list[Any] | None = None
        self.expert_outputs: list[Any] | None = None
        self.gate: Any | None = None

        # Validate parameters during initialization
        self._validate_params()

        # Call parent's __init__
        super().__init__(name=name, **kwargs)

    def _validate_params(self) -> None:
        if self.num_experts <= 0:
            raise ValueError(f"num_experts must be positive, got {self.num_experts}")
        if self.expert_units <= 0:
            raise ValueError(f"expert_units must be positive, got {self.expert_units}")

    def build(self, input_shape: tuple[int, ...]) -> None:
        self._validate_params()

        # Create expert networks
        self.experts = [
            layers.Dense(self.expert_units, activation="relu", name=f"expert_{i}")
            for i in range(self.num_experts)
        ]

        # Create expert output projections
        self.expert_outputs = [
            layers.Dense(input_shape[-1], activation=None, name=f"expert_out_{i}")
            for i in range(self.num_experts)
        ]

        # Create gating network
        self.gate = layers.Dense(self.num_experts, activation="softmax", name="gate")

        super().build(input_shape)

    def call(self, inputs: KerasTensor, _: bool | None = None) -> KerasTensor:
        expert_outputs = []
        for i in range(self.num_experts):
            x = self.experts[i](inputs)
            x = self.expert_outputs[i](x)
            expert_outputs.append(x)

        # Stack outputs: shape (batch, num_experts, features)
        experts_stack = ops.stack(expert_outputs, axis=1)

        # Compute gating weights: shape (batch, num_experts)
        gate_weights = self.gate(inputs)

        # Reshape for broadcasting: (batch, num_experts, 1)
        gate_weights = ops.expand_dims(gate_weights, axis=-1)

        # Aggregate expert outputs with gating weights
        output = ops.sum(experts_stack * gate_weights, axis=1)

        return output

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        config.update(
            {
                "num_experts": self.num_experts,
                "expert_units": self.expert_units,
            },
        )
        return config


def build_model():
    inputs = keras.Input(shape=(8,))
    x = TabularMoELayer(num_experts=3, expert_units=8)(inputs)
    outputs = layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
