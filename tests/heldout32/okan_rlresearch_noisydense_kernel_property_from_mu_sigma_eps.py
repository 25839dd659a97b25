"""A tensorflow-addons-style `NoisyDense(Dense)` that never calls `Dense.build()`, creates
mu/sigma/eps weights itself, sets `self.built = True` by hand and replaces `kernel`/`bias` by
properties computing `mu + sigma * eps`: looks like a shadowed/unbuilt kernel, but every learnable
weight is tracked and trained on Keras 3.

From epicgamer17/rl-research (`noisy_dense.py`, "From tensorflow_addons", the noisy head of the
repository's Rainbow DQN experiments). `build()` adds `sigma_kernel`, `mu_kernel` (trainable) and a
non-trainable `eps_kernel` (and the same three for the bias), calls `reset_noise()` (which `assign`s
factorised noise into the eps variables) and sets `self.built = True` without `super().build()`. The
layer inherits `Dense.call()`, which reads `self.kernel`/`self.bias`: the properties rebuild the noisy
weight from the variables on every call, so the gradient reaches mu and sigma; eps is a non-trainable
Keras variable (counted, saved, not trained, by design). `delattr(self, "kernel_initializer")` in
`__init__` is odd but harmless.

Porting edits: the positional weight names of `add_weight("sigma_kernel", shape=...)` made keyword
(`name=`): as written, Keras 3 refuses them before anything is built (_probe_positional_names.py,
the author's positional form: "build_model() raised ValueError: `name` must be passed as a keyword
argument. Received: add_weight('sigma_kernel', ...)"); `tensorflow.keras.layers.InputSpec` kept. build_model(): a functional dueling-free Q head,
Input(8) -> Dense(16, relu) -> NoisyDense(4).
"""

SOURCE = "https://github.com/epicgamer17/rl-research/blob/18da8444d04f5a6641b2250d06568900dc5c9569/noisy_dense.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okan_rlresearch_noisydense_kernel_property_from_mu_sigma_eps.py:
as returned: Functional, count_params() = 348, 8 weights, unbuilt: none
after call: count_params() = 348, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'noisy_dense': 204}
second call: 0 variables watched that the first call did not use
(204 = 3 x 16*4 kernel-shaped + 3 x 4 bias-shaped; eps_kernel/eps_bias are the 2 non-trainable weights.)"""

import tensorflow as tf
from tensorflow.keras import (
    activations,
    initializers,
    regularizers,
    constraints,
)
from tensorflow.keras import backend as K
from tensorflow.keras.layers import InputSpec


def _scaled_noise(size, dtype):
    x = tf.random.normal(shape=size, dtype=dtype)
    return tf.sign(x) * tf.sqrt(tf.abs(x))


class NoisyDense(tf.keras.layers.Dense):
    def __init__(
        self,
        units: int,
        sigma: float = 0.5,  # might want to make sigma 0.1 for CPU's
        use_factorised: bool = True,
        activation=None,
        use_bias: bool = True,
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(
            units=units,
            activation=activation,
            use_bias=use_bias,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )
        delattr(self, "kernel_initializer")
        delattr(self, "bias_initializer")
        self.sigma = sigma
        self.use_factorised = use_factorised

    def build(self, input_shape):
        # Make sure dtype is correct
        dtype = tf.dtypes.as_dtype(self.dtype or K.floatx())
        if not (dtype.is_floating or dtype.is_complex):
            raise TypeError(
                "Unable to build `Dense` layer with non-floating point "
                "dtype %s" % (dtype,)
            )

        input_shape = tf.TensorShape(input_shape)
        self.last_dim = tf.compat.dimension_value(input_shape[-1])
        sqrt_dim = self.last_dim ** (1 / 2)
        if self.last_dim is None:
            raise ValueError(
                "The last dimension of the inputs to `Dense` "
                "should be defined. Found `None`."
            )
        self.input_spec = InputSpec(min_ndim=2, axes={-1: self.last_dim})

        # use factorising Gaussian variables
        if self.use_factorised:
            mu_init = 1.0 / sqrt_dim
            sigma_init = self.sigma / sqrt_dim
        # use independent Gaussian variables
        else:
            mu_init = (3.0 / self.last_dim) ** (1 / 2)
            sigma_init = 0.017

        sigma_init = initializers.Constant(value=sigma_init)
        mu_init = initializers.RandomUniform(minval=-mu_init, maxval=mu_init)

        # Learnable parameters
        self.sigma_kernel = self.add_weight(
            name="sigma_kernel",
            shape=[self.last_dim, self.units],
            initializer=sigma_init,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
            dtype=self.dtype,
            trainable=True,
        )

        self.mu_kernel = self.add_weight(
            name="mu_kernel",
            shape=[self.last_dim, self.units],
            initializer=mu_init,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
            dtype=self.dtype,
            trainable=True,
        )

        self.eps_kernel = self.add_weight(
            name="eps_kernel",
            shape=[self.last_dim, self.units],
            initializer=initializers.Zeros(),
            regularizer=None,
            constraint=None,
            dtype=self.dtype,
            trainable=False,
        )

        if self.use_bias:
            self.sigma_bias = self.add_weight(
                name="sigma_bias",
                shape=[self.units, ],
                initializer=sigma_init,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
                dtype=self.dtype,
                trainable=True,
            )

            self.mu_bias = self.add_weight(
                name="mu_bias",
                shape=[self.units, ],
                initializer=mu_init,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
                dtype=self.dtype,
                trainable=True,
            )

            self.eps_bias = self.add_weight(
                name="eps_bias",
                shape=[self.units, ],
                initializer=initializers.Zeros(),
                regularizer=None,
                constraint=None,
                dtype=self.dtype,
                trainable=False,
            )
        else:
            self.sigma_bias = None
            self.mu_bias = None
            self.eps_bias = None
        self.reset_noise()
        self.built = True

    @property
    def kernel(self):
        return self.mu_kernel + (self.sigma_kernel * self.eps_kernel)

    @property
    def bias(self):
        if self.use_bias:
            return self.mu_bias + (self.sigma_bias * self.eps_bias)

    def reset_noise(self):
        """Create the factorised Gaussian noise."""
        if self.use_factorised:
            in_eps = _scaled_noise([self.last_dim, 1], dtype=self.dtype)
            out_eps = _scaled_noise([1, self.units], dtype=self.dtype)
            self.eps_kernel.assign(tf.matmul(in_eps, out_eps))
            self.eps_bias.assign(out_eps[0])
        else:
            self.eps_kernel.assign(
                tf.random.normal(shape=[self.last_dim, self.units], dtype=self.dtype)
            )
            self.eps_bias.assign(
                tf.random.normal(shape=[self.units, ], dtype=self.dtype)
            )

    def remove_noise(self):
        """Remove the factorised Gaussian noise."""
        self.eps_kernel.assign(tf.zeros([self.last_dim, self.units], dtype=self.dtype))
        self.eps_bias.assign(tf.zeros([self.units], dtype=self.dtype))

    def call(self, inputs):
        return super().call(inputs)


def build_model():
    inputs = tf.keras.Input((8,))
    x = tf.keras.layers.Dense(16, activation="relu")(inputs)
    q = NoisyDense(4)(x)
    return tf.keras.Model(inputs, q)
