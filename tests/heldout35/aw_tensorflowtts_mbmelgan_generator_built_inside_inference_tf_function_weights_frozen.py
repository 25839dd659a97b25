"""TensorFlowTTS's Multi-band MelGAN generator runs `call()` through an `@tf.function` `inference` method, so its
Sequential builds its Conv1D weights inside that trace: on Keras 3 the trace bakes the initial weights in as
constants, every weight gets a None gradient and the generator never trains.

From TensorSpeech/TensorFlowTTS (`tensorflow_tts/models/mb_melgan.py`, `TFMBMelGANGenerator`, extending
`melgan.py`'s `TFMelGANGenerator`). The generator's `__init__` collects its layers with `layers += [...]` into
`self.melgan = tf.keras.models.Sequential(layers)` (no input shape, so built lazily), and `call()` is
`return self.inference(mels)`, where `inference` is decorated `@tf.function(input_signature=[TensorSpec([None,
None, 80])])` and returns `self.pqmf.synthesis(self.melgan(mels))`. The repo's `_build()` calls the model once on
fake mels, so the first call, and with it the creation of every Conv1D kernel and bias, happens while TensorFlow
traces `inference`. Keras 3 lifts the new variables out of the trace, but the concrete function keeps their initial
values as constants (measured with a probe: 0 captured inputs, and assigning a new kernel does not change the
output). The weights are tracked and counted (46,644 params) yet get no gradient: LD009, counted and never trained.
The catalog's listed causes for LD009 are structural (unused, stop_gradient, NumPy, int casts); this one is a
trace-time freeze, closer in effect to LD010's "the call uses a stale constant", which is the doubt kept: LD009 is
the code that names what the user sees. With tf.keras 2 (variables captured by reference) the same code trains.
Not the defect: `TFPQMF` keeps its analysis/synthesis/up-down filter banks as `np.float32` arrays on self (fixed
pseudo-QMF constants by design, nothing to learn), and it is only used through its `synthesis()` tf.function, so
Keras lists it as unbuilt (no weights lost).

Porting edits: `scipy.signal.kaiser` (scipy is not installed here) is `np.kaiser`, the same symmetric window; the
repo's config object is a small namespace (4 subbands, 62 taps, cutoff 0.15, beta 9.0, the defaults of the repo's earlier `TFPQMF` signature);
`TFMelGANGenerator` is reduced to what this case needs: its `layers += [...]` list and lazily built Sequential, with
plain Conv1D/Conv1DTranspose/LeakyReLU standing in for the repo's TFReflectionPad1d, TFConvTranspose1d and
TFResidualStack (the default `is_weight_norm=False` path), 80 mel channels in, 4 subband channels out, upsampling x4.
`build_model()` makes the generator and calls it once on fake mels like the repo's `_build()`.
"""

SOURCE = "https://github.com/TensorSpeech/TensorFlowTTS/blob/136877136355c82d7ba474ceb7a8f133bd84767e/tensorflow_tts/models/mb_melgan.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py aw_tensorflowtts_mbmelgan_generator_built_inside_inference_tf_function_weights_frozen.py:
warning: `build()` was called on layer 'mb_melgan_generator', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as bu
as returned: TFMBMelGANGenerator, count_params() = 46644, 8 weights, unbuilt: ['TFPQMF:pqmf']
after call: count_params() = 46644, 8 trainable weights, unbuilt: ['TFPQMF:pqmf']; output dtypes ['float32']
gradient None for 8 of 8 trainable weights: ['mb_melgan_generator/sequential/conv1d/kernel', 'mb_melgan_generator/sequential/conv1d/bias', 'mb_melgan_generator/sequential/conv_transpose_._0/kernel', 'mb_melgan_generator/sequential/conv_transpose_._0/bias', 'mb_melgan_generator/sequential/conv_transpose_._1/kernel', 'mb_melgan_generator/sequential/conv_transpose_._1/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'pqmf': 'count_params() raised ValueError'}
second call: 0 variables watched that the first call did not use
WARNING:tensorflow:From /work/main/.venv-runtime/lib/python3.11/site-packages/tensorflow/python/util/deprecation.py:588: calling function (from tensorflow.python.eager.polymorphic_function.polymorphic_function) with experimental_relax_shapes is deprecated and will be removed in a future version.
Instructions for updating:
experimental_relax_shapes is deprecated, use reduce_retracing instead
probe_mb.py: None gradients via g(x): 8 of 8
probe_mb.py: output changed after kernel.assign(kernel + 1): False
probe_mb.py: inference concrete function captured inputs: 0
probe_mb.py: None gradients for the same ops run eagerly: 0"""

import types

import numpy as np
import tensorflow as tf


def design_prototype_filter(taps=62, cutoff_ratio=0.15, beta=9.0):
    # check the arguments are valid
    assert taps % 2 == 0, "The number of taps mush be even number."
    assert 0.0 < cutoff_ratio < 1.0, "Cutoff ratio must be > 0.0 and < 1.0."

    # make initial filter
    omega_c = np.pi * cutoff_ratio
    with np.errstate(invalid="ignore"):
        h_i = np.sin(omega_c * (np.arange(taps + 1) - 0.5 * taps)) / (
            np.pi * (np.arange(taps + 1) - 0.5 * taps)
        )
    # fix nan due to indeterminate form
    h_i[taps // 2] = np.cos(0) * cutoff_ratio

    # apply kaiser window
    w = np.kaiser(taps + 1, beta)
    h = h_i * w

    return h


class TFPQMF(tf.keras.layers.Layer):
    """PQMF module."""

    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        subbands = config.subbands
        taps = config.taps
        cutoff_ratio = config.cutoff_ratio
        beta = config.beta

        # define filter coefficient
        h_proto = design_prototype_filter(taps, cutoff_ratio, beta)
        h_analysis = np.zeros((subbands, len(h_proto)))
        h_synthesis = np.zeros((subbands, len(h_proto)))
        for k in range(subbands):
            h_analysis[k] = (
                2 * h_proto * np.cos(
                    (2 * k + 1) * (np.pi / (2 * subbands)) * (np.arange(taps + 1) - (taps / 2))
                    + (-1) ** k * np.pi / 4
                )
            )
            h_synthesis[k] = (
                2 * h_proto * np.cos(
                    (2 * k + 1) * (np.pi / (2 * subbands)) * (np.arange(taps + 1) - (taps / 2))
                    - (-1) ** k * np.pi / 4
                )
            )

        # [subbands, 1, taps + 1] == [filter_width, in_channels, out_channels]
        analysis_filter = np.expand_dims(h_analysis, 1)
        analysis_filter = np.transpose(analysis_filter, (2, 1, 0))

        synthesis_filter = np.expand_dims(h_synthesis, 0)
        synthesis_filter = np.transpose(synthesis_filter, (2, 1, 0))

        # filter for downsampling & upsampling
        updown_filter = np.zeros((subbands, subbands, subbands), dtype=np.float32)
        for k in range(subbands):
            updown_filter[0, k, k] = 1.0

        self.subbands = subbands
        self.taps = taps
        self.analysis_filter = analysis_filter.astype(np.float32)
        self.synthesis_filter = synthesis_filter.astype(np.float32)
        self.updown_filter = updown_filter.astype(np.float32)

    @tf.function(
        experimental_relax_shapes=True,
        input_signature=[tf.TensorSpec(shape=[None, None, 1], dtype=tf.float32)],
    )
    def analysis(self, x):
        x = tf.pad(x, [[0, 0], [self.taps // 2, self.taps // 2], [0, 0]])
        x = tf.nn.conv1d(x, self.analysis_filter, stride=1, padding="VALID")
        x = tf.nn.conv1d(x, self.updown_filter, stride=self.subbands, padding="VALID")
        return x

    @tf.function(
        experimental_relax_shapes=True,
        input_signature=[tf.TensorSpec(shape=[None, None, None], dtype=tf.float32)],
    )
    def synthesis(self, x):
        x = tf.nn.conv1d_transpose(
            x,
            self.updown_filter * self.subbands,
            strides=self.subbands,
            output_shape=(tf.shape(x)[0], tf.shape(x)[1] * self.subbands, self.subbands),
        )
        x = tf.pad(x, [[0, 0], [self.taps // 2, self.taps // 2], [0, 0]])
        return tf.nn.conv1d(x, self.synthesis_filter, stride=1, padding="VALID")


class TFMelGANGenerator(tf.keras.Model):
    """Reduced stand-in for tensorflow_tts.models.melgan.TFMelGANGenerator (same list + Sequential wiring)."""

    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        layers = []
        layers += [
            tf.keras.layers.Conv1D(filters=config.filters, kernel_size=7, padding="same"),
        ]
        for i, upsample_scale in enumerate(config.upsample_scales):
            layers += [
                tf.keras.layers.LeakyReLU(0.2),
                tf.keras.layers.Conv1DTranspose(
                    filters=config.filters // (2 ** (i + 1)),
                    kernel_size=upsample_scale * 2,
                    strides=upsample_scale,
                    padding="same",
                    name="conv_transpose_._{}".format(i),
                ),
            ]
        layers += [
            tf.keras.layers.LeakyReLU(0.2),
            tf.keras.layers.Conv1D(filters=config.out_channels, kernel_size=7, padding="same"),
        ]
        if config.use_final_nolinear_activation:
            layers += [tf.keras.layers.Activation("tanh", dtype=tf.float32)]
        self.melgan = tf.keras.models.Sequential(layers)


class TFMBMelGANGenerator(TFMelGANGenerator):
    """Tensorflow MBMelGAN generator module."""

    def __init__(self, config, **kwargs):
        super().__init__(config, **kwargs)
        self.pqmf = TFPQMF(config=config, dtype=tf.float32, name="pqmf")

    def call(self, mels, **kwargs):
        return self.inference(mels)

    @tf.function(
        input_signature=[
            tf.TensorSpec(shape=[None, None, 80], dtype=tf.float32, name="mels")
        ]
    )
    def inference(self, mels):
        mb_audios = self.melgan(mels)
        return self.pqmf.synthesis(mb_audios)


def build_model():
    config = types.SimpleNamespace(
        subbands=4, taps=62, cutoff_ratio=0.15, beta=9.0,
        filters=64, upsample_scales=[2, 2], out_channels=4, use_final_nolinear_activation=True,
    )
    generator = TFMBMelGANGenerator(config, name="mb_melgan_generator")
    fake_mels = tf.random.uniform(shape=[1, 20, 80], dtype=tf.float32)  # as in the repo's _build()
    generator(fake_mels)
    return generator, fake_mels
