"""FranNet's `CCombinedExtractor` applies several feature extractors to the same input and mixes them "by using
learned gate skip connections": the gates are one raw `tf.Variable` (`self._weights`, trainable=True) created in
`__init__` of the `tf.keras.Model`. On Keras 3 a `tf.Variable` assigned to a layer/model attribute is not tracked
(LD003): the extractor's weights are only its extractors' Dense kernels and biases, the gate vector is not in
`model.trainable_weights`, so the training step (which takes `trainable_variables` of the model) never updates it and
checkpoints/saves drop it; the gates stay at their initial zeros, i.e. the extra extractors are switched off for
good (`tanh(0) = 0`). (`self.add_weight(...)` or `keras.Variable` would be tracked.)

From GreenWizard2015/FranNet, `NN/encoders/CCombinedExtractor.py` (`CCombinedExtractor`,
`combined_extractor_from_config`) with `NN/encoders/CInterpolateExtractor.py` (`CInterpolateExtractor`,
`_local_mixer_from_config`, `interpolate_extractor_from_config`), `NN/encoders/extractors.py`
(`extractor_from_config`) and `NN/utils.py` (`extractInterpolated`, `sMLP`) at 443f81b.

Porting edits: `tensorflow_addons` is not installed (and is dead on TF 2.21), so `tfa.image.interpolate_bilinear`
is a small stand-in with the same contract (`indexing='xy'`, (B, H, W, C) grid, (B, N, 2) points -> (B, N, C));
Keras 3 refuses "/" in layer names, so the names built as `'%s/Extractor-%d'`, `name + '/LocalMixer'`,
`'%s/dense-%i'` use "_" instead; the conv extractor branch of `extractor_from_config` is left out (not used here).
The encoder that owns the extractor in FranNet calls it as `extractor(features, pos)`; `ExtractorHarness` does the
same from one `[feature_map, pos]` input so the model can be called with one argument. build_model() builds a
'combined' extractor of two 'interpolate' extractors (MLP [16], latent 8, weights activation 'tanh') and returns it
with one 8x8x4 feature map and 5 query points per sample, batch 2.
"""

SOURCE = "https://github.com/GreenWizard2015/FranNet/blob/443f81b0b5916c111d65ed6828a1a65e4e07e5e4/NN/encoders/CCombinedExtractor.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: ExtractorHarness, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['CCombinedExtractor:Extractor', 'CInterpolateExtractor:Extractor_Extractor-0', 'Sequential:Extractor_Extractor-0_LocalMixer', 'Dense:Extractor_Extractor-0_LocalMixer_final', 'sMLP:Extractor_Extractor-0_LocalMixer_mlp', 'Sequential:Extractor_Extractor-0_LocalMixer_mlp_F', 'Dense:Extractor_Extractor-0_LocalMixer_mlp_dense-0', 'CInterpolateExtractor:Extractor_Extractor-1', 'Sequential:Extractor_Extractor-1_LocalMixer', 'Dense:Extractor_Extractor-1_LocalMixer_final', 'sMLP:Extractor_Extractor-1_LocalMixer_mlp', 'Sequential:Extractor_Extractor-1_LocalMixer_mlp_F', 'Dense:Extractor_Extractor-1_LocalMixer_mlp_dense-0']
after call: count_params() = 432, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 1 variables the model does not track: ['weights:0']
params of the case's own layers: {'Extractor': 432, 'Extractor_Extractor-0': 216, 'Extractor_Extractor-0_LocalMixer_mlp': 80, 'Extractor_Extractor-1': 216, 'Extractor_Extractor-1_LocalMixer_mlp': 80}
second call: 0 variables watched that the first call did not use
python probes/probe_frannet.py <this file>: the gate variable `_weights` (trainable=True) is not in model.trainable_variables; a tape naming it gets a gradient (-0.157), but 3 Adam steps over model.trainable_variables leave it at [0.], so tanh(gate) = 0 and the second extractor never contributes."""

import numpy as np
import tensorflow as tf
import tensorflow.keras.activations as activations
import tensorflow.keras.layers as L


def _interpolate_bilinear(grid, query_points, indexing='xy'):  # stand-in for tfa.image.interpolate_bilinear
  if indexing == 'xy':
    query_points = query_points[..., ::-1]
  s = tf.shape(grid)
  B, H, W, C = s[0], s[1], s[2], s[3]
  y, x = query_points[..., 0], query_points[..., 1]
  y0 = tf.clip_by_value(tf.floor(y), 0.0, tf.cast(H - 2, y.dtype))
  x0 = tf.clip_by_value(tf.floor(x), 0.0, tf.cast(W - 2, x.dtype))
  ay = tf.clip_by_value(y - y0, 0.0, 1.0)[..., None]
  ax = tf.clip_by_value(x - x0, 0.0, 1.0)[..., None]
  flat = tf.reshape(grid, (B, H * W, C))
  def g(yy, xx):
    return tf.gather(flat, tf.cast(yy, tf.int32) * W + tf.cast(xx, tf.int32), batch_dims=1)
  top = g(y0, x0) * (1.0 - ax) + g(y0, x0 + 1) * ax
  bottom = g(y0 + 1, x0) * (1.0 - ax) + g(y0 + 1, x0 + 1) * ax
  return top * (1.0 - ay) + bottom * ay


def extractInterpolated(data, pos):
  '''
    0, 0 - very top left corner
    1, 1 - very bottom right corner
  '''
  s = tf.shape(data)
  hwOld = tf.cast(tf.stack([s[1], s[2]]), pos.dtype)
  data = tf.pad(data, ((0, 0), (1, 1), (1, 1), (0, 0)), mode='CONSTANT', constant_values=0.0)
  hw = tf.cast(tf.stack([s[1] + 2, s[2] + 2]), pos.dtype) # new height and width
  d = 1.0 / hw
  pos = pos * (hwOld / hw) # scale (0, 0) => (1, 1)
  pos = (d / 2.0) + pos # shift (0, 0) => (1 / hw, 1 / hw)
  coords = pos * hw
  return _interpolate_bilinear(data, coords, indexing='xy')


class sMLP(tf.keras.layers.Layer):
  def __init__(self, sizes, activation='linear', dropout=0.05, **kwargs):
    super().__init__(**kwargs)
    layers = []
    for i, sz in enumerate(sizes):
      if 0.0 < dropout:
        layers.append(L.Dropout(dropout, name='%s_dropout-%i' % (self.name, i)))
      layers.append(L.Dense(sz, activation=activation, name='%s_dense-%i' % (self.name, i)))
      continue
    self._F = tf.keras.Sequential(layers, name=self.name + '_F')
    return

  def call(self, x, **kwargs):
    return self._F(x, **kwargs)


class CInterpolateExtractor(tf.keras.Model):
  def __init__(self, localMixer, **kwargs):
    super().__init__(**kwargs)
    self._localMixer = localMixer(self.name + '_LocalMixer')
    return

  def call(self, features, pos, training=None):
    B = tf.shape(pos)[0]
    N = tf.shape(pos)[1]
    # extract latent vectors from each 2D feature map
    latent = []
    for data in features:
      # assert 2D feature map
      tf.assert_rank(data, 4)
      vectors = extractInterpolated(data, pos)
      D = vectors.shape[-1]
      # reshape to (B * N, D) and append to latent
      latent.append(tf.reshape(vectors, (B * N, D)))
      continue
    # concatenate all latent vectors and mix them
    latent = tf.concat(latent, axis=-1)
    res = self._localMixer(latent, training=training)
    tf.assert_equal(tf.shape(res)[:1], (B * N,))
    tf.assert_rank(res, 2)
    return res
# End of CInterpolateExtractor

def _local_mixer_from_config(mixer, latentDim):
  def localMixer(name):
    return tf.keras.Sequential([
      sMLP(sizes=mixer['mlp'], activation='relu', name=name + '_mlp'),
      L.Dense(latentDim, activation=mixer['final activation'], name=name + '_final')
    ], name=name)
  return localMixer

def interpolate_extractor_from_config(config, latentDim):
  localMixer = _local_mixer_from_config(config, latentDim)
  return lambda name: CInterpolateExtractor(localMixer, name=name)


# Apply sequence of extractors to the same input and combine them by using learned gate skip connections
class CCombinedExtractor(tf.keras.Model):
  def __init__(self, extractors, weightsActivation, **kwargs):
    super().__init__(**kwargs)
    extractors = [f('%s_Extractor-%d' % (self.name, i)) for i, f in enumerate(extractors)]
    self._extractors = extractors[1:]
    self._rootExtractor = extractors[0]
    self._weights = tf.Variable(
      initial_value=tf.zeros((len(self._extractors),), dtype=tf.float32),
      trainable=True, name='weights'
    )
    self._weightsActivation = weightsActivation
    return

  def call(self, features, pos, training=None):
    res = self._rootExtractor(features, pos, training=training)
    shape = tf.shape(res)
    for i, extractor in enumerate(self._extractors):
      x = extractor(features, pos, training=training)
      tf.assert_equal(tf.shape(x), shape)
      res += x * self._weightsActivation(self._weights[i])
      continue
    tf.assert_equal(tf.shape(res), shape)
    return res
# End of CCombinedExtractor

def combined_extractor_from_config(config, extractors):
  weightsActivation = config['weights activation']
  if 'squared tanh' == weightsActivation:
    # always positive, in [0, 1]
    weightsActivation = lambda x: tf.square( tf.nn.tanh(x) )
  else:
    weightsActivation = activations.get(weightsActivation)

  return lambda name: CCombinedExtractor(
    extractors,
    weightsActivation=weightsActivation,
    name=name
  )


def extractor_from_config(config, latentDim):
  kind = config['kind'].lower()
  if 'interpolate' == kind:
    return interpolate_extractor_from_config(config, latentDim)

  # combined extractor
  if 'combined' == kind:
    extractors = [extractor_from_config(m, latentDim) for m in config['extractors']]
    return combined_extractor_from_config(config, extractors)

  raise ValueError(f'Unknown extractor method: {kind}')


class ExtractorHarness(tf.keras.Model):  # calls the extractor as FranNet's encoder does: extractor(features, pos)
  def __init__(self, extractor, **kwargs):
    super().__init__(**kwargs)
    self._extractor = extractor('Extractor')

  def call(self, inputs, training=None):
    featureMap, pos = inputs
    return self._extractor([featureMap], pos, training=training)


def build_model():
  interpolate = {'kind': 'interpolate', 'mlp': [16], 'final activation': 'relu'}
  config = {'kind': 'combined', 'weights activation': 'tanh', 'extractors': [interpolate, interpolate]}
  model = ExtractorHarness(extractor_from_config(config, latentDim=8))
  rng = np.random.default_rng(0)
  inputs = [rng.random((2, 8, 8, 4)).astype('float32'), rng.random((2, 5, 2)).astype('float32')]
  return model, inputs
