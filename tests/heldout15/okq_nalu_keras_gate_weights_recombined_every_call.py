"""A Keras NALU (Neural Arithmetic Logic Unit) layer whose effective weight matrix
`W = tanh(W_hat) * sigmoid(M_hat)` is rebuilt inside `call()` from two raw weights, with a third
weight `G` for the gate - correct on Keras 3: all three weights are read every call and train.

`NALU.build` (sinAshish/NALU-Keras, `nalu.py`) creates `W_hat`, `M_hat` and `G` with `add_weight`,
sets an `InputSpec` and marks itself built with `self.built = True` instead of calling
`super().build()`. `call()` never uses `W_hat`/`M_hat` directly as a kernel: it derives
`W = K.tanh(self.W_hat) * K.sigmoid(self.M_hat)` as a local tensor, feeds it to both the additive path
`K.dot(inputs, W)` and the multiplicative path `K.exp(K.dot(K.log(K.abs(inputs) + 1e-7), W))`, and
mixes them with `g = sigmoid(K.dot(inputs, G))`. Weights that are only read through a derived
tensor, a derived kernel used twice, and a build without `super().build()` look like the frozen-copy
and unbuilt-state bugs, but because the derivation happens in `call()` every weight is on the
gradient path.

Porting edits: `keras.backend` ops -> `keras.ops` (`tanh`, `sigmoid`, `exp`, `log`, `abs`, `dot`);
`from keras.layers import *` made explicit; `get_config` (which calls `super(Dense, self)`, a NameError
in the original) left out; wired as in the repo's `__main__` (Input(10) -> NALU(1)).
"""

SOURCE = "https://github.com/sinAshish/NALU-Keras/blob/9cf6e2e/nalu.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py tests/heldout15/okq_nalu_keras_gate_weights_recombined_every_call.py:
as returned: Functional, count_params() = 30, 3 weights, unbuilt: none
after call: count_params() = 30, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'nalu': 30}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine15a/probe.py): one SGD fit step changes 3 of 3 trainable weights; assign(+0.5) to
W_hat, M_hat and G each changes the output (none is read through a stale copy)."""

import keras
from keras import initializers, ops
from keras.layers import Input, InputSpec, Layer
from keras.models import Model


class NALU(Layer):
    def __init__(self, units, kernel_initializer='glorot_uniform',
                 **kwargs):
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super(NALU, self).__init__(**kwargs)
        self.units = units
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[-1]

        self.W_hat = self.add_weight(shape=(input_dim, self.units),
                                     initializer=self.kernel_initializer,
                                     name='W_hat')
        self.M_hat = self.add_weight(shape=(input_dim, self.units),
                                     initializer=self.kernel_initializer,
                                     name='M_hat')
        self.G = self.add_weight(shape=(input_dim, self.units),
                                 initializer=self.kernel_initializer,
                                 name='G')
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def call(self, inputs):
        W = ops.tanh(self.W_hat) * ops.sigmoid(self.M_hat) #NAC
        m = ops.exp(ops.dot(ops.log(ops.abs(inputs) + 1e-7), W)) #NALU
        g = ops.sigmoid(ops.dot(inputs, self.G)) #NALU
        a = ops.dot(inputs, W) #NAC
        y = g * a + (1 - g) * m #NALU
        return y

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) >= 2
        assert input_shape[-1]
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)


def build_model():
    x = Input((10,))
    y = NALU(1)(x)
    return Model(x, y)
