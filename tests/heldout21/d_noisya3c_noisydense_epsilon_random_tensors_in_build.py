"""A NoisyNet A3C agent's `NoisyDense` policy/value heads: the noise `epsilon_kernel`/`epsilon_bias` is
drawn once with `K.random_normal` in `build()` (via `sample_noise()`) and stored on `self` as plain
tensors; `sample_noise()`/`remove_noise()` later rebind the attributes to resample or switch noise off.

From LuEE-C/Noisy-A3C-Keras (`NoisyDense.py`, used by `Main.py` for the `out_actions` softmax head and
the `out_value` head; `Brain.optimize()` calls `sample_noise()` on both before each update, and
issue #1 asks how to call `remove_noise()` after training). The sigma/mu weights are proper
`add_weight`s, but the noise is not state Keras knows about: on Keras 3 the random draw is a concrete
tensor made once in `build()`, the compiled `predict` function captures it, and resampling or removing
the noise by rebinding the attribute changes nothing in `model.predict` - the exploration noise is
frozen for the life of the traced function.

Porting edits: standalone Keras 2 imports -> `keras`; `K.random_normal` -> `keras.random.normal`,
`K.zeros` -> `keras.ops.zeros`, `K.dot` -> `keras.ops.matmul`, `K.bias_add` -> `+`;
`keras.engine.topology.Layer` -> `keras.layers.Layer`; `Brain._build_model` kept (Dense/PReLU trunk,
two NoisyDense heads) with widths 128 -> 8, CartPole's 4-feature state and 2 actions; the TF1 session,
placeholders and threads are dropped.
"""

SOURCE = "https://github.com/LuEE-C/Noisy-A3C-Keras/blob/9cdb2b9f6a29f53b6b57c7ad2ae6ac3b64aad11f/NoisyDense.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/d_noisya3c_noisydense_epsilon_random_tensors_in_build.py:
warning: UserWarning: The structure of `inputs` doesn't match the expected structure (the author's `inputs=[l_input]`)
as returned: Functional, count_params() = 182, 14 weights, unbuilt: none
after call: count_params() = 182, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'out_actions': 36, 'out_value': 18}
second call: 0 variables watched that the first call did not use
Own script /tmp/mine21a/noisyprobe.py: epsilon_kernel is an EagerTensor, not among the layer's weights;
model.predict gives identical values before and after sample_noise() on both heads, and again after
remove_noise() (noise frozen in the traced predict function), while an eager model(s) call after
remove_noise() gives different values from that predict."""

import keras
from keras import activations, constraints, initializers, ops, regularizers
from keras.layers import Dense, Input, Layer, PReLU
from keras.models import Model


class NoisyDense(Layer):

    def __init__(self, units,
                 sigma_init=0.02,
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
        super(NoisyDense, self).__init__(**kwargs)
        self.units = units
        self.sigma_init = sigma_init
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def build(self, input_shape):
        assert len(input_shape) >= 2
        self.input_dim = input_shape[-1]

        self.kernel = self.add_weight(shape=(self.input_dim, self.units),
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)

        self.sigma_kernel = self.add_weight(shape=(self.input_dim, self.units),
                                      initializer=initializers.Constant(value=self.sigma_init),
                                      name='sigma_kernel'
                                      )


        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
            self.sigma_bias = self.add_weight(shape=(self.units,),
                                        initializer=initializers.Constant(value=self.sigma_init),
                                        name='sigma_bias')
        else:
            self.bias = None
            self.epsilon_bias = None
        self.sample_noise()
        super(NoisyDense, self).build(input_shape)


    def call(self, X):
        perturbation = self.sigma_kernel * self.epsilon_kernel
        perturbed_kernel = self.kernel + perturbation
        output = ops.matmul(X, perturbed_kernel)
        if self.use_bias:
            bias_perturbation = self.sigma_bias * self.epsilon_bias
            perturbed_bias = self.bias + bias_perturbation
            output = output + perturbed_bias
        if self.activation is not None:
            output = self.activation(output)
        return output

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) >= 2
        assert input_shape[-1]
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)

    def sample_noise(self):
        self.epsilon_kernel = keras.random.normal(shape=(self.input_dim, self.units), mean=0, stddev=1)
        self.epsilon_bias = keras.random.normal(shape=(self.units,), mean=0, stddev=1)

    def remove_noise(self):
        self.epsilon_kernel = ops.zeros(shape=(self.input_dim, self.units))
        self.epsilon_bias = ops.zeros(shape=(self.units))


NUM_STATE = 4
NUM_ACTIONS = 2
SIGMA_INIT = 0.02


def build_model():
        l_input = Input(batch_shape=(None, NUM_STATE))
        x = Dense(8)(l_input)
        x = PReLU()(x)
        x = Dense(8)(x)
        x = PReLU()(x)
        out_actions = NoisyDense(NUM_ACTIONS, activation='softmax', name='out_actions', sigma_init=SIGMA_INIT)(x)
        out_value = NoisyDense(1, name='out_value', sigma_init=SIGMA_INIT)(x)

        model = Model(inputs=[l_input], outputs=[out_actions, out_value])

        return model
