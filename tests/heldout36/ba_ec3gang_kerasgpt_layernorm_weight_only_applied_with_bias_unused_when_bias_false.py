"""A nanoGPT port to Keras Core writes `LayerNorm(ndim, use_bias)` with its own `weight`/`bias` from
`add_weight`, but `call()` applies them only `if self.bias is not None`: with `bias=False` (the setting the
repo's eval.py uses) the `weight` is created, counted and never used, so it never trains.

From EC3-Gang/keras-gpt (`model.py` at commit c505a83, 2023-08-15), "nanoGPT in keras core". nanoGPT's PyTorch
`LayerNorm` is `F.layer_norm(input, self.weight.shape, self.weight, self.bias, 1e-5)`, where `bias=None` only
drops the shift. The port wraps `layers.LayerNormalization` (which has its own gamma and beta) and multiplies
by `self.weight` and adds `self.bias` only inside `if self.bias is not None:`; without bias the scale is dead
(LD009). Every `Block` has two of these norms and the `Transformer` a final `ln_f`, all made with
`use_bias=config.bias`.

Porting edits: `keras_core` is imported as `keras` (same API); the author's `add_weight(shape=ndim, ...)` passes a
bare int, which Keras 3.15.1 rejects ("Cannot convert '32' to a shape."), so it is `shape=(ndim,)`; the
author's initializer string `'zeroes'` is kept (only used with bias). Only `LayerNorm` is kept: the file's
`CausalSelfAttention.call()` does not run (it transposes a rank-4 tensor with six axes). `build_model()` makes the
final norm as `Transformer.__init__` does, `LayerNorm(config.n_embd, use_bias=config.bias)` with eval.py's
`bias = False` (n_embd 32 instead of 768), and calls it on a (2, 8, 32) batch.
"""

SOURCE = "https://github.com/EC3-Gang/keras-gpt/blob/c505a8396b3fde35966f3f213db63cf5e9426475/model.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/ba/ba_ec3gang_kerasgpt_layernorm_weight_only_applied_with_bias_unused_when_bias_false.py:
as returned: LayerNorm, count_params() = 96, 3 weights, unbuilt: none
after call: count_params() = 96, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 3 trainable weights: ['layer_norm/variable']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(the 3 weights: the author's (32,) `weight` plus the wrapped LayerNormalization's gamma and beta; the None
gradient is the author's `weight`.)"""

import numpy as np

import keras
from keras import layers
from keras.layers import Layer


class LayerNorm(Layer):
    def __init__(self, ndim, use_bias):
        super().__init__()
        self.normalize = layers.LayerNormalization(epsilon=1e-6)
        self.weight = self.add_weight(shape=(ndim,),
                                      initializer='ones',
                                      trainable=True)
        self.bias = self.add_weight(shape=(ndim,),
                                    initializer='zeroes',
                                    trainable=True) if use_bias else None

    def call(self, inputs):
        output = self.normalize(inputs)
        if self.bias is not None:
            output = output * self.weight + self.bias
        return output


def build_model():
    n_embd, bias = 32, False
    ln_f = LayerNorm(n_embd, use_bias=bias)
    x = np.random.default_rng(0).standard_normal((2, 8, n_embd)).astype("float32")
    ln_f(x)
    return ln_f, x
