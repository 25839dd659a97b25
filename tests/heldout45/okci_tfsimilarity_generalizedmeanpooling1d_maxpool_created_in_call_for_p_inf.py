"""TensorFlow Similarity's `GeneralizedMeanPooling1D` (GeM pooling) builds a `layers.GlobalMaxPool1D(...)` inside
`call()` when `p` is `math.inf`: `call()` -> `self.compute_mean` (bound in `__init__` to `_pos_inf`) -> `mpl =
layers.GlobalMaxPool1D(data_format=self.data_format); x = mpl(x)`. It looks like LD002 (a sublayer created inside
`call()`, new on every call), but it is correct: the max pooling layer has no weights and no state, so nothing is
lost between calls, nothing goes untracked or untrained, and the result is the same as a pooling layer held on `self`.
The layer's own sublayer `self.gap` (used for finite `p`) is made once in `__init__` after `super().__init__()`, and the
`input_spec` is set after `super().__init__()` too.

From tensorflow/similarity (Google's metric-learning library for Keras), `tensorflow_similarity/layers.py` at
dc506d6 (HEAD; file last changed 4709b26). The GeM layers are its pooling option for embedding models (`pooling="gem"`
in `architectures/efficientnet.py`, `resnet50.py`, whose docstrings say `gem_p=math.inf` equals max pooling), and
`MetricEmbedding` (an L2-normalised `Dense`) is its usual output layer.

Porting edits: none in the classes kept (`MetricEmbedding`, `normalize_data_format`, `GeneralizedMeanPooling`,
`GeneralizedMeanPooling1D`); the 2D variant and `ActivationStdLoggingLayer` are left out, and the `TYPE_CHECKING`
import of the library's `FloatTensor`/`IntTensor` type aliases is replaced by `FloatTensor = IntTensor = Any` and
`from __future__ import annotations` is dropped (the case's header must come first). build_model() is ours: a small 1D embedding model, (128 steps, 16 features) -> Conv1D(32, 5, relu) ->
GeneralizedMeanPooling1D(p=math.inf) -> MetricEmbedding(64).
"""

SOURCE = "https://github.com/tensorflow/similarity/blob/dc506d63d05d012d3496041c25c1c54981d39565/tensorflow_similarity/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine45/ci/okci_tfsimilarity_generalizedmeanpooling1d_maxpool_created_in_call_for_p_inf.py:
as returned: Functional, count_params() = 4704, 4 weights, unbuilt: none
after call: count_params() = 4704, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gem_pool': 0, 'metric_embedding': 2112}
second call: 0 variables watched that the first call did not use
probe_gem.py: the GeM layer holds 0 weights, the model 4 (Conv1D + MetricEmbedding kernels/biases) before and after two eager calls on a (4, 128, 16) batch; the two calls give identical outputs; the GeM output equals tf.reduce_max over the steps (max pooling, as documented for p=inf); one fit step (adam, mse) changes 4 of 4 trainable weights. No warning printed."""

import math
from typing import Any

import tensorflow as tf
from tensorflow.keras import layers

FloatTensor = IntTensor = Any  # the library's tensorflow_similarity.types aliases (imported under TYPE_CHECKING)


@tf.keras.utils.register_keras_serializable(package="Similarity")
class MetricEmbedding(layers.Dense):
    """L2 Normalized `Dense` layer.

    This layer is usually used as output layer, especially when using cosine
    distance as the similarity metric.
    """

    def call(self, inputs: FloatTensor) -> FloatTensor:
        x = super().call(inputs)
        normed_x: FloatTensor = tf.math.l2_normalize(x, axis=1)
        return normed_x


def normalize_data_format(value):
    if value is None:
        value = tf.keras.backend.image_data_format()
    data_format = value.lower()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError(
            "The `data_format` argument must be one of " f'"channels_first", "channels_last". Received: {value}'
        )
    return data_format


class GeneralizedMeanPooling(layers.Layer):
    def __init__(self, p: float = 3.0, data_format: str | None = None, keepdims: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)

        self.p = p
        self.data_format = normalize_data_format(data_format)
        self.keepdims = keepdims

        if tf.math.abs(self.p) < 0.00001:
            self.compute_mean = self._geometric_mean
        elif self.p == math.inf:
            self.compute_mean = self._pos_inf
        elif self.p == -math.inf:
            self.compute_mean = self._neg_inf
        else:
            self.compute_mean = self._generalized_mean

    def compute_output_shape(self, input_shape: IntTensor) -> IntTensor:
        output_shape: IntTensor = self.gap.compute_output_shape(input_shape)
        return output_shape

    def call(self, inputs: FloatTensor) -> FloatTensor:
        raise NotImplementedError

    def _geometric_mean(self, x):
        x = tf.math.log(x)
        x = self.gap(x)
        return tf.math.exp(x)

    def _generalized_mean(self, x):
        x = tf.math.pow(x, self.p)
        x = self.gap(x)
        return tf.math.pow(x, 1.0 / self.p)

    def _pos_inf(self, x):
        raise NotImplementedError

    def _neg_inf(self, x):
        return self._pos_inf(x * -1) * -1

    def get_config(self) -> dict[str, Any]:
        config = {
            "p": self.p,
            "data_format": self.data_format,
            "keepdims": self.keepdims,
        }
        base_config = super().get_config()
        return {**base_config, **config}


@tf.keras.utils.register_keras_serializable(package="Similarity")
class GeneralizedMeanPooling1D(GeneralizedMeanPooling):
    r"""Computes the Generalized Mean of each channel in a tensor.

    The pooling is equal to GlobalAveragePooling1D when `p` is 1.0 and equal
    to MaxPool1D when `p` is `inf`.
    """

    def __init__(self, p: float = 3.0, data_format: str | None = None, keepdims: bool = False, **kwargs) -> None:
        super().__init__(p=p, data_format=data_format, keepdims=keepdims, **kwargs)

        self.input_spec = layers.InputSpec(ndim=3)
        self.gap = layers.GlobalAveragePooling1D(data_format=data_format, keepdims=keepdims, **kwargs)
        self.step_axis = 1 if self.data_format == "channels_last" else 2

    def call(self, inputs: FloatTensor) -> FloatTensor:
        x = inputs
        if self.data_format == "channels_last":
            mins = tf.math.reduce_min(x, axis=self.step_axis)
            x_offset = x - mins[:, tf.newaxis, :] + 1
            if self.keepdims:
                mins = mins[:, tf.newaxis, :]
        else:
            mins = tf.math.reduce_min(x, axis=self.step_axis)
            x_offset = x - mins[:, :, tf.newaxis] + 1
            if self.keepdims:
                mins = mins[:, :, tf.newaxis]

        x_offset = self.compute_mean(x_offset)
        x = x_offset + mins - 1

        return x

    def _pos_inf(self, x):
        mpl = layers.GlobalMaxPool1D(data_format=self.data_format)
        x = mpl(x)
        return x


def build_model(steps=128, features=16, embedding_size=64):
    inputs = layers.Input(shape=(steps, features))
    x = layers.Conv1D(32, 5, activation="relu")(inputs)
    x = GeneralizedMeanPooling1D(p=math.inf, name="gem_pool")(x)
    outputs = MetricEmbedding(embedding_size, name="metric_embedding")(x)
    return tf.keras.Model(inputs, outputs, name="similarity_model")
