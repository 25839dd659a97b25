"""The Keras `ConcreteDropout` wrapper (Gal, Hron & Kendall) computes `self.p = sigmoid(p_logit[0])`
and the KL/weight regulariser once, in `build()`, then uses that tensor in every `call()`: on Keras 3
build runs eagerly, so `p` is a frozen constant and the learned dropout logit never gets a gradient.

From safgen/BayDNN-w-CD (`concrete_dropout.py`, the repository's Bayesian DNN with concrete dropout;
the file is the Keras-2 wrapper of yaringal/ConcreteDropout's notebook). `build()` builds the wrapped
Dense, adds `p_logit` to it with `self.layer.add_weight(...)` (tracked), stores
`self.p = K.sigmoid(self.p_logit[0])` and registers `self.layer.add_loss(regularizer)` built from
`self.p` and the kernel. In Keras 2 (graph mode) `self.p` was a symbolic op re-evaluated each step;
in Keras 3 it is an EagerTensor computed once from the initial logit, so the dropout rate the
wrapper is meant to learn is fixed and the regulariser is a constant number.

Porting edits: `keras.engine.InputSpec` -> `keras.layers.InputSpec`; `keras.layers.wrappers.Wrapper`
-> `keras.layers.Wrapper`; `K.sigmoid/log/sum/square/shape/random_uniform` -> `keras.ops`/`keras.random`
equivalents, `K.cast_to_floatx(K.epsilon())` -> `keras.config.epsilon()`; `K.in_train_phase` (only
on the `is_mc_dropout=False` path, not taken here) -> `keras.ops.cond` on `training`;
`self.layer.add_weight(name='p_logit', ...)` -> `self.add_weight(...)`: as written, Keras 3 refuses to
add a variable to the already-built inner Dense and build_model() raises before the bug is reached
(see MEASURED). build_model():
the docstring's usage, a Sequential Input(16) -> ConcreteDropout(Dense(8)) -> ConcreteDropout(Dense(1)).
Doubt: labelled LD009 (trainable `p_logit` reaches the output only through a value frozen at build
time); the stale `add_loss` regulariser is the same root defect.
"""

SOURCE = "https://github.com/safgen/BayDNN-w-CD/blob/68481cf8fec125c629625ce642c280a68e2d8533/concrete_dropout.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py an_baydnncd_concrete_dropout_p_computed_once_in_build.py:
as returned: Sequential, count_params() = 147, 6 weights, unbuilt: none
after call: count_params() = 147, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 6 trainable weights: ['sequential/concrete_dropout/p_logit', 'sequential/concrete_dropout_1/p_logit']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'concrete_dropout': 137, 'concrete_dropout_1': 10}
second call: 0 variables watched that the first call did not use
python _probe_concrete_dropout_losses.py (assign p_logit := 3 and call again):
losses before: [] p: 0.09999998658895493
losses after p_logit := 3: [] p: 0.09999998658895493
(self.p never follows the variable; the regulariser added in build() is not in model.losses at all.)
Before the `self.layer.add_weight` -> `self.add_weight` porting edit, the same measure command printed:
build_model() raised ValueError: You cannot add new elements of state (variables or sub-layers) to a layer that is already built. All state must be created in the `__init__()` method or in the `build()` method."""

import keras
from keras import initializers, ops
from keras.layers import Dense, InputSpec, Wrapper
import numpy as np


class ConcreteDropout(Wrapper):
    def __init__(self, layer, weight_regularizer=1e-6, dropout_regularizer=1e-5,
                 init_min=0.1, init_max=0.1, is_mc_dropout=True, **kwargs):
        assert 'kernel_regularizer' not in kwargs
        super(ConcreteDropout, self).__init__(layer, **kwargs)
        self.weight_regularizer = weight_regularizer
        self.dropout_regularizer = dropout_regularizer
        self.is_mc_dropout = is_mc_dropout
        self.supports_masking = True
        self.p_logit = None
        self.p = None
        self.init_min = np.log(init_min) - np.log(1. - init_min)
        self.init_max = np.log(init_max) - np.log(1. - init_max)

    def build(self, input_shape=None):
        self.input_spec = InputSpec(shape=input_shape)
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True
        super(ConcreteDropout, self).build()  # this is very weird.. we must call super before we add new losses

        # initialise p
        self.p_logit = self.add_weight(name='p_logit', shape=(1,),
                                       initializer=initializers.RandomUniform(self.init_min, self.init_max),
                                       trainable=True)
        self.p = ops.sigmoid(self.p_logit[0])

        # initialise regulariser / prior KL term
        assert len(input_shape) == 2, 'this wrapper only supports Dense layers'
        input_dim = np.prod(input_shape[-1])  # we drop only last dim
        weight = self.layer.kernel
        kernel_regularizer = self.weight_regularizer * ops.sum(ops.square(weight)) * (1. - self.p)
        dropout_regularizer = self.p * ops.log(self.p)
        dropout_regularizer += (1. - self.p) * ops.log(1. - self.p)
        dropout_regularizer *= self.dropout_regularizer * input_dim
        regularizer = ops.sum(kernel_regularizer + dropout_regularizer)
        self.layer.add_loss(regularizer)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def concrete_dropout(self, x):
        '''
        Concrete dropout - used at training time (gradients can be propagated)
        :param x: input
        :return:  approx. dropped out input
        '''
        eps = keras.config.epsilon()
        temp = 0.1

        unif_noise = keras.random.uniform(shape=ops.shape(x))
        drop_prob = (
            ops.log(self.p + eps)
            - ops.log(1. - self.p + eps)
            + ops.log(unif_noise + eps)
            - ops.log(1. - unif_noise + eps)
        )
        drop_prob = ops.sigmoid(drop_prob / temp)
        random_tensor = 1. - drop_prob

        retain_prob = 1. - self.p
        x *= random_tensor
        x /= retain_prob
        return x

    def call(self, inputs, training=None):
        if self.is_mc_dropout:
            return self.layer.call(self.concrete_dropout(inputs))
        else:
            return ops.cond(bool(training),
                            lambda: self.layer.call(self.concrete_dropout(inputs)),
                            lambda: self.layer.call(inputs))


def build_model():
    model = keras.Sequential([
        keras.Input((16,)),
        ConcreteDropout(Dense(8)),
        ConcreteDropout(Dense(1)),
    ])
    return model
