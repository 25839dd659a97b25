"""RLlib's `NoisyLayer` (the NoisyNet layer of its Rainbow/DQN Q-heads) creates all four of its
weights in `build()` through RLlib's `get_variable()` helper, i.e. `tf.compat.v1.get_variable`: raw
TF variables that a Keras 3 layer does not track, so the noisy head has 0 parameters, and
`model.trainable_variables` never includes them.

From ray-project/ray (`rllib/models/tf/layers/noisy_layer.py`). `build()` sets `self.sigma_w`,
`self.sigma_b`, `self.w`, `self.b` = `get_variable(value=<keras initializer>, trainable=True,
tf_name=prefix + "_...", shape=..., dtype=tf.float32)`; `call()` draws factorised noise and computes
`x @ (w + sigma_w * eps_w) + b + sigma_b * eps_b`. RLlib's `get_variable` for framework "tf" returns
`tf.compat.v1.get_variable(tf_name, initializer=value, dtype=dtype, trainable=trainable, shape=shape)`.
Under tf.keras 2 those variables were auto-tracked as layer attributes; under Keras 3 they are not.

Porting edits: RLlib is not installed here, so `get_variable` is reproduced from
`rllib/utils/framework.py` (its "tf" branch, verbatim apart from the torch branches dropped) and
`get_activation_fn(name, framework="tf")` by a two-line stand-in returning `tf.nn.relu` for "relu" and
None for None; `try_import_tf()` -> `import tensorflow as tf`. build_model(): a Q-head as RLlib's
distributional Q model wires it: Input(8) -> NoisyLayer("hidden_0", 16, 0.5) -> NoisyLayer("output",
4, 0.5, activation=None), functional.
"""

SOURCE = "https://github.com/ray-project/ray/blob/030c36cde85bbe67a7c8dd0b04544c89377e15ce/rllib/models/tf/layers/noisy_layer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py an_rayrllib_noisylayer_get_variable_weights_untracked.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 8 variables the model does not track: ['hidden_0_sigma_w:0', 'hidden_0_sigma_b:0', 'hidden_0_fc_w:0', 'hidden_0_fc_b:0', 'output_sigma_w:0', 'output_sigma_b:0']
params of the case's own layers: {'noisy_layer': 0, 'noisy_layer_1': 0}
second call: 0 variables watched that the first call did not use
(the measure script prints the first 6 of the 8 untracked variable names.)"""

import numpy as np
import tensorflow as tf


def get_variable(value, framework="tf", trainable=False, tf_name="unnamed-variable",
                 torch_tensor=False, device=None, shape=None, dtype=None):
    # rllib/utils/framework.py, framework "tf" branch
    if framework in ["tf2", "tf"]:
        dtype = dtype or getattr(
            value,
            "dtype",
            tf.float32
            if isinstance(value, float)
            else tf.int32
            if isinstance(value, int)
            else None,
        )
        return tf.compat.v1.get_variable(
            tf_name,
            initializer=value,
            dtype=dtype,
            trainable=trainable,
            **({} if shape is None else {"shape": shape}),
        )
    return value


def get_activation_fn(name=None, framework="tf"):  # stand-in for rllib.models.utils.get_activation_fn
    return {"relu": tf.nn.relu, None: None}[name]


class NoisyLayer(tf.keras.layers.Layer if tf else object):
    """A Layer that adds learnable Noise
    a common dense layer: y = w^{T}x + b
    a noisy layer: y = (w + \\epsilon_w*\\sigma_w)^{T}x +
        (b+\\epsilon_b*\\sigma_b)
    """

    def __init__(self,
                 prefix,
                 out_size,
                 sigma0,
                 activation="relu"):
        super().__init__()
        self.prefix = prefix
        self.out_size = out_size
        # TF noise generation can be unreliable on GPU
        # If generating the noise on the CPU,
        # lowering sigma0 to 0.1 may be helpful
        self.sigma0 = sigma0  # 0.5~GPU, 0.1~CPU
        self.activation = activation
        # Variables.
        self.w = None  # Weight matrix.
        self.b = None  # Biases.
        self.sigma_w = None  # Noise for weight matrix
        self.sigma_b = None  # Noise for biases.

    def build(self, input_shape):
        in_size = int(input_shape[1])

        self.sigma_w = get_variable(
            value=tf.keras.initializers.RandomUniform(
                minval=-1.0 / np.sqrt(float(in_size)),
                maxval=1.0 / np.sqrt(float(in_size))),
            trainable=True,
            tf_name=self.prefix + "_sigma_w",
            shape=[in_size, self.out_size],
            dtype=tf.float32
        )

        self.sigma_b = get_variable(
            value=tf.keras.initializers.Constant(
                self.sigma0 / np.sqrt(float(in_size))),
            trainable=True,
            tf_name=self.prefix + "_sigma_b",
            shape=[self.out_size],
            dtype=tf.float32,
        )

        self.w = get_variable(
            value=tf.keras.initializers.GlorotUniform(),
            tf_name=self.prefix + "_fc_w",
            trainable=True,
            shape=[in_size, self.out_size],
            dtype=tf.float32,
        )

        self.b = get_variable(
            value=tf.keras.initializers.Zeros(),
            tf_name=self.prefix + "_fc_b",
            trainable=True,
            shape=[self.out_size],
            dtype=tf.float32,
        )

    def call(self, inputs):
        in_size = int(inputs.shape[1])
        epsilon_in = tf.random.normal(shape=[in_size])
        epsilon_out = tf.random.normal(shape=[self.out_size])
        epsilon_in = self._f_epsilon(epsilon_in)
        epsilon_out = self._f_epsilon(epsilon_out)
        epsilon_w = tf.matmul(
            a=tf.expand_dims(epsilon_in, -1), b=tf.expand_dims(epsilon_out, 0))
        epsilon_b = epsilon_out

        action_activation = tf.matmul(
            inputs,
            self.w + self.sigma_w * epsilon_w) + \
            self.b + self.sigma_b * epsilon_b

        fn = get_activation_fn(self.activation, framework="tf")
        if fn is not None:
            action_activation = fn(action_activation)
        return action_activation

    def _f_epsilon(self, x):
        return tf.math.sign(x) * tf.math.sqrt(tf.math.abs(x))


def build_model():
    inputs = tf.keras.Input((8,))
    x = NoisyLayer("hidden_0", 16, 0.5)(inputs)
    q = NoisyLayer("output", 4, 0.5, activation=None)(x)
    return tf.keras.Model(inputs, q)
