"""A Keras 3 port of Hugging Face's LLaMA makes `KerasLlamaRMSNorm`'s scale with
`self.add_variable(shape=hidden_size, ...)` in `__init__`, from a `hidden_size` handed in by the caller
instead of the input's last axis in `build(input_shape)`.

From ariG23498/transformers (`src/transformers/models/llama/modeling_keras_llama.py` at commit 8a931874,
2023-12-04, "adding keras 3.0 version of architecutre"; the RMSNorm is unchanged at 71b0699e), an in-progress
"Keras 3.0 LLaMA model" port of `modeling_llama.py`. The RMSNorm copies PyTorch's `nn.Parameter(torch.ones(hidden_size))` literally: the weight is created in `__init__` with the size the
decoder layer passes (`KerasLlamaRMSNorm(config.hidden_size, eps=config.rms_norm_eps, name=...)`). It works while
every input has `hidden_size` features, but the layer cannot adapt to another width and fails only when called
(LD004, warning). Keras's own RMSNorm-style layers (keras-hub's `QwenLayerNorm`, `RoformerNorm`) make the
scale in `build()`.

Porting edits: only `KerasLlamaRMSNorm` is kept, with one edit: the author passes `shape=hidden_size` (a bare
int), which Keras 3.15.1 rejects in `__init__` (ValueError "Cannot convert '64' to a shape.", measured), so it
is `shape=(hidden_size,)` here to reach the weight-placement defect. The rest of the file does not run on Keras 3 for
reasons unrelated to weights (`keras.layers.Dense(..., bias=False)` is a TypeError, `softmax(dim=...)`,
`attn_weights.size()` are PyTorch calls), and it imports `LlamaConfig` from the package. `build_model()` makes the
norm as `KerasLlamaDecoderLayer` does (`hidden_size` 64, `name="input_layer_norm"`) and calls it on a (2, 5, 64)
batch.
"""

SOURCE = "https://github.com/ariG23498/transformers/blob/8a9318745ccf57d41903b238bd3008677812ca7c/src/transformers/models/llama/modeling_keras_llama.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/ba/ba_arig23498_keras_llama_rmsnorm_add_variable_in_init_from_hidden_size.py:
as returned: KerasLlamaRMSNorm, count_params() = 64, 1 weights, unbuilt: none
after call: count_params() = 64, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_arig.py): a fresh KerasLlamaRMSNorm(64) has its (64,) weight before any call (built = False); called on a
(2, 5, 32) input it raises InvalidArgumentError "Incompatible shapes: [64] vs. [2,5,32]" in call(), not at build.
With the author's `shape=hidden_size`, the constructor itself raises ValueError: Cannot convert '64' to a shape."""

import keras
import numpy as np


class KerasLlamaRMSNorm(keras.layers.Layer):
    def __init__(self, hidden_size, eps=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.weight = self.add_variable(
            shape=(hidden_size,),  # author: shape=hidden_size (an int; Keras 3.15 raises on it)
            initializer="ones",
            trainable=True,
            name="weight",
        )
        self.variance_epsilon = eps

    def call(self, hidden_states):
        input_dtype = hidden_states.dtype
        hidden_states = keras.ops.cast(hidden_states, "float32")
        variance = keras.ops.mean(
            keras.ops.power(hidden_states, 2),
            axis=-1,
            keepdims=True,
        )
        hidden_states = hidden_states * keras.ops.rsqrt(variance + self.variance_epsilon)
        return self.weight * keras.ops.cast(hidden_states, input_dtype)


def build_model():
    norm = KerasLlamaRMSNorm(64, eps=1e-6, name="input_layer_norm")
    x = np.random.default_rng(0).standard_normal((2, 5, 64)).astype("float32")
    norm(x)
    return norm, x
