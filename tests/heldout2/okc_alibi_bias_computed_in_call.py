"""An ALiBi attention-bias layer computes its per-head slopes and position ramp with `keras.ops` in `call()`.

KerasHub's `AlibiBias` has no weights by design: the linear, non-learned bias is rebuilt from the
input's shape on every call (`ops.convert_to_tensor(slopes)`, `ops.arange`, `ops.multiply`) and added
to the attention scores. Tensors made in `call()` that are not state. Rewritten in my own words.
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/master/keras_hub/src/layers/modeling/alibi_bias.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_alibi_bias_computed_in_call.py:
as returned: Functional, count_params() = 290, 2 weights, unbuilt: none
after call: count_params() = 290, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'linear_attention_bias': 0}
second call: 0 variables watched that the first call did not use"""

import math

import keras
from keras import ops


class LinearAttentionBias(keras.layers.Layer):
    def __init__(self, max_bias=8, **kwargs):
        super().__init__(**kwargs)
        self.max_bias = max_bias

    def head_slopes(self, num_heads):
        start = 2 ** (-(2 ** -(math.log2(num_heads) - math.log2(self.max_bias))))
        return [start * start**i for i in range(num_heads)]

    def call(self, scores):
        num_heads, key_length = scores.shape[1], ops.shape(scores)[-1]
        slopes = ops.convert_to_tensor(self.head_slopes(num_heads), dtype=self.compute_dtype)
        ramp = ops.cast(ops.arange(1 - key_length, 1, dtype="int32"), self.compute_dtype)
        bias = ops.expand_dims(slopes, 1) * ops.expand_dims(ramp, 0)
        return scores + bias[None, :, None, :]


def build_model():
    scores = keras.Input((4, 6, 6))
    x = LinearAttentionBias()(scores)
    x = keras.layers.Flatten()(x)
    return keras.Model(scores, keras.layers.Dense(2)(x))
