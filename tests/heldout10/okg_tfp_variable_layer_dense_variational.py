"""A DenseVariational-style layer built from tfp's `VariableLayer`: add_weight in __init__, the input ignored.

tfp's `VariableLayer` creates its variable in `__init__` with `add_weight` (shape given by hand, no
input shape needed), and its `call(self, _)` ignores the input and returns `tf.convert_to_tensor(self._var)`.
The variational dense layer below keeps two of them (a trainable mean-field posterior and a frozen prior),
samples the kernel with `tf.random.normal` noise inside `call()` and adds the KL term with `add_loss`.
Everything here is tracked and the posterior parameters get gradients: the weight is created once, in a
tracked sublayer, and the random tensor in `call` is per-step noise, not state. (`add_weight` takes the name
as a keyword here: in Keras 3 its first positional argument is the shape.)
"""

SOURCE = "https://github.com/tensorflow/probability/blob/main/tensorflow_probability/python/layers/variable_input.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okg_tfp_variable_layer_dense_variational.py:
as returned: Functional, count_params() = 195, 4 weights, unbuilt: none
after call: count_params() = 195, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bayes_1': 168, 'prior': 9, 'posterior': 18, 'bayes_2': 27}
second call: 0 variables watched that the first call did not use
(168 = 2*56 posterior + 56 prior for 6x8+8 parameters; the priors are the 2 non-trainable weights)"""

import numpy as np
import tensorflow as tf


class VariableLayer(tf.keras.layers.Layer):
    """Simply returns a (trainable) variable, regardless of input."""

    def __init__(self, shape, dtype=None, activation=None, initializer="zeros", regularizer=None,
                 constraint=None, **kwargs):
        super(VariableLayer, self).__init__(**kwargs)

        self.activation = tf.keras.activations.get(activation)
        self.initializer = tf.keras.initializers.get(initializer)
        self.regularizer = tf.keras.regularizers.get(regularizer)
        self.constraint = tf.keras.constraints.get(constraint)

        shape = tf.get_static_value(shape)
        if shape is None:
            raise ValueError("Shape must be known statically.")
        shape = np.array(shape, dtype=np.int32)
        if len(shape.shape) > 1:
            raise ValueError("Shape must be scalar or vector.")
        shape = shape.reshape(-1)  # Ensures vector shape.

        self._var = self.add_weight(
            name="constant",
            shape=tuple(int(d) for d in shape),
            initializer=self.initializer,
            regularizer=self.regularizer,
            constraint=self.constraint,
            dtype=dtype,
            trainable=kwargs.get("trainable", True),
        )

    def call(self, _):
        x = tf.convert_to_tensor(value=self._var)
        if self.activation is None:
            return x
        return self.activation(x)


class DenseMeanField(tf.keras.layers.Layer):
    """y = x @ W + b with W, b ~ q(W, b) = N(loc, softplus(rho)); KL to a fixed N(0, 1) prior."""

    def __init__(self, units, in_features, kl_weight=1e-3, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.in_features = in_features
        self.kl_weight = kl_weight
        n = in_features * units + units
        self._n = n
        c = np.log(np.expm1(1.0))
        self.posterior = VariableLayer(2 * n, initializer=tf.keras.initializers.RandomNormal(stddev=0.1),
                                       name="posterior")
        self.posterior_bias_shift = c
        self.prior = VariableLayer(n, initializer="zeros", trainable=False, name="prior")

    def call(self, inputs):
        params = self.posterior(inputs)
        loc, rho = params[: self._n], params[self._n:]
        scale = 1e-5 + tf.math.softplus(self.posterior_bias_shift + rho)
        eps = tf.random.normal(tf.shape(loc))
        sample = loc + scale * eps
        kernel = tf.reshape(sample[: self.in_features * self.units], (self.in_features, self.units))
        bias = sample[self.in_features * self.units:]
        prior_loc = self.prior(inputs)
        kl = tf.reduce_sum(-tf.math.log(scale) + 0.5 * (scale ** 2 + (loc - prior_loc) ** 2) - 0.5)
        self.add_loss(self.kl_weight * kl)
        return tf.matmul(inputs, kernel) + bias

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "in_features": self.in_features, "kl_weight": self.kl_weight})
        return config


def build_model():
    inputs = tf.keras.Input(shape=(6,))
    x = DenseMeanField(8, in_features=6, name="bayes_1")(inputs)
    x = tf.keras.layers.ReLU()(x)
    outputs = DenseMeanField(1, in_features=8, name="bayes_2")(x)
    return tf.keras.Model(inputs, outputs)
