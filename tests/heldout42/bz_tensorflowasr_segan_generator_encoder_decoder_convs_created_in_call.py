"""TensorFlowASR's early SEGAN speech-enhancement generator builds its whole encoder and decoder inside `call()`
(LD002): `GEncoder.call()` instantiates a `DownConv` (a Conv2D block) and a `PReLU` per depth on every pass, and
`GDecoder.call()` a `DeConv` and a `PReLU` per depth plus the last `DeConv`. None of these layers is an attribute, so
on Keras 3 the generator owns no weights at all: `self.generator.trainable_variables`, which the repository's
`train_step` differentiates and updates, is empty, and the "enhanced" waveform comes from a fresh random network.

From TensorSpeech/TensorFlowASR (then a TF 2 ASR/speech-enhancement project), `models/segan/Generator.py` at 4850f70
(2020-04-18), with `models/segan/Ops.py` of the same commit. `Generator.__init__` correctly assigns
`PreEmph`, `Reshape1to3`, `GEncoder`, `Z`, `GDecoder`, `Reshape3to1` and `DeEmph`; the sublayers of `GEncoder` and
`GDecoder` are the problem (`GEncoder` also appends to `self.skips`, a list that grows on every call). `asr/SEGAN.py`
builds `Generator(g_enc_depths=[16, 32, 32, 64, 64, 128, 128, 256, 256, 512, 1024], kwidth, ratio, coeff)` and
trains it in a `tf.function` `train_step` that applies `gen_tape.gradient(gen_loss,
self.generator.trainable_variables)`. Later commits of the repository moved the layers into `__init__`.

Porting edits: `from models.segan.Ops import ...` is inlined (only `DownConv`, `DeConv`, `PreEmph`, `DeEmph`,
`Reshape1to3`, `Reshape3to1`); the `@tf.function` on `Generator.call` and `Generator.loss` is kept; `Discriminator`
and the dataset code are left out, and `train_step` is kept as `train_step()` (generator half only, not run).
build_model() builds the generator with the repository's `g_enc_depths`, `kwidth=31`, `ratio=2`, and `coeff=0.0`
instead of the config's pre-emphasis: `DeEmph`'s loop assigns into a tensor (`x[n] = ...`), which fails on any
TensorFlow, and `coeff <= 0` skips it; the batch is 2 noisy windows of 16384 samples.
"""

SOURCE = "https://github.com/TensorSpeech/TensorFlowASR/blob/4850f70ded67aa7a11bff1a196c5126f96c641d2/models/segan/Generator.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/bz/bz_tensorflowasr_segan_generator_encoder_decoder_convs_created_in_call.py:
as returned: Generator, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['PreEmph:pre_emph', 'Reshape1to3:reshape1to3', 'GEncoder:g_encoder', 'Z:z', 'GDecoder:g_decoder', 'Reshape3to1:reshape3to1', 'DeEmph:de_emph']
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'pre_emph': 0, 'reshape1to3': 0, 'g_encoder': 0, 'z': 0, 'g_decoder': 0, 'reshape3to1': 0, 'de_emph': 0}
second call: 0 variables watched that the first call did not use
(The tape sees no variables because Generator.call is a tf.function: the DownConv/DeConv/PReLU variables are created
while it is traced and live only in that trace.)
probe_segan.py: a call returns a (2, 16384) waveform while generator.trainable_variables is empty and
encoder.skips already holds 10 tensors after one call (it keeps growing); the generator half of train_step gets
gradients for 0 variables (L1 loss 7.97); calling with a batch of 3 retraces and raises ValueError 'Exception
encountered when calling Generator.call(). Creating variables on a non-first call to a function decorated with
tf.function.' Also on Keras 3, Generator.loss (the method train_step calls) is shadowed by Model's loss attribute
(None until compile), so generator.loss(...) raises TypeError 'NoneType' object is not callable."""

import numpy as np
import tensorflow as tf


# ---- models/segan/Ops.py (same commit) ----
class PreEmph(tf.keras.layers.Layer):
  def __init__(self, coeff=0.95, name="pre_emph", **kwargs):
    super(PreEmph, self).__init__(trainable=False, dtype=tf.float32, **kwargs)
    self.coeff = coeff
    self.cname = name

  def call(self, inputs):
    # input_shape = [batch_size, 16384]
    def map_fn(elem):
      x0 = tf.reshape(elem[0], [1, ])
      diff = elem[1:] - self.coeff * elem[:-1]
      return tf.concat([x0, diff], axis=0)
    return tf.map_fn(map_fn, inputs, name=self.cname)


class DeEmph(tf.keras.layers.Layer):
  def __init__(self, coeff=0.95, name="de_emph", **kwargs):
    super(DeEmph, self).__init__(trainable=False, dtype=tf.float32, **kwargs)
    self.coeff = coeff
    self.cname = name

  def call(self, inputs):
    # input_shape = [batch_size, 16384]
    def map_fn(elem):
      if self.coeff <= 0:
        return elem
      x = tf.zeros(elem.shape[0] - 1, dtype=tf.float32)
      x0 = tf.reshape(elem[0], [1, ])
      x = tf.concat([x0, x], axis=0)
      for n in range(1, elem.shape[0], 1):
        x[n] = self.coeff * x[n - 1] + elem[n]
      return tf.convert_to_tensor(x)
    return tf.map_fn(map_fn, inputs, name=self.cname)


class DownConv(tf.keras.layers.Layer):
  def __init__(self, depth, kwidth=5, pool=2, name="downconv", **kwargs):
    super(DownConv, self).__init__(dtype=tf.float32, **kwargs)
    self.layer = tf.keras.layers.Conv2D(
      filters=depth,
      kernel_size=(kwidth, 1),
      strides=(pool, 1),
      padding="same",
      use_bias=True,
      name=name,
      kernel_initializer=tf.keras.initializers.TruncatedNormal(stddev=0.02),
      bias_initializer=tf.keras.initializers.zeros
    )

  def call(self, inputs, training=False):
    return self.layer(inputs, training=training)


class DeConv(tf.keras.layers.Layer):
  def __init__(self, depth, kwidth=5, dilation=2, name="deconv", **kwargs):
    super(DeConv, self).__init__(dtype=tf.float32, **kwargs)
    self.layer = tf.keras.layers.Conv2DTranspose(
      filters=depth,
      kernel_size=(kwidth, 1),
      strides=(dilation, 1),
      padding="same",
      use_bias=True,
      name=name,
      kernel_initializer=tf.keras.initializers.TruncatedNormal(stddev=0.02),
      bias_initializer=tf.keras.initializers.zeros
    )

  def call(self, inputs, training=False):
    return self.layer(inputs, training=training)


class Reshape1to3(tf.keras.layers.Layer):
  def __init__(self, name="reshape_1_to_3", **kwargs):
    super(Reshape1to3, self).__init__(trainable=False, dtype=tf.float32, **kwargs)
    self.cname = name

  def call(self, inputs):
    batch_size = tf.shape(inputs)[0]
    return tf.reshape(inputs, [batch_size, -1, 1, 1], name=self.cname)


class Reshape3to1(tf.keras.layers.Layer):
  def __init__(self, name="reshape_3_to_1", **kwargs):
    super(Reshape3to1, self).__init__(trainable=False, dtype=tf.float32, **kwargs)
    self.cname = name

  def call(self, inputs):
    batch_size = tf.shape(inputs)[0]
    return tf.reshape(inputs, [batch_size, -1], name=self.cname)


# ---- models/segan/Generator.py ----
class Z(tf.keras.layers.Layer):
  def __init__(self, mean=0., stddev=1., name="segan_z"):
    self.mean = mean,
    self.stddev = stddev
    self.cname = name
    super(Z, self).__init__()

  def call(self, inputs):
    z = tf.keras.backend.random_normal(shape=inputs.get_shape().as_list(),
                                       mean=self.mean, stddev=self.stddev)
    return tf.keras.layers.Concatenate(axis=3, name=f"{self.cname}_concat")([z, inputs])


class GEncoder(tf.keras.layers.Layer):
  def __init__(self, g_enc_depths, kwidth=5, ratio=2,
               name="segan_g_encoder"):
    self.g_enc_depths = g_enc_depths
    self.kwidth = kwidth
    self.ratio = ratio
    self.skips = []
    self.cname = name
    super(GEncoder, self).__init__(dtype=tf.float32)

  def call(self, inputs, training=False):
    # input_shape = [batch_size, 16384, 1, 1]
    c = inputs
    for layer_idx, layer_depth in enumerate(self.g_enc_depths):
      c = DownConv(depth=layer_depth,
                   kwidth=self.kwidth,
                   pool=self.ratio,
                   name=f"{self.cname}_conv_{layer_idx}")(c, training=training)
      if layer_idx < len(self.g_enc_depths) - 1:
        self.skips.append(c)
      c = tf.keras.layers.PReLU(name=f"{self.cname}_prelu_{layer_idx}")(c)
    return c, self.skips


class GDecoder(tf.keras.layers.Layer):
  def __init__(self, g_dec_depths, kwidth=5,
               ratio=2, name="segan_g_decoder"):
    self.g_dec_depths = g_dec_depths
    self.kwidth = kwidth
    self.ratio = ratio
    self.cname = name
    super(GDecoder, self).__init__(dtype=tf.float32)

  def call(self, inputs, skips, training=False):
    assert skips and len(skips) > 0
    output = inputs
    for layer_idx, layer_depth in enumerate(self.g_dec_depths):
      output = DeConv(depth=layer_depth,
                      kwidth=self.kwidth,
                      dilation=self.ratio,
                      name=f"{self.cname}_deconv_{layer_idx}")(output, training=training)
      output = tf.keras.layers.PReLU(name=f"{self.cname}_prelu_{layer_idx}")(output)
      _skip = skips[-(layer_idx + 1)]
      output = tf.keras.layers.Concatenate(axis=3)([output, _skip])
    return DeConv(depth=1, kwidth=self.kwidth, dilation=self.ratio,
                  name=f"{self.cname}_deconv_last")(output, training=training)
    # output_shape = [batch_size, 16384, 1, 1]


class Generator(tf.keras.Model):
  def __init__(self, g_enc_depths,
               kwidth=31, ratio=2, coeff=0.95):
    super(Generator, self).__init__()
    self.kwidth = kwidth
    self.ratio = ratio
    self.g_dec_depths = g_enc_depths.copy()
    self.g_dec_depths.reverse()
    self.g_dec_depths = self.g_dec_depths[1:]
    self.pre_emph = PreEmph(coeff=coeff, name="segan_g_preemph")
    self.reshape_input = Reshape1to3("segan_g_reshape_input")
    self.encoder = GEncoder(g_enc_depths=g_enc_depths,
                            kwidth=self.kwidth,
                            ratio=self.ratio)
    self.z = Z()
    self.decoder = GDecoder(g_dec_depths=self.g_dec_depths,
                            kwidth=self.kwidth,
                            ratio=self.ratio)
    self.reshape_output = Reshape3to1("segan_g_reshape_output")
    self.de_emph = DeEmph(coeff=coeff, name="segan_g_deemph")

  @tf.function
  def call(self, inputs, training=False):
    # input_shape = [batch_size, 16384]
    inputs = self.pre_emph(inputs)
    inputs = self.reshape_input(inputs)
    output, skips = self.encoder(inputs, training=training)
    output = self.z(output)
    output = self.decoder(inputs=output,
                          skips=skips,
                          training=training)
    output = self.reshape_output(output)
    # output_shape = [batch_size, 16384]
    return self.de_emph(output)

  @tf.function
  def loss(self, y_true, y_pred, l1_lambda, d_fake_logit):
    l1_loss = l1_lambda * tf.reduce_mean(tf.abs(tf.math.subtract(y_pred, y_true)))
    g_adv_loss = tf.reduce_mean(tf.math.squared_difference(d_fake_logit, 1.))
    return l1_loss + g_adv_loss


def train_step(generator, generator_optimizer, clean_wavs, noisy_wavs, l1_lambda, d_fake_logit):
  # generator half of asr/SEGAN.py's train_step (not run here)
  with tf.GradientTape() as gen_tape:
    g_clean_wavs = generator(noisy_wavs, training=True)
    gen_loss = generator.loss(y_true=clean_wavs, y_pred=g_clean_wavs,
                              l1_lambda=l1_lambda, d_fake_logit=d_fake_logit)
  gradients_of_generator = gen_tape.gradient(gen_loss, generator.trainable_variables)
  generator_optimizer.apply_gradients(zip(gradients_of_generator, generator.trainable_variables))


def build_model():
  g_enc_depths = [16, 32, 32, 64, 64, 128, 128, 256, 256, 512, 1024]
  generator = Generator(g_enc_depths=g_enc_depths, kwidth=31, ratio=2, coeff=0.0)
  noisy = np.random.default_rng(0).normal(scale=0.1, size=(2, 16384)).astype("float32")
  return generator, noisy
