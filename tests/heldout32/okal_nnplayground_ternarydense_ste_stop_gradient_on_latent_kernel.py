"""DingKe's `TernaryDense` quantizes its latent kernel in `call()` with the straight-through trick
`W + K.stop_gradient(ternarize(W) - W)` (and `W /= H` inside the helper): looks like a kernel behind
`stop_gradient` and a weight overwritten by a tensor derived from it, but the forward value is the
ternary kernel while the gradient flows to the latent `W` unchanged; on Keras 3 the latent kernel and
the bias are tracked and trained.

From DingKe/nn_playground (`ternarynet/ternary_layers.py` with `ternary_ops.py`), the ternary-weight
counterpart of the repository's BinaryNet layers (Keras 1.2 API). The latent weight `W` is an `add_weight`
with a Clip(-H, H) constraint; the ternary kernel is a local tensor remade on every call; `W /= H` in
`_ternarize` rebinds the helper's local name, it does not write the variable.

Porting edits (the Keras 1 API is gone in Keras 3): `initializations.get('uniform')` with `scale=H` ->
`initializers.RandomUniform(-H, H)`; `add_weight(shape, initializer, name=..., regularizer=self.W_regularizer,
constraint=...)` -> keyword `shape=`, `self.kernel_regularizer`/`self.bias_regularizer`/`self.bias_constraint`;
`self.output_dim` -> `self.units`; the Keras 1 `self.bias` flag -> `self.use_bias`; `InputSpec(dtype=...,
ndim='2+')` -> `InputSpec(min_ndim=2)`; `initial_weights` handling and `get_config()` dropped; in the ops,
`K.*` -> `keras.ops` (`switch` -> `ops.where`, `K.stop_gradient` -> `ops.stop_gradient`). Not fixed: Keras 3 `save_weights` raises on this subclass (see MEASURED). `build_model()`
follows `ternarynet/mnist_mlp.py` scaled down: Input(20) -> TernaryDense(16, H=1.) -> BatchNormalization
-> Activation('relu') -> TernaryDense(10, H=1.) -> BatchNormalization.
"""

SOURCE = "https://github.com/DingKe/nn_playground/blob/5356b768703f7afe4ee8cf38752f7cddd2ca80ad/ternarynet/ternary_layers.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/al/okal_nnplayground_ternarydense_ste_stop_gradient_on_latent_kernel.py:
as returned: Sequential, count_params() = 610, 12 weights, unbuilt: none
after call: count_params() = 610, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ternary_dense': 336, 'ternary_dense_1': 170}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine32/al/p_fitsave_catch.py:
fit: changed 6 of 8 trainable weights; unchanged: ['sequential/ternary_dense/ternary_dense_b', 'sequential/ternary_dense_1/ternary_dense_1_b']
weights: ['sequential/ternary_dense/ternary_dense_W', 'sequential/ternary_dense/ternary_dense_b']
save_weights raised ValueError: Invalid dtype: object
Both latent kernels W change in one SGD step (the STE passes the gradient); the two biases do not move
because each feeds a BatchNormalization, which cancels a constant shift (gradient ~0, not None: the
measure shows no None gradient). save_weights fails because the layer subclasses Keras 3 `Dense` but
skips `Dense.build()`, and the inherited `Dense.save_own_variables` writes `self.kernel`, which is None
here; an inheritance/porting problem of the save path (raised, not silent), not a lost weight: both
weights are tracked, counted and trained."""

import numpy as np

import keras
from keras import ops
from keras import constraints
from keras import initializers
from keras.layers import InputSpec, Dense


# ---- ternary_ops.py ----
def switch(condition, t, e):
    return ops.where(condition, t, e)


def _ternarize(W, H=1):
    W /= H

    ones = ops.ones_like(W)
    zeros = ops.zeros_like(W)
    Wt = switch(W > 0.5, ones, switch(W <= -0.5, -ones, zeros))

    Wt *= H

    return Wt


def ternarize(W, H=1):
    Wt = _ternarize(W, H)
    return W + ops.stop_gradient(Wt - W)


# ---- ternary_layers.py ----
class Clip(constraints.Constraint):
    def __init__(self, min_value, max_value=None):
        self.min_value = min_value
        self.max_value = max_value
        if not self.max_value:
            self.max_value = -self.min_value
        if self.min_value > self.max_value:
            self.min_value, self.max_value = self.max_value, self.min_value

    def __call__(self, p):
        return ops.clip(p, self.min_value, self.max_value)

    def get_config(self):
        return {"name": self.__call__.__name__,
                "min_value": self.min_value,
                "max_value": self.max_value}


class TernaryDense(Dense):
    ''' Ternarized Dense layer
    '''
    def __init__(self, output_dim, H=1., W_lr_multiplier='Glorot', b_lr_multiplier=None, **kwargs):
        self.H = H
        self.W_lr_multiplier = W_lr_multiplier
        self.b_lr_multiplier = b_lr_multiplier

        super(TernaryDense, self).__init__(output_dim, **kwargs)

    def build(self, input_shape):
        assert len(input_shape) == 2
        input_dim = input_shape[1]
        self.input_dim = input_dim
        self.input_spec = [InputSpec(min_ndim=2)]

        if self.H == 'Glorot':
            self.H = np.float32(np.sqrt(1.5 / (input_dim + self.units)))

        if self.W_lr_multiplier == 'Glorot':
            self.W_lr_multiplier = np.float32(1. / np.sqrt(1.5 / (input_dim + self.units)))

        self.W_constraint = Clip(-self.H, self.H)

        self.init_func = initializers.RandomUniform(-self.H, self.H)
        self.W = self.add_weight(shape=(input_dim, self.units),
                                 initializer=self.init_func,
                                 name='{}_W'.format(self.name),
                                 regularizer=self.kernel_regularizer,
                                 constraint=self.W_constraint)

        if self.use_bias:
            self.lr_multipliers = [self.W_lr_multiplier, self.b_lr_multiplier]
        else:
            self.lr_multipliers = [self.W_lr_multiplier]

        if self.use_bias:
            self.b = self.add_weight(shape=(self.units,),
                                     initializer='zeros',
                                     name='{}_b'.format(self.name),
                                     regularizer=self.bias_regularizer,
                                     constraint=self.bias_constraint)

    def call(self, x, mask=None):
        Wt = ternarize(self.W, H=self.H)

        if self.use_bias:
            output = self.activation(ops.matmul(x, Wt) + self.b)
        else:
            output = self.activation(ops.matmul(x, Wt))
        return output


def build_model():
    return keras.Sequential([
        keras.Input((20,)),
        TernaryDense(16, H=1.),
        keras.layers.BatchNormalization(),
        keras.layers.Activation('relu'),
        TernaryDense(10, H=1.),
        keras.layers.BatchNormalization(),
    ])
