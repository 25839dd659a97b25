"""Glow-TTS `ActNorm` (a `tf.keras.Model`) keeps its data-dependent-init flag and its trainable `mean`/`logstd`
as raw `tf.Variable`s made in `__init__`: on Keras 3 none of them is tracked, so the flow step has 0 parameters,
the optimizer never sees the normalisation, and checkpoints lose the DDI result.

From revsic/tf-glow-tts (`glowtts/flow/actnorm.py` at commit 9a5e3df), a TensorFlow 2 port of Glow-TTS whose
WaveNet flow decoder stacks ActNorm -> Inv1x1Conv -> AffineCoupling. ActNorm runs data-dependent init on the
first call (`if self.init == 0.: self.ddi(...)`), assigning the batch statistics into `mean`/`logstd` and setting
`init` to 1. The variables are `tf.Variable`s on a Keras Model (LD003): tf.keras 2 tracked them, Keras 3 does not.

Porting edits: none to `ActNorm` (kept as written, `tf.keras` names, Keras 3 under TF 2.21). The decoder that
calls it takes `(inputs, mask)`; `build_model()` wraps one ActNorm in a tiny `FlowStep` model (written for this
case) whose `call(x)` makes an all-ones mask and returns the normalised output plus the log-determinant, and
wires it as a functional model on a [T=8, C=4] input. The measure script sees no gradient problem because the
variables are not in `trainable_weights` at all; the own probe shows the DDI variables exist but are untracked.
"""

SOURCE = "https://github.com/revsic/tf-glow-tts/blob/9a5e3df0b52e119cdb08dec24ba21bae5058888a/glowtts/flow/actnorm.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ar/ar_tfglowtts_actnorm_ddi_mean_logstd_tf_variables.py:
as returned: FlowStep, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['ActNorm:act_norm']
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'act_norm': 0}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine33/ar/p_actnorm.py:
ActNorm weights: [] model weights: 0 count_params: 0
after first call: init = 1.0 mean = [2.54  3.402 3.187 3.405]
trainable_weights: []
fresh model (DDI on other data) after load_weights: init = 1.0 mean = [0.254 0.34  0.319 0.341]"""

from typing import Tuple

import tensorflow as tf


class ActNorm(tf.keras.Model):
    """Activation normalization.
    """
    def __init__(self, channels: int):
        """Initializer.
        Args:
            channels: size of the input channels.
        """
        super().__init__()
        self.init = tf.Variable(0., trainable=False)
        self.mean = tf.Variable(tf.zeros([channels]))
        self.logstd = tf.Variable(tf.zeros([channels]))

    def ddi(self, inputs: tf.Tensor, mask: tf.Tensor):
        """Data-dependent initialization."""
        denom = tf.reduce_sum(mask)
        mean = tf.reduce_sum(inputs, axis=[0, 1]) / denom
        variance = tf.reduce_sum(tf.square(inputs), axis=[0, 1]) / denom - tf.square(mean)
        logstd = 0.5 * tf.math.log(tf.maximum(variance, 1e-5))
        # initialize
        self.mean.assign(mean)
        self.logstd.assign(logstd)
        self.init.assign(1.)

    def call(self, inputs: tf.Tensor, mask: tf.Tensor) \
            -> Tuple[tf.Tensor, tf.Tensor]:
        """Normalize inputs with ddi."""
        if self.init == 0.:
            self.ddi(inputs, mask)
        outputs = (inputs - self.mean[None, None]) \
            * tf.exp(-self.logstd[None, None]) \
            * mask[..., None]
        dlogdet = tf.reduce_sum(-self.logstd) * tf.reduce_sum(mask, axis=1)
        return outputs, dlogdet

    def inverse(self, inputs: tf.Tensor, mask: tf.Tensor) -> tf.Tensor:
        """Denormalize inputs."""
        assert self.init == 1., "require ddi"
        x = inputs * tf.exp(self.logstd[None, None]) + self.mean[None, None]
        return x * mask[..., None]


class FlowStep(tf.keras.Model):
    """Case wrapper: one ActNorm called with an all-ones sequence mask, as the flow decoder does."""

    def __init__(self, channels):
        super().__init__()
        self.actnorm = ActNorm(channels)

    def call(self, x):
        mask = tf.ones(tf.shape(x)[:2])
        outputs, dlogdet = self.actnorm(x, mask)
        return outputs, dlogdet


def build_model():
    import numpy as np

    # The author runs the flow eagerly (GradientTape loop), not as a functional graph: the Python `if` on the
    # DDI flag cannot be traced symbolically. Return the subclassed step and a batch of inputs.
    inputs = np.random.default_rng(0).normal(3.0, 2.0, (2, 8, 4)).astype("float32")
    return FlowStep(4), inputs
