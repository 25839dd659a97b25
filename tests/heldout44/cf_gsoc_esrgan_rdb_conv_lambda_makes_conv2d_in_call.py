"""ESRGAN's residual dense block `RDB` (captain-pool/GSOC, Google Summer of Code 2019 ESRGAN for TF-Hub) stores
`self.conv = lambda x: tf.keras.layers.Conv2D(out_features, ...)(x)` in `__init__` and calls `self.conv(...)` five
times in `call()` (LD002). The lambda builds a brand-new `Conv2D` on every use, so each forward pass of the block
creates five new convolutions with fresh random kernels: none of them is a sublayer of the model, the generator's
weights do not contain them, and nothing they compute is ever trained (each step uses new random filters). Only
the `LeakyReLU` made in `__init__` is a real sublayer. The author found it when exporting with `tf.function` failed
("Fixes tf.function for exporting to SavedModel", PR #38) and moved the convolutions into `__init__` (see the okcf_
pair).

From captain-pool/GSOC, `E2_ESRGAN/lib/utils.py` at 6ea9b64 (2019-07-10, the commit before the fix), with
`RRDBNet` (the ESRGAN generator: conv_first -> `Sequential` trunk of `RRDB` blocks (three `RDB`s each) -> conv_trunk ->
two pixel-shuffle (`depth_to_space`) upsamplings -> conv_last) from `E2_ESRGAN/lib/model.py` of the same commit. Phase 1
of training (`lib/train.py`) calls the generator on low-resolution batches inside a `tf.function` train step.

Porting edits: `from lib import settings` / `settings.Settings()["RDB"].get("residual_scale_beta", 0.2)` -> a
one-line stand-in `_settings()` returning the same default 0.2 (the YAML config is not available); nothing else
changed in `RDB`, `RRDB` or `RRDBNet`. build_model() builds `RRDBNet(out_channel=3, num_features=8, trunk_size=1,
growth_channel=8)` (the project defaults are 32, 3, 32) and returns it with a batch of two 16x16 RGB patches.
"""

SOURCE = "https://github.com/captain-pool/GSOC/blob/6ea9b64816fef35883eabad206304cf4c648b7fa/E2_ESRGAN/lib/utils.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine44/cf/cf_gsoc_esrgan_rdb_conv_lambda_makes_conv2d_in_call.py:
warning: Argument `alpha` is deprecated. Use `negative_slope` instead. (x2)
as returned: RRDBNet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv2D:conv2d', 'Sequential:sequential', 'RRDB:rrdb', 'RDB:rdb_2', 'RDB:rdb_1', 'RDB:rdb', 'Conv2D:conv2d_1', ..., 'Conv2D:conv2d_5']
after call: count_params() = 1915, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 30 variables the model does not track: ['rrdb_net/sequential/rrdb/rdb/conv2d_51/kernel:0', 'rrdb_net/sequential/rrdb/rdb/conv2d_51/bias:0', 'rrdb_net/sequential/rrdb/rdb/conv2d_52/kernel:0', ...]
params of the case's own layers: {'rrdb': 0, 'rdb_2': 0, 'rdb_1': 0, 'rdb': 0}
second call: 30 variables watched that the first call did not use
(The 12 tracked weights are the six outer convolutions; the 15 in-block convolutions per call, 30 variables, are new every call and never in model.weights.) probe_esrgan.py: two calls on the same input give different outputs (new random kernels each time); compile('adam', 'mae') + fit on (2, 16, 16, 3) -> (2, 64, 64, 3) raises ValueError 'tf.function only supports singleton tf.Variables created on the first call...'."""

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
    self.conv = lambda x: tf.keras.layers.Conv2D(
        out_features,
        kernel_size=[3, 3],
        strides=[1, 1], padding="same", use_bias=bias)(x)
    self.lrelu = tf.keras.layers.LeakyReLU(alpha=0.2)
    self.beta = _settings()["RDB"].get("residual_scale_beta", 0.2)

  def call(self, input_):
    x1 = self.lrelu(self.conv(input_))
    x2 = self.lrelu(self.conv(tf.concat([input_, x1], -1)))
    x3 = self.lrelu(self.conv(tf.concat([input_, x1, x2], -1)))
    x4 = self.lrelu(self.conv(tf.concat([input_, x1, x2, x3], -1)))
    x5 = self.conv(tf.concat([input_, x1, x2, x3, x4], -1))
    return input_ + self.beta * x5


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
