"""illia's TensorFlow `Linear` (a Bayesian dense layer) keeps its current weight sample in a non-trainable
variable made in `build()` (`self.w = self.add_weight(name="weights", trainable=False, ...)`), but never writes to
it: `call()` rebinds the attribute to a fresh sample (`self.w = self.weights_distribution.sample()`) and
`freeze()` rebinds it to a tensor derived from itself (`self.w = tf.stop_gradient(self.w)`). After `freeze()` the
frozen weights the layer computes with are a plain tensor: the "weights"/"bias" variables that Keras counts and
saves still hold the sample drawn in `build()`, so the frozen sample cannot be saved and a reloaded, re-frozen model
predicts with other weights. Worse, wiring the layer into a functional model leaves `self.w` bound to the symbolic
tensor of that trace, so `freeze()` on a freshly built or loaded model raises "out of scope" and leaves the layer
frozen and unusable (LD010, variable attribute overwritten by a tensor derived from it).

From EricssonResearch/illia (a multi-backend library for Bayesian neural networks), `illia/nn/tf/linear.py` at
6aa7b24 (Dec 2025), with the module and distribution it needs: `illia/nn/tf/base.py` (`BayesianModule`, a Keras 3
`layers.Layer`), `illia/distributions/tf/base.py` and `illia/distributions/tf/gaussian.py` (`GaussianDistribution`,
a Layer holding the trainable `mu`/`rho` and non-trainable priors). The library's own test (`test_freeze`) freezes a
layer and checks that two calls agree; its save test (`test_saving_load_model`) saves an unfrozen model, so the
loss of the frozen sample is not covered. The layer trains as intended while unfrozen: the samples are drawn from
`mu`/`rho` inside `call()`.

Porting edits: the four classes are copied with their code unchanged; long docstrings are shortened and the
`typing` annotations kept. build_model() wires the library's save test: `keras.Input` of 10 features into
`Linear(10, 5)` and a functional model, and returns it with a batch of 4 (the model is not frozen, as in that
test); the freeze/save/load sequence is in the probe.
"""

SOURCE = "https://github.com/EricssonResearch/illia/blob/6aa7b245dfabb304ae7b96fc900c04f915c31865/illia/nn/tf/linear.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 169, 10 weights, unbuilt: none
after call: count_params() = 169, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'linear': 169, 'gaussian_distribution_1': 12, 'gaussian_distribution': 102}
second call: 0 variables watched that the first call did not use
(Unfrozen, every call samples from mu/rho, which train; the 'weights'/'bias' variables are non-trainable slots.)
python probes/probe_illia.py (build_model(), one eager call, freeze(), save_weights, reload into a new model):
after building the functional model: type(layer.w) = SymbolicTensor; after an eager call: EagerTensor, while the 'weights' variable stays in layer.weights.
after freeze(): layer.w is an EagerTensor that differs from the 'weights' variable, which is unchanged since build(); two frozen calls agree; gradient None for all four mu/rho (intended by freeze).
save_weights -> load_weights into a new model -> freeze() right away raised TypeError: <tf.Tensor 'Add:0' shape=(5, 10)> is out of scope (w is still the symbolic tensor of the functional trace); the next call raised the same TypeError (the frozen flag was already set).
load_weights -> one eager call -> freeze(): predictions differ from the frozen original (max |diff| = 0.0051 with the initial rho = -7): the frozen sample was never saved."""

# Standard libraries
import math
from abc import ABC, abstractmethod
from typing import Any, Optional

# 3pps
import numpy as np
import tensorflow as tf
import keras
from keras import layers, saving


# illia/distributions/tf/base.py
@saving.register_keras_serializable(package="illia", name="DistributionModule")
class DistributionModule(layers.Layer, ABC):
    """
    Abstract base for probabilistic distribution modules in Tensorflow.
    """

    @abstractmethod
    def sample(self) -> tf.Tensor:
        """Draw a sample from the distribution."""

    @abstractmethod
    def log_prob(self, x: Optional[tf.Tensor] = None) -> tf.Tensor:
        """Compute the log-probability of a provided sample."""

    @property
    @abstractmethod
    def num_params(self) -> int:
        """Return the number of learnable parameters in the distribution."""


# illia/distributions/tf/gaussian.py
@saving.register_keras_serializable(package="illia", name="GaussianDistribution")
class GaussianDistribution(DistributionModule):
    """
    Learnable Gaussian distribution with diagonal covariance.
    """

    def __init__(
        self,
        shape: tuple[int, ...],
        mu_prior: float = 0.0,
        std_prior: float = 0.1,
        mu_init: float = 0.0,
        rho_init: float = -7.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)

        self.shape = shape
        self.mu_prior_value = mu_prior
        self.std_prior_value = std_prior
        self.mu_init = mu_init
        self.rho_init = rho_init

        self.build(self.shape)

    def build(self, input_shape: tf.TensorShape) -> None:
        # Define non-trainable priors variables
        self.mu_prior = self.add_weight(
            shape=(),
            initializer=tf.constant_initializer(self.mu_prior_value),
            trainable=False,
            name="mu_prior",
        )
        self.std_prior = self.add_weight(
            shape=(),
            initializer=tf.constant_initializer(self.std_prior_value),
            trainable=False,
            name="std_prior",
        )

        # Define trainable parameters
        self.mu = self.add_weight(
            shape=self.shape,
            initializer=tf.random_normal_initializer(mean=self.mu_init, stddev=0.1),
            trainable=True,
            name="mu",
        )
        self.rho = self.add_weight(
            shape=self.shape,
            initializer=tf.random_normal_initializer(mean=self.rho_init, stddev=0.1),
            trainable=True,
            name="rho",
        )

        super().build(input_shape)

    def get_config(self) -> dict:
        base_config = super().get_config()

        config = {
            "shape": self.shape,
            "mu_prior": self.mu_prior_value,
            "std_prior": self.std_prior_value,
            "mu_init": self.mu_init,
            "rho_init": self.rho_init,
        }

        return {**base_config, **config}

    def sample(self) -> tf.Tensor:
        # Sampling with reparametrization trick
        eps: tf.Tensor = tf.random.normal(shape=self.rho.shape)
        sigma: tf.Tensor = tf.math.log1p(tf.math.exp(self.rho))

        return self.mu + sigma * eps

    def log_prob(self, x: Optional[tf.Tensor] = None) -> tf.Tensor:
        # Sample if x is None
        if x is None:
            x = self.sample()

        # Define pi variable
        pi: tf.Tensor = tf.convert_to_tensor(math.pi)

        # Compute log priors
        log_prior = (
            -tf.math.log(tf.math.sqrt(2 * pi))
            - tf.math.log(self.std_prior)
            - (((x - self.mu_prior) ** 2) / (2 * self.std_prior**2))
            - 0.5
        )

        # Compute sigma
        sigma: tf.Tensor = tf.math.log1p(tf.math.exp(self.rho))

        # Compute log posteriors
        log_posteriors: tf.Tensor = (
            -tf.math.log(tf.math.sqrt(2 * pi))
            - tf.math.log(sigma)
            - (((x - self.mu) ** 2) / (2 * sigma**2))
            - 0.5
        )

        # Compute final log probs
        log_probs = tf.math.reduce_sum(log_posteriors) - tf.math.reduce_sum(log_prior)

        return log_probs

    @property
    def num_params(self) -> int:
        return int(tf.size(self.mu))


# illia/nn/tf/base.py
@saving.register_keras_serializable(package="illia", name="BayesianModule")
class BayesianModule(layers.Layer, ABC):
    """
    Abstract base for Bayesian-aware modules in Tensorflow.
    """

    def __init__(self, **kwargs: Any) -> None:
        # Call super class constructor
        super().__init__(**kwargs)

        # Set state variables
        self.frozen: bool = False
        self.is_bayesian: bool = True

    @abstractmethod
    def freeze(self) -> None:
        """Freeze the module's parameters to stop gradient computation."""

    def unfreeze(self) -> None:
        self.frozen = False

    @abstractmethod
    def kl_cost(self) -> tuple[tf.Tensor, int]:
        """Compute the KL divergence cost for all Bayesian parameters."""


# illia/nn/tf/linear.py
@saving.register_keras_serializable(package="illia", name="Linear")
class Linear(BayesianModule):
    """
    Bayesian linear layer (fully connected) with optional weight and bias
    distributions. Can be frozen to stop gradient updates and fix
    parameters.
    """

    bias_distribution: Optional[GaussianDistribution] = None

    def __init__(
        self,
        input_size: int,
        output_size: int,
        weights_distribution: Optional[GaussianDistribution] = None,
        bias_distribution: Optional[GaussianDistribution] = None,
        use_bias: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)

        # Set parameters
        self.input_size = input_size
        self.output_size = output_size
        self.use_bias = use_bias

        # Set weights distribution
        if weights_distribution is None:
            self.weights_distribution = GaussianDistribution((output_size, input_size))
        else:
            self.weights_distribution = weights_distribution

        # Set bias distribution
        if self.use_bias:
            if bias_distribution is None:
                self.bias_distribution = GaussianDistribution((output_size,))
            else:
                self.bias_distribution = bias_distribution
        else:
            self.bias_distribution = None

    def build(self, input_shape: tf.TensorShape) -> None:
        # Register non-trainable variables
        self.w = self.add_weight(
            name="weights",
            initializer=tf.constant_initializer(
                self.weights_distribution.sample().numpy()
            ),
            shape=(self.output_size, self.input_size),
            trainable=False,
        )

        if self.use_bias and self.bias_distribution is not None:
            self.b = self.add_weight(
                name="bias",
                initializer=tf.constant_initializer(
                    self.bias_distribution.sample().numpy()
                ),
                shape=(self.output_size,),
                trainable=False,
            )

        super().build(input_shape)

    def get_config(self) -> dict:
        base_config = super().get_config()

        custom_config = {
            "input_size": self.input_size,
            "output_size": self.output_size,
        }

        return {**base_config, **custom_config}

    def freeze(self) -> None:
        # Set indicator
        self.frozen = True

        # Sample weights if they are undefined
        if self.w is None:
            self.w = self.weights_distribution.sample()

        # Sample bias is they are undefined
        if self.use_bias and self.b is None and self.bias_distribution is not None:
            self.b = self.bias_distribution.sample()

        # Stop gradient computation
        self.w = tf.stop_gradient(self.w)
        if self.use_bias:
            self.b = tf.stop_gradient(self.b)

    def kl_cost(self) -> tuple[tf.Tensor, int]:
        # Compute log probs
        log_probs: tf.Tensor = self.weights_distribution.log_prob(self.w)

        # Add bias log probs only if using bias
        if self.use_bias and self.b is not None and self.bias_distribution is not None:
            log_probs += self.bias_distribution.log_prob(self.b)

        # Compute number of parameters
        num_params: int = self.weights_distribution.num_params
        if self.use_bias and self.bias_distribution is not None:
            num_params += self.bias_distribution.num_params

        return log_probs, num_params

    def call(self, inputs: tf.Tensor) -> tf.Tensor:
        # Check if layer is frozen
        if not self.frozen:
            self.w = self.weights_distribution.sample()

            # Sample bias only if using bias
            if self.use_bias and self.bias_distribution is not None:
                self.b = self.bias_distribution.sample()
        elif self.w is None or (self.use_bias and self.b is None):
            raise ValueError(
                "Module has been frozen with undefined weights and/or bias."
            )

        # Compute outputs
        outputs: tf.Tensor = tf.linalg.matmul(inputs, self.w, transpose_b=True)

        # Add bias only if using bias
        if self.use_bias and self.b is not None:
            outputs = tf.nn.bias_add(outputs, self.b)

        return outputs


def build_model():
    # tests/tf/nn/test_linear.py::test_saving_load_model
    layer = Linear(10, 5)
    input_model = keras.Input(shape=(10,))
    output_model = layer(input_model)
    model = keras.Model(input_model, output_model)
    inputs = np.random.default_rng(0).random((4, 10)).astype("float32")
    return model, inputs
