"""A NoisyNet `NoisyDense` that samples its factorised noise `e_i`, `e_j` with `K.random_normal` in
`reset_noise()`, called from `build()`, and keeps them as plain tensors on `self`: on Keras 3 they are
constants that are not counted, saved or copied by `set_weights`, and a compiled `predict` keeps
using the first sample even after `reset_noise()`.

From lukepark327/keras-only-RL (`NoisyNet/src/layers.py`, the NoisyNet DQN of a "Keras only" RL
tutorial repository; the same layer is copied into its Atari agents). `build()` adds mu/sigma weights
with `add_weight` and calls `self.reset_noise()`, which does `self.e_i = K.random_normal(...)`,
`self.e_j = K.random_normal(...)`; `call()` builds `mu + sigma * f(e_i) * f(e_j)`. The agent
(`NoisyNet/src/agent.py`) never calls `reset_noise()` again, and copies Q into Q_target with
`set_weights(get_weights())`, which carries mu/sigma but not the noise. The noise is meant to be
non-trainable state that is resampled; stored as raw tensors it is frozen at build time.

Porting edits: `from keras.engine.topology import Layer` -> `from keras.layers import Layer`;
`import keras.backend as K` -> `import tensorflow.keras.backend as K` (Keras 3's `keras.backend` has no
`random_normal`/`dot`/`bias_add`; the tf.keras alias keeps the legacy functions). build_model(): the
agent's `_build_model(16, 4)` for a 4x4 grid world: Input(16) -> 3 x NoisyDense(24, relu) ->
NoisyDense(4, linear).
Doubt kept as decided: labelled LD001 (tensor state kept on `self` in build instead of a
non-trainable variable), although the noise is not meant to be trained.
"""

SOURCE = "https://github.com/lukepark327/keras-only-RL/blob/48edb10120d3c1c95ce06a385df6fe68f2a43845/NoisyNet/src/layers.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py an_kerasonlyrl_noisydense_noise_tensors_sampled_once_in_build.py:
as returned: Functional, count_params() = 3416, 16 weights, unbuilt: none
after call: count_params() = 3416, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'noisy_dense': 816, 'noisy_dense_1': 1200, 'noisy_dense_2': 1200, 'action': 200}
second call: 0 variables watched that the first call did not use
python _probe_kerasonlyrl_noise.py:
type(e_i): EagerTensor | e_i in weights: False | n weights: 16 | count_params(): 3416
predict unchanged after reset_noise(): True | eager call differs from predict: True
Q_target after set_weights(Q.get_weights()) gives Q's outputs: False
(the compiled predict keeps the noise constants it was traced with; the target network keeps its own
build-time noise, so the "copied" target computes a different function.)"""

import tensorflow.keras.backend as K
from keras import activations, initializers
from keras.layers import Input, Layer
from keras.models import Model


class NoisyDense(Layer):
    def __init__(self,
                 output_dim,
                 activation=None,
                 **kwargs):
        self.output_dim = output_dim
        self.activation = activations.get(activation)

        self.e_i = None
        self.e_j = None

        super(NoisyDense, self).__init__(**kwargs)

    def build(self, input_shape):
        self.input_dim = input_shape[-1]

        # Factorised NoisyNet
        sqrt_inputs = self.input_dim ** (1 / 2)
        self.sigma_initializer = initializers.Constant(value=0.5 / sqrt_inputs)
        self.mu_initializer = initializers.RandomUniform(minval=(-1.0 / sqrt_inputs), maxval=(1.0 / sqrt_inputs))

        # Learnable parameters
        self.mu_weight = self.add_weight(name='mu_weights',
                                         shape=(self.input_dim, self.output_dim),
                                         initializer=self.mu_initializer,
                                         trainable=True)

        self.sigma_weight = self.add_weight(name='sigma_weights',
                                            shape=(self.input_dim, self.output_dim),
                                            initializer=self.sigma_initializer,
                                            trainable=True)

        self.mu_bias = self.add_weight(name='mu_bias',
                                       shape=(self.output_dim,),
                                       initializer=self.mu_initializer,
                                       trainable=True)

        self.sigma_bias = self.add_weight(name='sigma_bias',
                                          shape=(self.output_dim,),
                                          initializer=self.sigma_initializer,
                                          trainable=True)

        self.reset_noise()
        super(NoisyDense, self).build(input_shape)

    def call(self, x):
        # Factorised Gaussian noise
        def f(e):
            return K.sign(e) * (K.sqrt(K.abs(e)))

        eW = f(self.e_i) * f(self.e_j)
        eB = f(self.e_j)

        noise_injected_weights = self.mu_weight + (self.sigma_weight * eW)
        noise_injected_bias = self.mu_bias + (self.sigma_bias * eB)
        output = K.bias_add(K.dot(x, noise_injected_weights), noise_injected_bias)

        if self.activation != None:
            output = self.activation(output)
        return output

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        output_shape[-1] = self.output_dim
        return tuple(output_shape)

    def reset_noise(self):
        # sample from noise distribution
        self.e_i = K.random_normal((self.input_dim, self.output_dim))
        self.e_j = K.random_normal((self.output_dim,))


def build_model():
    n_inputs, n_outputs = 16, 4
    inputs = Input(shape=(n_inputs, ), name='state')
    x = NoisyDense(24, activation='relu')(inputs)
    x = NoisyDense(24, activation='relu')(x)
    x = NoisyDense(24, activation='relu')(x)
    x = NoisyDense(n_outputs, activation='linear', name='action')(x)
    Q_model = Model(inputs, x)
    return Q_model
