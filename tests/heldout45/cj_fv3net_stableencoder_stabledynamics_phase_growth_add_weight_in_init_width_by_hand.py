"""fv3net's `StableEncoder` (a next-time-step emulator of climate-model physics that forces stable latent dynamics) multiplies its complex latent state by `StableDynamics(self.num_hidden)`, a layer that creates its `phase` and `growth_rate` weights in `__init__` with `shape=[n]`, the width of the latent vector it will be applied to, passed in by hand (LD004: it works because `n` happens to equal the encoders' output width, 128, and breaks if the encoder width and `n` ever differ). Two things in the same file look like reuse bugs and are not: `mlp()` builds its hidden layers as `[tf.keras.layers.Dense(num_hidden, activation="relu")] * (num_layers - 1)`, list multiplication of ONE Dense, but with `num_layers = 2` the list has a single entry, so no Dense is applied twice and nothing is shared (an LD008 look-alike); and `self.decoder` is called twice by design, on `z` (auto-encoding loss) and on `z_next` (the prediction), both 128 + 128 + n_aux wide (an intended LD007 sharing).

From ai2cm/fv3net, `external/fv3fit/fv3fit/emulation/layers/stable_encoder.py` (commit "Tweaks to StableEmulator",
2021-09-28): `mlp`, `StableDynamics` and `StableEncoder` as written; the three normalisation layers it imports are copied
from `external/fv3fit/fv3fit/emulation/layers/normalization.py` of the same commit (`NormLayer` and the mixins that
`StandardNormLayer`, `MeanFeatureStdNormLayer` and `MeanFeatureStdDenormLayer` are made of).

Porting edits: the `fv3fit.emulation.layers` import is replaced by the copied classes (unused siblings left out);
`add_weight("mean", shape=...)` (name passed positionally, which Keras 3 rejects) is `add_weight(name="mean", shape=...)`
in all five calls; nothing else changed. build_model() makes `StableEncoder()`, calls `fit_scalers` on a small random batch (as the
emulator does before training: it calls each norm layer once and assigns the statistics), and returns the layer with
a batch `[prognostic (4, 8), auxiliary (4, 3)]`.
"""

SOURCE = "https://github.com/ai2cm/fv3net/blob/addec8da2671c851170a7d007755a0d7d9363ad6/external/fv3fit/fv3fit/emulation/layers/stable_encoder.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cj_fv3net_stableencoder_stabledynamics_phase_growth_add_weight_in_init_width_by_hand.py:
as returned: StableEncoder, count_params() = count_params() raised ValueError, 6 weights, unbuilt: none
after call: count_params() = 70688, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mean_feature_std_norm_layer': 9, 'mean_feature_std_denorm_layer': 9, 'standard_norm_layer': 6, 'stable_dynamics': 256}
second call: 0 variables watched that the first call did not use
probes/probe_fv3net.py (same file): StableDynamics(128) has its (128,) phase and growth_rate right after __init__; applied to a 64-wide complex z it raises InvalidArgumentError (incompatible shapes) inside StableDynamics.call(). In the model as written everything is tracked: 14 trainable weights = 4 + 4 (the two encoder mlps, 2 distinct Dense each) + 4 (decoder, called on z and on z_next, 34312 params counted once) + 2 (dynamics). Latent only: mlp(128, 3, 8), i.e. num_layers=3, would apply one Dense(128) twice and fails at once with 'expected axis -1 of input shape to have value 11, but received input with shape (2, 128)'; the file uses num_layers=2."""

import abc

import numpy as np
import tensorflow as tf


def standard_deviation_all_features(tensor):
    """Commpute standard deviation across all features

    A separate mean is computed for each output level
    """
    mean = tf.cast(tf.reduce_mean(tensor, axis=0), tf.float32)
    return tf.cast(tf.sqrt(tf.reduce_mean((tensor - mean) ** 2)), tf.float32,)


class NormLayer(tf.keras.layers.Layer, abc.ABC):
    def __init__(self, name=None, **kwargs):
        super(NormLayer, self).__init__(name=name)
        self.fitted = False

    @abc.abstractmethod
    def _build_mean(self, in_shape):
        self.mean = None

    @abc.abstractmethod
    def _build_sigma(self, in_shape):
        self.sigma = None

    def build(self, in_shape):
        self._build_mean(in_shape)
        self._build_sigma(in_shape)

    @abc.abstractmethod
    def _fit_mean(self, tensor):
        pass

    @abc.abstractmethod
    def _fit_sigma(self, tensor):
        pass

    def fit(self, tensor):
        self(tensor)
        self._fit_mean(tensor)
        self._fit_sigma(tensor)
        self.fitted = True

    @abc.abstractmethod
    def call(self, tensor) -> tf.Tensor:
        pass


class PerFeatureMean(NormLayer):
    """
    Build layer weights and fit a mean value for each
    feature in a tensor (assumed first dimension is samples).
    """

    def _build_mean(self, in_shape):
        self.mean = self.add_weight(
            name="mean", shape=[in_shape[-1]], dtype=tf.float32, trainable=False
        )

    def _fit_mean(self, tensor):
        self.mean.assign(tf.cast(tf.reduce_mean(tensor, axis=0), tf.float32))


class PerFeatureStd(NormLayer):
    """
    Build layer weights and fit a standard deviation value [sigma]
    for each feature in a tensor (assumed first dimension is samples).
    """

    def _build_sigma(self, in_shape):
        self.sigma = self.add_weight(
            name="sigma", shape=[in_shape[-1]], dtype=tf.float32, trainable=False
        )

    def _fit_sigma(self, tensor):
        self.sigma.assign(tf.cast(tf.math.reduce_std(tensor, axis=0), tf.float32))


class FeatureMaxStd(NormLayer):
    """
    Build layer weights and fit a standard deviation value based
    on the maximum of all features in a tensor (assumed first
    dimension is samples).
    """

    def _build_sigma(self, in_shape):
        self.sigma = self.add_weight(
            name="sigma", shape=[], dtype=tf.float32, trainable=False
        )

    def _fit_sigma(self, tensor):
        stddev = tf.math.reduce_std(tensor, axis=0)
        max_std = tf.cast(tf.reduce_max(stddev), tf.float32)
        self.sigma.assign(max_std)


class FeatureMeanStd(FeatureMaxStd):
    def _fit_sigma(self, tensor: tf.Tensor) -> None:
        self.sigma.assign(standard_deviation_all_features(tensor))


class StandardNormLayer(PerFeatureMean, PerFeatureStd):
    """
    Normalization layer that removes mean and standard
    deviation for each feature individually.

    Args:
        epsilon: Floating point  floor added to sigma prior to
            division
    """

    def __init__(self, epsilon: float = 1e-7, name=None):
        super().__init__(name=name)
        self.epsilon = epsilon

    def call(self, tensor):
        return (tensor - self.mean) / (self.sigma + self.epsilon)


class MaxFeatureStdNormLayer(PerFeatureMean, FeatureMaxStd):
    """
    Normalization layer that removes mean for each feature
    individually but scales all features by the maximum standard
    deviation calculated over all features. Useful to preserve
    feature scale relationships.
    """

    def call(self, tensor):
        return (tensor - self.mean) / self.sigma


class MaxFeatureStdDenormLayer(MaxFeatureStdNormLayer):
    """
    De-normalization layer that scales all features by the maximum
    standard deviation calculated over all features and adds back
    the mean for each individual feature.
    """

    def call(self, tensor):
        return tensor * self.sigma + self.mean


class MeanFeatureStdDenormLayer(MaxFeatureStdDenormLayer, FeatureMeanStd):
    """De-normalization layer that scales all outputs by the standard deviation
    computed from the per-feature mean.
    """

    pass


class MeanFeatureStdNormLayer(MaxFeatureStdNormLayer, FeatureMeanStd):
    """Layer tha normalizes all outputs by the standard deviation computed from
    the per-feature mean.
    """

    pass


def mlp(num_hidden, num_layers, num_output):
    return tf.keras.Sequential(
        [tf.keras.layers.Dense(num_hidden, activation="relu")] * (num_layers - 1)
        + [tf.keras.layers.Dense(num_output, activation=None)]
    )


class StableDynamics(tf.keras.layers.Layer):
    def __init__(self, n: int):
        super(StableDynamics, self).__init__()
        self.phase = self.add_weight(
            name="phase", shape=[n], dtype=tf.float32, trainable=True
        )
        self.growth_rate = self.add_weight(
            name="growth_rate", shape=[n], dtype=tf.float32, trainable=True
        )

    def call(self, z):
        scale = -tf.nn.relu(self.growth_rate)
        exponent = tf.complex(scale, self.phase)
        return tf.exp(exponent) * z


class StableEncoder(tf.keras.layers.Layer):
    """A next-time-step predictor enforcing stable dynamics

    Stability is enforced by assuming that the dynamics are a described by
    damped oscillators in complex-valued latent space.

    Let x be the prognostic variables, and y the auxiliary variables.
    
    Then the next timestep prediction is given by ::

        x_next = g^{-1}(exp(i * phase - growth) g(x, y), y)


    """

    def __init__(self):
        super(StableEncoder, self).__init__()
        self.num_hidden = 128
        self.num_layers = 2

        self.prog_norm = MeanFeatureStdNormLayer()
        self.prog_denorm = MeanFeatureStdDenormLayer()
        self.aux_norm = StandardNormLayer()

    def build(self, input_shape):
        prog_shape, _ = input_shape
        num_prognostic = prog_shape[-1]

        # encoder
        self.encoder_real = mlp(self.num_hidden, self.num_layers, self.num_hidden)
        self.encoder_complex = mlp(self.num_hidden, self.num_layers, self.num_hidden)

        # dynamics
        self.dynamics = StableDynamics(self.num_hidden)

        # decoder
        self.decoder = mlp(self.num_hidden, self.num_layers, num_prognostic)

    def _decode(self, z, auxiliary):
        stacked = tf.concat([tf.math.real(z), tf.math.imag(z), auxiliary], axis=-1)
        return self.decoder(stacked)

    def fit_scalers(self, x_now, x_next, aux_now):
        self.prog_denorm.fit(x_now)
        self.prog_norm.fit(x_next)
        self.aux_norm.fit(aux_now)
        # TODO add some heuristic for estimating the time-scales
        # to initialize the StableDynamics better

    def call(self, in_):

        prognostic, auxiliary = in_

        prog_norm = self.prog_norm(prognostic)
        aux_norm = self.aux_norm(auxiliary)

        stacked = tf.concat([prog_norm, aux_norm], axis=-1)
        z = tf.complex(self.encoder_real(stacked), self.encoder_complex(stacked))
        z_next = self.dynamics(z)
        prognostic_decoded = self._decode(z, aux_norm)
        y_prediction = self._decode(z_next, aux_norm)

        # add auto-encoding loss
        self.add_loss(tf.reduce_mean((prognostic_decoded - prognostic) ** 2))

        return self.prog_denorm(y_prediction)


def build_model():
    rng = np.random.default_rng(0)
    prognostic = rng.normal(size=(4, 8)).astype("float32")
    prognostic_next = rng.normal(size=(4, 8)).astype("float32")
    auxiliary = rng.normal(size=(4, 3)).astype("float32")
    encoder = StableEncoder()
    encoder.fit_scalers(prognostic, prognostic_next, auxiliary)
    return encoder, [prognostic, auxiliary]
