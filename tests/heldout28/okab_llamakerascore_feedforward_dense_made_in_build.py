"""A keras_core port of minimal-llama's SwiGLU `FeedForward` whose three projections (`w1`, `w2`,
`w3`, the torch `nn.Linear`s) are created in `build()` instead of `__init__`, and whose `build()` does
not build them nor call `super().build()`.

From Ryu1845/llama-keras-core (`llama/model.py`). Looks like the "sublayers never built" and
"state created outside `__init__`" traps, but on Keras 3 layers assigned to `self` in `build()` are
tracked, and `call()` builds each Dense on its first use: all three kernels are counted and get
gradients.

Porting edits: `keras_core` -> `keras`; the file's `RMSNorm` (whose `add_weight(shape=input_shape)`
includes the batch dimension) and the empty `get_model()` are left out; a functional model puts one
`FeedForward(dim=8, hidden_dim=16)` on a (4, 8) sequence input.
"""

SOURCE = "https://github.com/Ryu1845/llama-keras-core/blob/81ea8137deb3e5353e8d2f8a410cf33880f19a97/llama/model.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/okab_llamakerascore_feedforward_dense_made_in_build.py:
as returned: Functional, count_params() = 384, 3 weights, unbuilt: none
after call: count_params() = 384, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'feed_forward': 384}
second call: 0 variables watched that the first call did not use
384 = 8*16 (w1) + 16*8 (w2) + 8*16 (w3): the three Dense made in build() are tracked and all get gradients."""

import keras
from keras import ops, Layer


class FeedForward(Layer):
    def __init__(self, dim: int, hidden_dim: int):
        super().__init__()
        self.dim = dim
        self.hidden_dim = hidden_dim

    def build(self, input_shape):
        self.w1 = keras.layers.Dense(self.hidden_dim, use_bias=False)
        self.w2 = keras.layers.Dense(self.dim, use_bias=False)
        self.w3 = keras.layers.Dense(self.hidden_dim, use_bias=False)

    def call(self, inputs):
        return self.w2(ops.silu(self.w1(inputs))*self.w3(inputs))


def build_model():
    inputs = keras.Input((4, 8))
    outputs = FeedForward(dim=8, hidden_dim=16)(inputs)
    return keras.Model(inputs, outputs)
