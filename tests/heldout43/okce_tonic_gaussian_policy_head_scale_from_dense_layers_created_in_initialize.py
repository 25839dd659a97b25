"""tonic's `GaussianPolicyHead` is the state-dependent sibling of `DetachedScaleGaussianPolicyHead` (whose raw
`tf.Variable` log-std Keras 3 does not track, see ce_tonic_...): it has the shape of that bug (a tf.keras Model head
whose parameters are created late, in `initialize(action_size)` rather than `__init__`/`build`, and whose action
scale is a learned quantity) but is fine: both the mean and the scale come from `Dense` sublayers assigned as
attributes (`self.loc_layer`, `self.scale_layer`), which Keras 3 tracks whenever they are assigned; the dummy call of
`ActorCritic.initialize` builds them, and every weight is in `actor.trainable_variables` (what tonic's
`StochasticPolicyGradient` optimises) and gets a gradient.

From fabiopardo/tonic, `tonic/tensorflow/models/actors.py` (`GaussianPolicyHead`, `Actor`) at 245bf78 (the class is the same at 48a7b72, the commit ce_tonic_... uses), with
`default_dense_kwargs`/`mlp` from `models/utils.py`, `ObservationEncoder` from `models/encoders.py` and the build
sequence of `ActorCritic.initialize` (`models/actor_critics.py`).

Porting edits: as in ce_tonic_...: tensorflow_probability is not installed, so `distribution` (default
`tfp.distributions.MultivariateNormalDiag`) is a stand-in returning `concat([loc, scale])`. build_model() makes an
Actor with an ObservationEncoder, an MLP (64, 64) tanh torso and a GaussianPolicyHead for an 8-dim observation and a
2-dim action, runs `initialize` and the dummy call as `ActorCritic.initialize` does, and returns it with a batch of 2
observations.
"""

SOURCE = "https://github.com/fabiopardo/tonic/blob/245bf781952d418d39dda300e92afc2c47b661a3/tonic/tensorflow/models/actors.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
warning: Layer 'actor' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'actor', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite n
as returned: Actor, count_params() = 4996, 8 weights, unbuilt: none
after call: count_params() = 4996, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'observation_encoder': 0, 'gaussian_policy_head': 260}
second call: 0 variables watched that the first call did not use
(the two warnings come from the first call of Actor, whose call(*inputs) signature Keras 3 cannot trace; nothing is left unbuilt.)
python probes/probe_tonic_ok.py <this file>: actor.trainable_variables = the MLP's 4 and the head's loc_layer and scale_layer kernels/biases (8); three Adam steps over them with a loss on the scale half of the output change scale_layer's kernel."""

import collections

import numpy as np
import tensorflow as tf


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
class GaussianPolicyHead(tf.keras.Model):
    def __init__(
        self, loc_activation='tanh', dense_loc_kwargs=None,
        scale_activation='softplus', scale_min=1e-4, scale_max=1,
        dense_scale_kwargs=None,
        distribution=MultivariateNormalDiagParams
    ):
        super().__init__()
        self.loc_activation = loc_activation
        if dense_loc_kwargs is None:
            dense_loc_kwargs = models.default_dense_kwargs()
        self.dense_loc_kwargs = dense_loc_kwargs
        self.scale_activation = scale_activation
        self.scale_min = scale_min
        self.scale_max = scale_max
        if dense_scale_kwargs is None:
            dense_scale_kwargs = models.default_dense_kwargs()
        self.dense_scale_kwargs = dense_scale_kwargs
        self.distribution = distribution

    def initialize(self, action_size):
        self.loc_layer = tf.keras.layers.Dense(
            action_size, self.loc_activation, **self.dense_loc_kwargs)
        self.scale_layer = tf.keras.layers.Dense(
            action_size, self.scale_activation, **self.dense_scale_kwargs)

    def call(self, inputs):
        loc = self.loc_layer(inputs)
        scale = self.scale_layer(inputs)
        scale = tf.clip_by_value(scale, self.scale_min, self.scale_max)
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


Box = collections.namedtuple('Box', ['shape'])


def build_model():
    observation_space, action_space = Box((8,)), Box((2,))
    actor = Actor(
        encoder=ObservationEncoder(),
        torso=MLP((64, 64), 'tanh'),
        head=GaussianPolicyHead())
    actor.initialize(observation_space, action_space)
    dummy_observations = tf.zeros((1,) + observation_space.shape)
    actor(dummy_observations)
    inputs = np.random.default_rng(0).standard_normal((2, 8)).astype("float32")
    return actor, inputs
