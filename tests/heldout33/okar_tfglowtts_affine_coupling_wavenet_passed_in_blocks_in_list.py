"""Glow-TTS `AffineCoupling` receives its WaveNet `nonlinear` network as a constructor argument and the WaveNet
keeps its blocks in a plain Python list: both look like untracked containers, but Keras 3 tracks the passed-in
model and the list, so every conv is counted and trained.

From revsic/tf-glow-tts (`glowtts/flow/coupling.py` at commit eaa2e68; the WaveNet it is given comes from
`glowtts/wavenet/__init__.py` and `glowtts/wavenet/block.py` at bc8ca64). The coupling splits channels, runs
`start` Conv1D -> `nonlinear(x, mask)` -> zero-initialised `end` Conv1D to get bias/log-scale, and transforms
the second half. `self.nonlinear = nonlinear` assigns an already-constructed `tf.keras.Model` (tracked on
assignment), and `WaveNet.blocks` is a list comprehension of `WaveNetBlock` models (Keras wraps it in a tracked
list). The zero `end` kernel makes the other gradients zero at init, but not None.

Porting edits: `tfa.layers.WeightNormalization(...)` around the WaveNet convs is dropped (TensorFlow Addons does
not run on Keras 3), leaving the plain `tf.keras.layers.Conv1D` the author wrapped; the unused `cond` branch
(`Conv1d` typo in the original) is kept. `build_model()` builds the flow step as the decoder does
(WaveNet(block_num_per_cycle=2, cycle=1, channels=8, kernel_size=3, dilation=2) given to
AffineCoupling(channels=4, hiddens=8)) inside a small `CouplingStep` model written for this case that supplies an
all-ones mask, and returns it with a [2, 6, 4] batch (the author trains eagerly).
"""

SOURCE = "https://github.com/revsic/tf-glow-tts/blob/eaa2e68d99988a31330a891f31cb41cdc90b2c6c/glowtts/flow/coupling.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ar/okar_tfglowtts_affine_coupling_wavenet_passed_in_blocks_in_list.py:
as returned: CouplingStep, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['AffineCoupling:affine_coupling', 'WaveNet:wave_net', 'Conv1D:conv1d_5', 'WaveNetBlock:wave_net_block_1', 'Conv1D:conv1d_4', 'Conv1D:conv1d_3', 'WaveNetBlock:wave_net_block', 'Conv1D:conv1d_2', 'Conv1D:conv1d_1', 'Conv1D:conv1d', 'Conv1D:conv1d_7', 'Conv1D:conv1d_6']
after call: count_params() = 1148, 16 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 16 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'affine_coupling': 1148, 'wave_net': 1088, 'wave_net_block_1': 472, 'wave_net_block': 544}
second call: 0 variables watched that the first call did not use"""

from typing import Optional, Tuple

import tensorflow as tf


class WaveNetBlock(tf.keras.Model):
    """Wavenet block.
    """
    def __init__(self,
                 channels: int,
                 kernel_size: int,
                 dilation: int,
                 cond: bool = False,
                 last: bool = False):
        super().__init__()
        self.channels = channels
        self.cond = cond
        self.last = last

        self.dilated_conv = tf.keras.layers.Conv1D(
            channels * 2, kernel_size, strides=1, padding='same',
            dilation_rate=dilation)
        if cond:
            self.proj_aux = tf.keras.layers.Conv1d(channels * 2, 1)

        if not last:
            self.proj_res = tf.keras.layers.Conv1D(channels, 1)
        self.proj_skip = tf.keras.layers.Conv1D(channels, 1)

    def call(self,
             inputs: tf.Tensor,
             mask: tf.Tensor,
             aux: Optional[tf.Tensor] = None) -> Tuple[tf.Tensor, tf.Tensor]:
        x = self.dilated_conv(inputs)
        if self.cond:
            assert aux is not None, 'auxiliary input is required'
            x = x + self.proj_aux(aux)
        context = tf.math.tanh(x[..., :self.channels])
        gate = tf.math.sigmoid(x[..., self.channels:])
        x = context * gate
        residual = (self.proj_res(x) + inputs) * mask[..., None] / (2 ** 0.5) \
            if not self.last else None
        skip = self.proj_skip(x) * mask[..., None]
        return residual, skip


class WaveNet(tf.keras.Model):
    """WaveNet structure.
    """
    def __init__(self,
                 block_num_per_cycle: int,
                 cycle: int,
                 channels: int,
                 kernel_size: int,
                 dilation: int,
                 cond: bool = False):
        super().__init__()
        self.block_num = block_num_per_cycle * cycle
        self.blocks = [
            # i = 0, 1, 2, ..., 0, 1, 2, ...
            WaveNetBlock(channels, kernel_size, dilation ** i, cond,
                         last=i == block_num_per_cycle - 1 and j == cycle - 1)
            for j in range(cycle)
            for i in range(block_num_per_cycle)]
        self.proj_skip = tf.keras.layers.Conv1D(channels, 1)

    def call(self,
             inputs: tf.Tensor,
             mask: tf.Tensor,
             aux: Optional[tf.Tensor] = None) -> tf.Tensor:
        context = []
        x = inputs
        for block in self.blocks:
            x, skip = block(x, mask, aux)
            context.append(skip)
        context = tf.reduce_sum(context, axis=0) / (self.block_num ** 0.5)
        return self.proj_skip(context) * mask[..., None]


class AffineCoupling(tf.keras.Model):
    """Affine coupling layer.
    """
    def __init__(self, channels: int, hiddens: int, nonlinear: tf.keras.Model):
        super().__init__()
        self.start = tf.keras.layers.Conv1D(hiddens, 1)
        self.end = tf.keras.layers.Conv1D(channels, 1, kernel_initializer='zeros')
        self.nonlinear = nonlinear

    def parameterize(self, inputs: tf.Tensor, mask: tf.Tensor) \
            -> Tuple[tf.Tensor, tf.Tensor]:
        x = self.start(inputs) * mask[..., None]
        x = self.nonlinear(x, mask)
        bias, logscale = tf.split(self.end(x), 2, axis=-1)
        return bias, logscale

    def call(self, inputs: tf.Tensor, mask: tf.Tensor) \
            -> Tuple[tf.Tensor, tf.Tensor]:
        x0, x1 = tf.split(inputs, 2, axis=-1)
        bias, logscale = self.parameterize(x0, mask)
        x1 = bias + tf.exp(logscale) * x1
        outputs = tf.concat([x0, x1], axis=-1) * mask[..., None]
        dlogdet = tf.reduce_sum(logscale * mask[..., None], axis=[1, 2])
        return outputs, dlogdet

    def inverse(self, inputs: tf.Tensor, mask: tf.Tensor) -> tf.Tensor:
        x0, x1 = tf.split(inputs, 2, axis=-1)
        bias, logscale = self.parameterize(x0, mask)
        x1 = (x1 - bias) * tf.exp(-logscale)
        return tf.concat([x0, x1], axis=-1) * mask[..., None]


class CouplingStep(tf.keras.Model):
    """Case wrapper: one coupling called with an all-ones sequence mask, as the flow decoder does."""

    def __init__(self, coupling):
        super().__init__()
        self.coupling = coupling

    def call(self, x):
        mask = tf.ones(tf.shape(x)[:2])
        return self.coupling(x, mask)


def build_model():
    import numpy as np

    nonlinear = WaveNet(2, 1, 8, 3, 2)
    step = CouplingStep(AffineCoupling(4, 8, nonlinear))
    inputs = np.random.default_rng(0).normal(size=(2, 6, 4)).astype("float32")
    return step, inputs
