"""Emin Orhan's `DenseMoE` (a dense mixture-of-experts layer, y = sum_k g(v_k x) f(W_k x)) keeps all
experts in one 3-D `expert_kernel`, sets `self.input_spec` and `self.built = True` by hand at the end of
`build()` without calling `super().build()`, and passes `input_shape` through kwargs: looks like the
classic "weights lost because build() skipped the base class" trap, but on Keras 3 all four weights are
tracked, counted and trained.

From eminorhan/mixture-of-experts (`DenseMoE.py`, Keras 2 / TF1 era; the reference implementation the
keras-io "Standalone Mixture-of-Experts" recipe cites). The experts are not separate layers kept in a
list: expert k is the slice `expert_kernel[:, :, k]`, and the gate is a softmax over `gating_kernel`;
every parameter is an `add_weight` in `build()`.

Porting edits (Keras 3 removed these backend functions): `keras.engine.topology.Layer, InputSpec` ->
`keras.layers.Layer, InputSpec`; `K.bias_add(a, b)` -> `a + b`; `K.dot` -> `ops.matmul`; `K.sum` /
`K.repeat_elements` / `K.expand_dims` -> `ops.sum` / `ops.repeat` / `ops.expand_dims`; `get_config()`
left out (not called). `build_model()` follows the repository's `moe_demo.py`: a Sequential of
DenseMoE(16, n_experts=4, relu experts, softmax gate, `input_shape=(10,)`) and DenseMoE(3, n_experts=2).
"""

SOURCE = "https://github.com/eminorhan/mixture-of-experts/blob/7caed41d1b739840daf67f5cfcfffe18edd3d9f5/DenseMoE.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/al/okal_eminorhan_densemoe_built_flag_set_by_hand_no_super_build.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Sequential, count_params() = 884, 8 weights, unbuilt: none
after call: count_params() = 884, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_mo_e': 748, 'dense_mo_e_1': 136}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine32/al/p_fitsave.py:
fit: changed 8 of 8 trainable weights; unchanged: []
save_weights/load_weights round trip: outputs equal = True
/tmp/mine32/al/okal_eminorhan_densemoe_built_flag_set_by_hand_no_super_build.py:61: UserWarning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead."""

import numpy as np
import tensorflow as tf
import keras
from keras import ops
from keras import activations, initializers, regularizers, constraints
from keras.initializers import RandomUniform
from keras.layers import Layer, InputSpec


class DenseMoE(Layer):
    """Mixture-of-experts layer.
    Implements: y = sum_{k=1}^K g(v_k * x) f(W_k * x)
    """
    def __init__(self, units,
                 n_experts,
                 expert_activation=None,
                 gating_activation=None,
                 use_expert_bias=True,
                 use_gating_bias=True,
                 expert_kernel_initializer_scale=1.0,
                 gating_kernel_initializer_scale=1.0,
                 expert_bias_initializer='zeros',
                 gating_bias_initializer='zeros',
                 expert_kernel_regularizer=None,
                 gating_kernel_regularizer=None,
                 expert_bias_regularizer=None,
                 gating_bias_regularizer=None,
                 expert_kernel_constraint=None,
                 gating_kernel_constraint=None,
                 expert_bias_constraint=None,
                 gating_bias_constraint=None,
                 activity_regularizer=None,
                 **kwargs):

        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super(DenseMoE, self).__init__(**kwargs)
        self.units = units
        self.n_experts = n_experts

        self.expert_activation = activations.get(expert_activation)
        self.gating_activation = activations.get(gating_activation)

        self.use_expert_bias = use_expert_bias
        self.use_gating_bias = use_gating_bias

        self.expert_kernel_initializer_scale = expert_kernel_initializer_scale
        self.gating_kernel_initializer_scale = gating_kernel_initializer_scale

        self.expert_bias_initializer = initializers.get(expert_bias_initializer)
        self.gating_bias_initializer = initializers.get(gating_bias_initializer)

        self.expert_kernel_regularizer = regularizers.get(expert_kernel_regularizer)
        self.gating_kernel_regularizer = regularizers.get(gating_kernel_regularizer)

        self.expert_bias_regularizer = regularizers.get(expert_bias_regularizer)
        self.gating_bias_regularizer = regularizers.get(gating_bias_regularizer)

        self.expert_kernel_constraint = constraints.get(expert_kernel_constraint)
        self.gating_kernel_constraint = constraints.get(gating_kernel_constraint)

        self.expert_bias_constraint = constraints.get(expert_bias_constraint)
        self.gating_bias_constraint = constraints.get(gating_bias_constraint)

        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[-1]
        expert_init_lim = np.sqrt(3.0*self.expert_kernel_initializer_scale / (max(1., float(input_dim + self.units) / 2)))
        gating_init_lim = np.sqrt(3.0*self.gating_kernel_initializer_scale / (max(1., float(input_dim + 1) / 2)))

        self.expert_kernel = self.add_weight(shape=(input_dim, self.units, self.n_experts),
                                      initializer=RandomUniform(minval=-expert_init_lim,maxval=expert_init_lim),
                                      name='expert_kernel',
                                      regularizer=self.expert_kernel_regularizer,
                                      constraint=self.expert_kernel_constraint)

        self.gating_kernel = self.add_weight(shape=(input_dim, self.n_experts),
                                      initializer=RandomUniform(minval=-gating_init_lim,maxval=gating_init_lim),
                                      name='gating_kernel',
                                      regularizer=self.gating_kernel_regularizer,
                                      constraint=self.gating_kernel_constraint)

        if self.use_expert_bias:
            self.expert_bias = self.add_weight(shape=(self.units, self.n_experts),
                                        initializer=self.expert_bias_initializer,
                                        name='expert_bias',
                                        regularizer=self.expert_bias_regularizer,
                                        constraint=self.expert_bias_constraint)
        else:
            self.expert_bias = None

        if self.use_gating_bias:
            self.gating_bias = self.add_weight(shape=(self.n_experts,),
                                        initializer=self.gating_bias_initializer,
                                        name='gating_bias',
                                        regularizer=self.gating_bias_regularizer,
                                        constraint=self.gating_bias_constraint)
        else:
            self.gating_bias = None

        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def call(self, inputs):

        expert_outputs = tf.tensordot(inputs, self.expert_kernel, axes=1)
        if self.use_expert_bias:
            expert_outputs = expert_outputs + self.expert_bias
        if self.expert_activation is not None:
            expert_outputs = self.expert_activation(expert_outputs)

        gating_outputs = ops.matmul(inputs, self.gating_kernel)
        if self.use_gating_bias:
            gating_outputs = gating_outputs + self.gating_bias
        if self.gating_activation is not None:
            gating_outputs = self.gating_activation(gating_outputs)

        output = ops.sum(expert_outputs * ops.repeat(ops.expand_dims(gating_outputs, axis=1), self.units, axis=1), axis=2)

        return output

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) >= 2
        assert input_shape[-1]
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)


def build_model():
    model = keras.Sequential()
    model.add(DenseMoE(16, 4, expert_activation='relu', gating_activation='softmax', input_shape=(10,)))
    model.add(DenseMoE(3, 2, expert_activation='softmax', gating_activation='softmax'))
    return model
