"""keras-vpnn's `Bias` layer adds its bias with `add_weight` in `build()` and immediately rebinds the same attribute,
`self.bias = self.bias / sqrt(self.output_dim)`: on Keras 3 the variable stays counted and saved while `call()` adds
a constant computed once in build, so the bias gets no gradient and never trains (LD010).

From wtaylor17/keras-vpnn (volume-preserving neural networks), `vpnn/layers/bias.py`: the last sublayer of every
`VPNNLayer` before its activation. `__init__` sets `output_dim` and `bias = None` before `super().__init__`,
`build()` creates `bias` of shape `(input_shape[-1],)` with the 'normal' initializer, then scales it by
`1/sqrt(output_dim)` into the same attribute; `call()` returns `x + self.bias`. The repository pins keras 2.3.1 on
TensorFlow 1.15, where the scaled bias is a graph tensor that still depends on the variable; on Keras 3 (eager
build) it is an EagerTensor and the link to the variable is lost.

Porting edits: none to the class (the pass-through `__call__` override is kept). build_model() uses the
repository's `VPNNLayer` factory reduced to the branches this case needs: `VPNNLayer(8, n_rotations=0,
use_diag=False, use_bias=True, activation='tanh')`, i.e. Input(8) -> Bias(8) -> Activation(tanh) in a functional
Model (the rotation and diagonal sublayers are left out: they have a defect of their own, another case).
"""

SOURCE = "https://github.com/wtaylor17/keras-vpnn/blob/2cbcb244929f38afe2a5b2f2b2fffe71c453a95c/vpnn/layers/bias.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bo/bo_kerasvpnn_bias_add_weight_rebound_to_scaled_tensor_in_build.py:
as returned: Functional, count_params() = 8, 1 weights, unbuilt: none
after call: count_params() = 8, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 1 trainable weights: ['bias/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bias': 8}
second call: 0 variables watched that the first call did not use
(`bias/bias` is counted and saved, but `call()` adds the EagerTensor `bias / sqrt(8)` computed once in build.)"""

import keras
from keras.layers import Layer, Input, Activation
from keras.models import Model
from math import sqrt


class Bias(Layer):
    def __init__(self, n_outputs, **kwargs):
        self.output_dim = n_outputs
        self.bias = None
        super(Bias, self).__init__(**kwargs)

    def build(self, input_shape):
        self.bias = self.add_weight(name='bias',
                                    initializer='normal',
                                    shape=(input_shape[-1],))
        self.bias = self.bias / sqrt(self.output_dim)
        super(Bias, self).build(input_shape)

    def __call__(self, *args, **kwargs):
        return super(Bias, self).__call__(*args, **kwargs)

    def call(self, x, **kwargs):
        return x + self.bias

    def get_config(self):
        config = super(Bias, self).get_config()
        config.update({'n_outputs': self.output_dim})
        return config


def VPNNLayer(dim,
              n_rotations=2,
              activation=None,
              use_bias=True,
              use_diag=True,
              **kwargs):
    _hidden_layers = []
    if use_bias:
        _hidden_layers.append(Bias(dim))
    if activation is not None:
        _hidden_layers.append(Activation(keras.activations.get(activation)))

    input_layer = Input((dim,))
    outp = input_layer
    for layer in _hidden_layers:
        outp = layer(outp)
    output_layer = outp
    return Model(input_layer, output_layer, **kwargs)


def build_model():
    return VPNNLayer(8, n_rotations=0, use_diag=False, use_bias=True, activation='tanh')
