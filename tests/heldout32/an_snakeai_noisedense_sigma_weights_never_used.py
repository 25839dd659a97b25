"""A NoisyNet `NoiseDense` for a snake-playing DQN creates trainable `kernelSigma`/`biasSigma` next to
its kernel and bias, but `call()` computes `newW = kernel + kernelSigma` and then multiplies by
`self.kernel` anyway: the sigma weights are counted and never trained.

From mingyip/snake-ai-reinforcement (`noisy_dense.py`, the Keras-2 layer the repository's DQN agent
was meant to use for exploration; the same file also holds a TF1 `noisy_dense` function not used
here). `build()` adds four weights with `add_weight` (kernel, kernelSigma, bias, biasSigma) and sets
`self.built = True`; `call()` builds `newW` with `K.add` and discards it, and the bias sigma is not
read at all. So half of the layer's parameters get no gradient (the noise is never injected, which is
also why the layer behaves as a plain Dense).

Porting edits: `from keras.engine import Layer, InputSpec` -> `keras.layers.Layer`/`keras.layers.InputSpec`;
`K.add` -> `keras.ops.add`, `K.dot` -> `keras.ops.dot`, `K.bias_add` -> `keras.ops.add` (Keras 3 has no
`keras.backend` math); the TF1 helper function and its imports left out. build_model(): a small
Sequential Q-network on 8 state features, Dense(16, relu) -> NoiseDense(4), as a DQN head.
"""

SOURCE = "https://github.com/mingyip/snake-ai-reinforcement/blob/4b8ce174225585dd2f758d2166e31373fa949b91/noisy_dense.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py an_snakeai_noisedense_sigma_weights_never_used.py:
as returned: Sequential, count_params() = 280, 6 weights, unbuilt: none
after call: count_params() = 280, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 6 trainable weights: ['sequential/noise_dense/kernelSigma', 'sequential/noise_dense/biasSigma']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'noise_dense': 136}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import activations, constraints, initializers, regularizers
from keras import ops
from keras.layers import InputSpec, Layer


class NoiseDense(Layer):
    def __init__(self, units,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super(NoiseDense, self).__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[-1]

        self.kernel = self.add_weight(shape=(input_dim, self.units),
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.kernelSigma = self.add_weight(shape=(input_dim, self.units),
                                           initializer=self.kernel_initializer,
                                           name='kernelSigma',
                                           regularizer=self.kernel_regularizer,
                                           constraint=self.kernel_constraint)

        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
            self.biasSigma = self.add_weight(shape=(self.units,),
                                             initializer=self.bias_initializer,
                                             name='biasSigma',
                                             regularizer=self.bias_regularizer,
                                             constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def call(self, inputs):
        newW = ops.add(self.kernel, self.kernelSigma)
        output = ops.dot(inputs, self.kernel)
        if self.use_bias:
            output = ops.add(output, self.bias)
        if self.activation is not None:
            output = self.activation(output)
        return output

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) >= 2
        assert input_shape[-1]
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)


def build_model():
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(16, activation='relu'),
        NoiseDense(4),
    ])
    return model
