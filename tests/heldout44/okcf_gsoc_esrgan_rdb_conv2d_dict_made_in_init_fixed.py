"""ESRGAN's residual dense block `RDB` (captain-pool/GSOC, Google Summer of Code 2019 ESRGAN for TF-Hub) after the
author's fix (PR #38, "moved layers to dictionary" / "used partial instead lambda"): the five 3x3 convolutions are
made once in `__init__` by a `functools.partial` factory and kept in a dict `self._conv2d_layers`, and one
`LeakyReLU` is applied four times. It looks like the buggy form it replaced (a conv factory on `self`, convolutions
applied one after another in `call()`), and like other suspects (layers held in a dict, one activation layer reused),
but it is correct: the dict is tracked by Keras, each convolution is built once on its own input width (the concat
grows by `out_features` each step) and trained, and the stateless LeakyReLU can be shared.

From captain-pool/GSOC, `E2_ESRGAN/lib/utils.py` at 5576f2c (2019-07-10), with `RRDBNet` from
`E2_ESRGAN/lib/model.py` of the same commit (the cf_ pair is the commit before).

Porting edits: `from lib import settings` / `settings.Settings()["RDB"]...` -> a one-line stand-in `_settings()`
returning the same default beta 0.2 (the YAML config is not available). The same fix commit also re-enabled an
`@tf.function(input_signature=...)` decorator on `RRDBNet.call` (for the SavedModel export); it is kept commented out
as in the parent commit, because on Keras 3 a tf.function-wrapped `call` of a subclassed Model cuts the gradient
(measured: None for 42 of 42 weights) - a separate export concern, not the block's defect. build_model() builds
`RRDBNet(out_channel=3, num_features=8, trunk_size=1, growth_channel=8)` (project defaults 32, 3, 32) and returns it
with a batch of two 16x16 RGB patches.
"""

SOURCE = "https://github.com/captain-pool/GSOC/blob/5576f2cb65b13c99a73e80b538552b111d5fe3e8/E2_ESRGAN/lib/utils.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine44/cf/okcf_gsoc_esrgan_rdb_conv2d_dict_made_in_init_fixed.py:
warning: Argument `alpha` is deprecated. Use `negative_slope` instead. (x2)
as returned: RRDBNet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: [all sublayers] (a subclassed model not yet called; the training step calls it on data first)
after call: count_params() = 27955, 42 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 42 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'rrdb': 26040, 'rdb_2': 8680, 'rdb_1': 8680, 'rdb': 8680}
second call: 0 variables watched that the first call did not use
probe_esrgan.py: two calls on the same input give identical outputs (2, 64, 64, 3); compile('adam', 'mae') + one fit epoch runs. With the fix commit's @tf.function(input_signature=...) re-enabled on RRDBNet.call, _measure reports gradient None for 42 of 42 trainable weights (why it is left commented out here)."""

from functools import partial
import numpy as np
import tensorflow as tf


def _settings():
  # stands in for lib.settings.Settings() (reads config.yaml); only the RDB entry is used here
  return {"RDB": {}}


# Model Utils


class RDB(tf.keras.layers.Layer):
  """ Residual Dense Block Layer """

  def __init__(self, out_features=32, bias=True):
    super(RDB, self).__init__()

    _create_conv2d = partial(tf.keras.layers.Conv2D,
        out_features,
        kernel_size=[3, 3],
        strides=[1, 1], padding="same", use_bias=bias)
    self._conv2d_layers = {
        "conv_1": _create_conv2d(),
        "conv_2": _create_conv2d(),
        "conv_3": _create_conv2d(),
        "conv_4": _create_conv2d(),
        "conv_5": _create_conv2d()}
    self._lrelu = tf.keras.layers.LeakyReLU(alpha=0.2)
    self._beta = _settings()["RDB"].get("residual_scale_beta", 0.2)

  def call(self, input_):
    x1 = self._lrelu(self._conv2d_layers["conv_1"](input_))
    x2 = self._lrelu(self._conv2d_layers["conv_2"](
        tf.concat([input_, x1], -1)))
    x3 = self._lrelu(self._conv2d_layers["conv_3"](
        tf.concat([input_, x1, x2], -1)))
    x4 = self._lrelu(self._conv2d_layers["conv_4"](
        tf.concat([input_, x1, x2, x3], -1)))
    x5 = self._conv2d_layers["conv_5"](tf.concat([input_, x1, x2, x3, x4], -1))
    return input_ + self._beta * x5


class RRDB(tf.keras.layers.Layer):
  """ Residual in Residual Block Layer """

  def __init__(self, out_features=32):
    super(RRDB, self).__init__()
    self.RDB1 = RDB(out_features)
    self.RDB2 = RDB(out_features)
    self.RDB3 = RDB(out_features)
    self.beta = _settings()["RDB"].get("residual_scale_beta", 0.2)

  def call(self, input_):
    out = self.RDB1(input_)
    trunk = input_ + out
    out = self.RDB2(trunk)
    trunk = trunk + out
    out = self.RDB3(trunk)
    trunk = trunk + out
    return input_ + self.beta * trunk


class RRDBNet(tf.keras.Model):
  """ Residual in Residual Network consisting of:
      - Convolution Layers
      - Residual in Residual Block as the trunk of the model
      - Pixel Shuffler layers (tf.nn.depth_to_space)
      - Upscaling Convolutional Layers
  """

  def __init__(
          self,
          out_channel,
          num_features=32,
          trunk_size=3,
          growth_channel=32,
          use_bias=True):
    super(RRDBNet, self).__init__()
    self.rrdb_block = partial(RRDB, growth_channel)
    conv = partial(tf.keras.layers.Conv2D, kernel_size=[3, 3],
                   strides=[1, 1],
                   padding="same",
                   use_bias=use_bias)
    self.conv_first = conv(filters=num_features)
    self.rdb_trunk = tf.keras.Sequential(
        [self.rrdb_block() for _ in range(trunk_size)])
    self.conv_trunk = conv(filters=num_features)
    # Upsample
    self.upsample1 = conv(filters=num_features)
    self.upsample2 = conv(filters=num_features)
    self.conv_last_1 = conv(filters=num_features)
    self.conv_last_2 = conv(filters=out_channel)

    self.lrelu = tf.keras.layers.LeakyReLU(alpha=0.2)

#  @tf.function(
#      input_signature=[
#          tf.TensorSpec(shape=[None, None, None, 3],
#                        dtype=tf.float32)])
  def call(self, input_):
    feature = self.conv_first(input_)
    trunk = self.conv_trunk(self.rdb_trunk(feature))
    feature = trunk + feature
    feature = self.lrelu(
        self.upsample1(
            tf.nn.depth_to_space(
                feature,
                block_size=2)))
    feature = self.lrelu(
        self.upsample2(
            tf.nn.depth_to_space(
                feature,
                block_size=2)))
    feature = self.lrelu(self.conv_last_1(feature))
    out = self.conv_last_2(feature)
    return out


def build_model():
  generator = RRDBNet(out_channel=3, num_features=8, trunk_size=1, growth_channel=8)
  lr_images = np.random.default_rng(0).random((2, 16, 16, 3)).astype("float32")
  return generator, lr_images
