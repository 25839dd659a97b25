"""teras' FT-Transformer `FTTransformerFeatureTokenizer`: `__init__` computes the per-feature
category offsets with `keras.ops.pad` / `ops.cumsum` / `ops.cast` and keeps the resulting backend
tensor on `self._category_offset`; `build(self, input_shape=None)` makes the categorical table,
the continuous embeddings and the bias with `add_weight` (no `super().build()`), and `call()` adds
the offset tensor to the categorical ids before the lookup.

From KhawajaAbaid/teras (`teras/_src/layers/ft_transformer/feature_tokenizer.py`, the Keras 3
rewrite). Looks like the "tensor made with keras.ops stored on self in __init__ instead of a weight"
trap. It is not a weight: the offsets are integer positions into the shared embedding table,
fixed by the cardinalities and never meant to be trained. On Keras 3 the three real parameters are
`add_weight`s, tracked, counted and trained; the constant is folded into every call.

Porting edits: the `teras_export` decorator dropped; `build_model()` wires the tokenizer on a
4-feature table (cardinalities `[0, 3, 0, 4]`: two numeric, two categorical), `embedding_dim=4`,
followed by `Flatten` and a `Dense(1)` head, as the FT-Transformer classifier feeds its encoder.
"""

SOURCE = "https://github.com/KhawajaAbaid/teras/blob/1dfa0ef89b9111f9a3adf0bfa04b2c84d754e974/teras/_src/layers/ft_transformer/feature_tokenizer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okai_teras_ft_feature_tokenizer_offset_tensor_from_ops_in_init.py:
as returned: Functional, count_params() = 61, 5 weights, unbuilt: none
after call: count_params() = 61, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ft_transformer_feature_tokenizer': 44}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine31c/probe_teras.py): `_category_offset` is an EagerTensor [1., 4.] (row offsets of
the two categorical features in the 8-row table); the tokenizer's weights are (8, 4), (2, 4), (4,)
= 44 params; one fit step (adam/mse, 16 rows with valid category ids) changes 5 of 5 trainable weights."""

import keras
import numpy as np
from keras import ops
from keras.backend import floatx


class FTTransformerFeatureTokenizer(keras.layers.Layer):
    """
    Feature Tokenizer layer based on FT-Transformer architecture
    proposed in the "Revisiting Deep Learning Models for Tabular Data"
    paper.

    Shapes:
        Input Shape: `(batch_size, num_features)`
        Output Shape: `(batch_size, num_features, embedding_dim)`
    """
    def __init__(self,
                 cardinalities: list,
                 embedding_dim: int,
                 **kwargs):
        super().__init__(**kwargs)
        self.cardinalities = cardinalities
        self.embedding_dim = embedding_dim
        self._cardinalities_arr = np.array(cardinalities)
        self._continuous_idx = np.flatnonzero(
            self._cardinalities_arr == 0)
        self._categorical_idx = np.flatnonzero(
            self._cardinalities_arr != 0)

        # we add an extra token for missing value
        num_special_tokens = 1
        self._total_tokens = sum(self.cardinalities) + num_special_tokens
        categorical_cardinalities = self._cardinalities_arr[self._categorical_idx]
        categorical_cardinalities = ops.pad(
            categorical_cardinalities,
            (1, 0),
            constant_values=num_special_tokens,
        )
        self._category_offset = ops.cumsum(categorical_cardinalities)[:-1]
        self._category_offset = ops.cast(self._category_offset, floatx())

    def build(self, input_shape=None):
        self.categorical_embeddings = self.add_weight(
            shape=(self._total_tokens, self.embedding_dim),
            initializer="random_normal",
            trainable=True,
        )
        num_continuous_features = len(self._continuous_idx)
        self.continuous_embeddings = self.add_weight(
            shape=(num_continuous_features,
                   self.embedding_dim),
            trainable=True,
        )
        self.bias = self.add_weight(
            shape=(len(self.cardinalities),),
            initializer="random_normal",
            trainable=True,
        )

    def call(self, inputs):
        categorical = ops.take(inputs,
                               indices=self._categorical_idx,
                               axis=1)
        categorical += self._category_offset
        continuous = ops.take(inputs,
                              indices=self._continuous_idx,
                              axis=1)
        categorical = ops.cast(categorical, "int32")
        categorical = ops.take(self.categorical_embeddings,
                               indices=categorical,
                               axis=0)
        continuous = (ops.expand_dims(continuous, -1) *
                      ops.expand_dims(self.continuous_embeddings, 0))
        out = ops.concatenate([continuous, categorical], axis=1)
        out += ops.reshape(self.bias, (1, ops.shape(self.bias)[0], 1))
        return out

    def compute_output_shape(self, input_shape):
        return input_shape + (self.embedding_dim,)

    def get_config(self):
        config = super().get_config()
        config.update({
            "cardinalities": self.cardinalities,
            "embedding_dim": self.embedding_dim
        })
        return config


def build_model():
    inputs = keras.Input(shape=(4,))
    tokens = FTTransformerFeatureTokenizer(cardinalities=[0, 3, 0, 4], embedding_dim=4)(inputs)
    x = keras.layers.Flatten()(tokens)
    outputs = keras.layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
