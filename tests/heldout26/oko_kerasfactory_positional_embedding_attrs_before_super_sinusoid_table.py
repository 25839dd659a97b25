"""KerasFactory's sinusoidal `PositionalEmbedding`: every setting (`d_model`, `max_len`, and `self.pe = None`)
is assigned BEFORE `super().__init__()` ("Set public attributes BEFORE calling parent's __init__"), and
`build()` stores the whole sine/cosine table on `self.pe` as a plain `keras.ops` tensor, not a weight.

From UnicoLab/KerasFactory (`kerasfactory/layers/PositionalEmbedding.py`, a multi-backend Keras 3 library
written with `keras.ops`). Looks like the late-`super().__init__()` trap and the raw-tensor-state trap at
once, but the attributes set early are plain Python settings (no `trainable`, `name` or sublayer), and the
table is meant to be a fixed encoding, not a learned one: on Keras 3 the layer builds, has 0 weights by
design, the constant table is used in the traced call, and the Dense layers behind it train.

Porting edits: the library's `BaseLayer` (a `keras.Layer` that filters kwargs and logs with loguru) is
inlined as a small base class without the logger; the `register_keras_serializable` decorator kept; the
interleaving loop kept as written; `build_model()` adds the encoding to a (6, 8) input inside a
functional model (d_model=8, max_len=16) followed by a Dense(4), as the library's forecasting models do.
"""

SOURCE = "https://github.com/UnicoLab/KerasFactory/blob/0c44b0e17705599e2cce3b78b6b41c0f5623a02d/kerasfactory/layers/PositionalEmbedding.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/oko_kerasfactory_positional_embedding_attrs_before_super_sinusoid_table.py:
as returned: Functional, count_params() = 36, 2 weights, unbuilt: none
after call: count_params() = 36, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'pos_emb': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine26b/p2.py): the layer keeps name 'pos_emb' and trainable=True (nothing reset by the late
super().__init__()); self.pe is an EagerTensor (1, 16, 8), a fixed table by design; compile('sgd','mse') +
one fit epoch: both Dense weights change; predict ok (4, 6, 4)."""

import math
from typing import Any

import keras
from keras import ops
from keras import KerasTensor
from keras import Layer
from keras.saving import register_keras_serializable


class BaseLayer(Layer):
    """Stands in for kerasfactory.layers._base_layer.BaseLayer (without loguru)."""

    def __init__(self, **kwargs: Any) -> None:
        layer_kwargs = {}
        for key in ["trainable", "name", "dtype", "dynamic"]:
            if key in kwargs:
                layer_kwargs[key] = kwargs.pop(key)
        super().__init__(**layer_kwargs)


@register_keras_serializable(package="kerasfactory.layers")
class PositionalEmbedding(BaseLayer):
    """Sinusoidal positional encoding layer."""

    def __init__(
        self,
        d_model: int,
        max_len: int = 5000,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        # Set private attributes
        self._d_model = d_model
        self._max_len = max_len

        # Validate parameters
        self._validate_params()

        # Set public attributes BEFORE calling parent's __init__
        self.d_model = self._d_model
        self.max_len = self._max_len
        self.pe: KerasTensor | None = None

        # Call parent's __init__ after setting public attributes
        super().__init__(name=name, **kwargs)

    def _validate_params(self) -> None:
        """Validate layer parameters."""
        if not isinstance(self._d_model, int) or self._d_model <= 0:
            raise ValueError(f"d_model must be a positive integer, got {self._d_model}")
        if not isinstance(self._max_len, int) or self._max_len <= 0:
            raise ValueError(f"max_len must be a positive integer, got {self._max_len}")

    def build(self, input_shape: tuple[int, ...]) -> None:
        # Compute positional encodings: (max_len, d_model)
        position = ops.arange(0, self.max_len, dtype="float32")
        position = ops.expand_dims(position, axis=1)  # (max_len, 1)

        div_term = ops.exp(
            ops.arange(0, self.d_model, 2, dtype="float32")
            * (-math.log(10000.0) / self.d_model),
        )  # (d_model // 2,)

        # Compute sin and cos
        sin_vals = ops.sin(position * div_term)  # (max_len, d_model // 2)
        cos_vals = ops.cos(position * div_term)  # (max_len, d_model // 2)

        # Interleave sin and cos
        pe_list = []
        for i in range(self.max_len):
            row = ops.concatenate(
                [
                    ops.expand_dims(sin_vals[i, :], 0),
                    ops.expand_dims(cos_vals[i, :], 0),
                ],
                axis=1,
            )
            row = ops.reshape(row, (self.d_model,))
            pe_list.append(ops.expand_dims(row, 0))

        pe = ops.concatenate(pe_list, axis=0)  # (max_len, d_model)
        self.pe = ops.expand_dims(pe, axis=0)  # (1, max_len, d_model)

        super().build(input_shape)

    def call(self, inputs: KerasTensor) -> KerasTensor:
        if self.pe is None:
            raise RuntimeError("Layer must be built before calling")
        seq_len = ops.shape(inputs)[1]
        return self.pe[:, :seq_len, :]

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        config.update(
            {
                "d_model": self.d_model,
                "max_len": self.max_len,
            },
        )
        return config


def build_model():
    inputs = keras.Input(shape=(6, 8))
    pos = PositionalEmbedding(d_model=8, max_len=16, name="pos_emb")(inputs)
    x = keras.layers.Add()([inputs, pos])
    outputs = keras.layers.Dense(4)(x)
    return keras.Model(inputs, outputs)
