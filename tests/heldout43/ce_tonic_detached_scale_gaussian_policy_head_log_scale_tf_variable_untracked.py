"""tonic's `DetachedScaleGaussianPolicyHead` (the Gaussian policy head of the TensorFlow A2C agent's `default_model()`)
keeps the state-independent action log-std in a raw `tf.Variable` created in `initialize()`:
`self.log_scale = tf.Variable(log_scale, dtype=tf.float32)`. tf.keras 2 tracked it; on Keras 3 a `tf.Variable` on a
Keras Model is not tracked (LD003): `actor.trainable_variables` holds only the Dense kernels/biases, and tonic's
`StochasticPolicyGradient` (and `ClippedRatio`, `TrustRegionPolicyGradient`) updaters optimise exactly `self.model.actor.trainable_variables`, so the exploration
noise never anneals (the policy's scale stays at softplus(0) = 0.69 for the whole run), and checkpoints written from
the Keras weights lose it.

From fabiopardo/tonic ("Tonic: A Deep Reinforcement Learning Library for Fast Prototyping and Benchmarking"),
`tonic/tensorflow/models/actors.py` (`DetachedScaleGaussianPolicyHead`, `Actor`) at 48a7b72, with `default_dense_kwargs`
and `mlp` from `tonic/tensorflow/models/utils.py`, `ObservationEncoder` from `encoders.py`, the build sequence of
`ActorCritic.initialize` (`actor_critics.py`) and the variable list of `updaters/actors.py`'s
`StochasticPolicyGradient.initialize`.

Porting edits: tensorflow_probability is not installed here, so the head's `distribution` argument (default
`tfp.distributions.MultivariateNormalDiag`) is given a small stand-in that returns the distribution's parameters
`concat([loc, scale])` as one tensor (the head's own code is unchanged; tonic passes `distribution` as a constructor
argument); `models.default_dense_kwargs()` is called as a local function. build_model() makes the actor of
`a2c.default_model()` (ObservationEncoder, MLP (64, 64) tanh, DetachedScaleGaussianPolicyHead) without the
observation normaliser, runs `actor.initialize(observation_space, action_space)` and the dummy call
`actor(tf.zeros((1,) + observation_space.shape))` as `ActorCritic.initialize` does, for an 8-dim observation and a
2-dim action, and returns it with a batch of 2 observations.
"""

SOURCE = "https://github.com/fabiopardo/tonic/blob/48a7b72757f7629c8577eb062373854a3663c255/tonic/tensorflow/models/actors.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
warning: Layer 'actor' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'actor', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite n
as returned: Actor, count_params() = 4866, 6 weights, unbuilt: none
after call: count_params() = 4866, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'observation_encoder': 0, 'detached_scale_gaussian_policy_head': 130}
second call: 0 variables watched that the first call did not use
(the two build warnings come from the first call of Actor, whose call(*inputs) signature Keras 3 cannot trace; not the defect.)
python probes/probe_tonic.py <this file>: actor.trainable_variables = 6 (the MLP's and loc_layer's kernels/biases), head.log_scale not among them; head count_params() = 130 = loc_layer only (64*2+2); three Adam steps over actor.trainable_variables (as StochasticPolicyGradient does) with a loss on the scale half of the output leave log_scale unchanged; a tape naming log_scale directly gets a gradient (it is used, only untracked)."""

import collections

import numpy as np
import tensorflow as tf


FLOAT_EPSILON = 1e-8


# tonic/tensorflow/models/utils.py
def default_dense_kwargs():
    return dict(
        kernel_initializer=tf.keras.initializers.VarianceScaling(
            scale=1 / 3, mode='fan_in', distribution='uniform'),
        bias_initializer=tf.keras.initializers.VarianceScaling(
            scale=1 / 3, mode='fan_in', distribution='uniform'))


def mlp(units, activation, dense_kwargs=None):
    if dense_kwargs is None:
        dense_kwargs = default_dense_kwargs()
    layers = [tf.keras.layers.Dense(u, activation, **dense_kwargs)
              for u in units]
    return tf.keras.Sequential(layers)


MLP = mlp


class models:  # stand-in for `from tonic.tensorflow import models`
    default_dense_kwargs = staticmethod(default_dense_kwargs)


def MultivariateNormalDiagParams(loc, scale):
    """Stand-in for tfp.distributions.MultivariateNormalDiag: returns its parameters."""
    return tf.concat([loc, scale], axis=-1)


# tonic/tensorflow/models/encoders.py
class ObservationEncoder(tf.keras.Model):
    def initialize(self, observation_normalizer=None):
        self.observation_normalizer = observation_normalizer

    def call(self, observations):
        if self.observation_normalizer:
            observations = self.observation_normalizer(observations)
        return observations


# tonic/tensorflow/models/actors.py
class DetachedScaleGaussianPolicyHead(tf.keras.Model):
    def __init__(
        self, loc_activation='tanh', dense_loc_kwargs=None, log_scale_init=0.,
        scale_min=1e-4, scale_max=1.,
        distribution=MultivariateNormalDiagParams
    ):
        super().__init__()
        self.loc_activation = loc_activation
        if dense_loc_kwargs is None:
            dense_loc_kwargs = models.default_dense_kwargs()
        self.dense_loc_kwargs = dense_loc_kwargs
        self.log_scale_init = log_scale_init
        self.scale_min = scale_min
        self.scale_max = scale_max
        self.distribution = distribution

    def initialize(self, action_size):
        self.loc_layer = tf.keras.layers.Dense(
            action_size, self.loc_activation, **self.dense_loc_kwargs)
        log_scale = [[self.log_scale_init] * action_size]
        self.log_scale = tf.Variable(log_scale, dtype=tf.float32)

    def call(self, inputs):
        loc = self.loc_layer(inputs)
        batch_size = tf.shape(inputs)[0]
        scale = tf.math.softplus(self.log_scale) + FLOAT_EPSILON
        scale = tf.clip_by_value(scale, self.scale_min, self.scale_max)
        scale = tf.tile(scale, (batch_size, 1))
        return self.distribution(loc, scale)


class Actor(tf.keras.Model):
    def __init__(self, encoder, torso, head):
        super().__init__()
        self.encoder = encoder
        self.torso = torso
        self.head = head

    def initialize(
        self, observation_space, action_space, observation_normalizer=None
    ):
        self.encoder.initialize(observation_normalizer)
        self.head.initialize(action_space.shape[0])

    def call(self, *inputs):
        out = self.encoder(*inputs)
        out = self.torso(out)
        return self.head(out)


# tonic/tensorflow/updaters/actors.py (StochasticPolicyGradient.initialize; not run)
def policy_gradient_variables(model):
    return model.actor.trainable_variables


Box = collections.namedtuple('Box', ['shape'])


def build_model():
    observation_space, action_space = Box((8,)), Box((2,))
    actor = Actor(
        encoder=ObservationEncoder(),
        torso=MLP((64, 64), 'tanh'),
        head=DetachedScaleGaussianPolicyHead())
    actor.initialize(observation_space, action_space)
    dummy_observations = tf.zeros((1,) + observation_space.shape)
    actor(dummy_observations)
    inputs = np.random.default_rng(0).standard_normal((2, 8)).astype("float32")
    return actor, inputs
