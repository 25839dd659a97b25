"""A PPO actor's `NoisyDense` output layer draws fresh `random_normal` noise tensors inside `call()` and
multiplies them with a `sigma_kernel`/`sigma_bias` made by `add_weight` in `build()`: random tensors in `call()`
look like state created per call, but they are per-call noise, and every weight (mean and sigma) is tracked and
trained on Keras 3.

From FitMachineLearning/PPO-Keras (`NoisyDense.py`, used by `ppo.py`: "Prefer this to entropy penalty",
`out_actions = NoisyDense(NUM_ACTIONS, activation='softmax', sigma_init=0.02, name='output')(x)`), written for
Keras 2 (`keras.engine.topology.Layer`, `K.random_normal`, `K.dot`, `K.bias_add`). `build()` makes `kernel`,
`sigma_kernel`, `bias`, `sigma_bias` with `add_weight`; `call()` builds `perturbed_kernel = kernel + sigma_kernel *
K.random_normal(...)` and the same for the bias: the noise is an input to this call, not a weight (unlike
LD001/LD002's weight-like tensors, nothing is stored on `self`). The layer has a `remove_noise()` that rebinds
`self.sigma_kernel = K.zeros(...)` (it would replace the tracked variables by constants), but `ppo.py` never calls
it; `get_config()` also puts the variables into the config (a serialisation problem, not weight tracking).

Porting edits (Keras 2 -> Keras 3 APIs only): `from keras.layers import Layer`; `K.random_normal(shape, mean,
stddev)` -> `keras.random.normal(shape, mean, stddev)`, `K.dot` -> `keras.ops.matmul`, `K.bias_add` ->
`keras.ops.add`, `K.zeros` -> `keras.ops.zeros`. `build_model()` wires `build_actor()`'s network (Input(4),
Dense(256, relu) x2, NoisyDense(2, softmax, sigma_init=0.02, name='output')) with only the state input: the
three extra `Input`s the author adds exist only for his loss closure (`proximal_policy_optimization_loss`).
"""

SOURCE = "https://github.com/FitMachineLearning/PPO-Keras/blob/dabfe939903e91edc5f4b14fe618f633cd98084b/NoisyDense.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bh/okbh_fitmachinelearning_ppokeras_noisydense_noise_drawn_in_call_sigma_add_weight.py:
as returned: Functional, count_params() = 68100, 8 weights, unbuilt: none
after call: count_params() = 68100, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'output': 1028}
second call: 0 variables watched that the first call did not use
probe (probe_fml.py): output layer weights ['output/kernel', 'output/sigma_kernel', 'output/bias', 'output/sigma_bias'];
one compiled train_on_batch (Adam, categorical_crossentropy) changes all four; get_weights()[1] (what ppo.py prints as
'Average Noisy Weights') is sigma_kernel."""

import keras
from keras import activations, constraints, initializers, regularizers
from keras.layers import Dense, Input, Layer
from keras.models import Model

NUM_ACTIONS = 2
NUM_STATE = 4


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
        # self.sample_noise()
        super(NoisyDense, self).build(input_shape)


    def call(self, X):
        perturbation = self.sigma_kernel * keras.random.normal(shape=(self.input_dim, self.units), mean=0, stddev=1)
        perturbed_kernel = self.kernel + perturbation
        output = keras.ops.matmul(X, perturbed_kernel)
        if self.use_bias:
            bias_perturbation = self.sigma_bias * keras.random.normal(shape=(self.units,), mean=0, stddev=1)
            perturbed_bias = self.bias + bias_perturbation
            output = keras.ops.add(output, perturbed_bias)
        if self.activation is not None:
            output = self.activation(output)
        return output

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) >= 2
        assert input_shape[-1]
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)

    def remove_noise(self):
        self.sigma_kernel = keras.ops.zeros(shape=(self.input_dim, self.units))
        self.sigma_bias = keras.ops.zeros(shape=(self.units,))


def build_model():
    state_input = Input(shape=(NUM_STATE,))
    x = Dense(256, activation='relu')(state_input)
    x = Dense(256, activation='relu')(x)

    # Prefer this to entropy penalty
    out_actions = NoisyDense(NUM_ACTIONS, activation='softmax', sigma_init=0.02, name='output')(x)

    model = Model(inputs=[state_input], outputs=[out_actions])
    return model
