"""Alternative-input (webcam gaze tracking) encodes the 478 MediaPipe face-mesh points with `FaceMeshEncoder`, a
Keras Model whose learnable placeholder for missing points, `self._invalidEmbedding`, is a raw `tf.Variable`, and
whose first stage, `CCoordsEncodingLayer` (a learnable Fourier encoding of coordinates), keeps all of its learnable
parameters as raw `tf.Variable`s: `_freqDeltas` and `_freq` in `__init__`, `_fussionW`, `_fussionB` and `_gates` in
`build()`. On Keras 3 none of them is tracked (LD003): the encoder counts only its Dense/LayerNormalization weights,
the frequencies, fusion weights, gates and the invalid-point embedding are missing from `model.trainable_weights`,
so `fit` leaves them at their random initial values and `model.save` drops them, while every forward pass uses
them. The repository pins tensorflow 2.15 (tf.keras 2), where these variables are tracked.

From GreenWizard2015/Alternative-input at 550633b: `NN/FaceMeshEncoder.py` (`FaceMeshEncoder`),
`NN/CCoordsEncodingLayer.py` (`CCoordsEncodingLayer`), `NN/Utils.py` (`sMLP`, `CRolloutTimesteps`,
`CFusingBlock`), wired as the face branch of `NN/networks.py` (`Face2StepModel`:
`CRolloutTimesteps(FaceMeshEncoder(latentSize), name='FaceMesh')(points)`).

Porting edits: the four files are put in one; `from Core.Utils import FACE_MESH_INVALID_VALUE` is the constant
itself (-10.0); `SMLP_GLOBAL_DROPOUT` is kept; the unused `_bandsDropoutMake` (only for `finalDropout > 0`) is
kept as written. build_model() returns `FaceMeshEncoder(32)` itself (a Keras Model, built on its first call) with a random batch of 2
face meshes (478 points, the first 10 set to FACE_MESH_INVALID_VALUE). The repository wires it into
`Face2StepModel` through `CRolloutTimesteps(FaceMeshEncoder(latentSize), name='FaceMesh')(points)`; that wiring is
kept as `build_face_branch()` (the face branch alone, with `Dense(32, name='F2S_Combine')` and
`LayerNormalization`) but not returned, because on Keras 3 it fails while the functional graph is traced (see
MEASURED).
"""

SOURCE = "https://github.com/GreenWizard2015/Alternative-input/blob/550633b3728ee2d6a818d47c9cd7c4e254166b94/NN/FaceMeshEncoder.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: FaceMeshEncoder, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['CCoordsEncodingLayer:FaceMeshEncoder_coords', 'Dense:FaceMeshEncoder_coords__bottleneck', 'sMLP:FaceMeshEncoder_sMLP-1', 'Sequential:FaceMeshEncoder_sMLP-1_F', 'Dense:FaceMeshEncoder_sMLP-1_dense-2', 'Dense:FaceMeshEncoder_sMLP-1_dense-1', 'Dense:FaceMeshEncoder_sMLP-1_dense-0', 'sMLP:FaceMeshEncoder_sMLP-2', 'Sequential:FaceMeshEncoder_sMLP-2_F', 'Dense:FaceMeshEncoder_sMLP-2_dense-0', 'CFusingBlock:FaceMeshEncoder_RML-0', 'LayerNormalization:layer_normalization_1', 'LayerNormalization:layer_normalization', 'sMLP:FaceMeshEncoder_RML-0_mlp', 'Sequential:FaceMeshEncoder_RML-0_mlp_F', 'Dense:FaceMeshEncoder_RML-0_mlp_dense-2', 'Dense:FaceMeshEncoder_RML-0_mlp_dense-1', 'Dense:FaceMeshEncoder_RML-0_mlp_dense-0', 'CFusingBlock:FaceMeshEncoder_RML-1', 'LayerNormalization:layer_normalization_3', 'LayerNormalization:layer_normalization_2', 'sMLP:FaceMeshEncoder_RML-1_mlp', 'Sequential:FaceMeshEncoder_RML-1_mlp_F', 'Dense:FaceMeshEncoder_RML-1_mlp_dense-2', 'Dense:FaceMeshEncoder_RML-1_mlp_dense-1', 'Dense:FaceMeshEncoder_RML-1_mlp_dense-0', 'CFusingBlock:FaceMeshEncoder_RML-2', 'LayerNormalization:layer_normalization_5', 'LayerNormalization:layer_normalization_4', 'sMLP:FaceMeshEncoder_RML-2_mlp', 'Sequential:FaceMeshEncoder_RML-2_mlp_F', 'Dense:FaceMeshEncoder_RML-2_mlp_dense-2', 'Dense:FaceMeshEncoder_RML-2_mlp_dense-1', 'Dense:FaceMeshEncoder_RML-2_mlp_dense-0', 'CFusingBlock:FaceMeshEncoder_RML-3', 'LayerNormalization:layer_normalization_7', 'LayerNormalization:layer_normalization_6', 'sMLP:FaceMeshEncoder_RML-3_mlp', 'Sequential:FaceMeshEncoder_RML-3_mlp_F', 'Dense:FaceMeshEncoder_RML-3_mlp_dense-2', 'Dense:FaceMeshEncoder_RML-3_mlp_dense-1', 'Dense:FaceMeshEncoder_RML-3_mlp_dense-0', 'CFusingBlock:FaceMeshEncoder_RML-4', 'LayerNormalization:layer_normalization_9', 'LayerNormalization:layer_normalization_8', 'sMLP:FaceMeshEncoder_RML-4_mlp', 'Sequential:FaceMeshEncoder_RML-4_mlp_F', 'Dense:FaceMeshEncoder_RML-4_mlp_dense-2', 'Dense:FaceMeshEncoder_RML-4_mlp_dense-1', 'Dense:FaceMeshEncoder_RML-4_mlp_dense-0']
after call: count_params() = 207942, 79 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 79 trainable weights: []
tape watched 6 variables the model does not track: ['FaceMeshEncoder_coords/CEL_freqDeltas:0', 'FaceMeshEncoder_coords/CEL_freq:0', 'FaceMeshEncoder/invalidEmbedding:0', 'face_mesh_encoder/FaceMeshEncoder_coords/FaceMeshEncoder_coords/CEL_fussionW:0', 'face_mesh_encoder/FaceMeshEncoder_coords/FaceMeshEncoder_coords/CEL_fussionB:0', 'face_mesh_encoder/FaceMeshEncoder_coords/FaceMeshEncoder_coords/CEL_gates:0']
params of the case's own layers: {'FaceMeshEncoder_coords': 990, 'FaceMeshEncoder_sMLP-1': 392, 'FaceMeshEncoder_sMLP-2': 122400, 'FaceMeshEncoder_RML-0': 16832, 'FaceMeshEncoder_RML-0_mlp': 12480, 'FaceMeshEncoder_RML-1': 16832, 'FaceMeshEncoder_RML-1_mlp': 12480, 'FaceMeshEncoder_RML-2': 16832, 'FaceMeshEncoder_RML-2_mlp': 12480, 'FaceMeshEncoder_RML-3': 16832, 'FaceMeshEncoder_RML-3_mlp': 12480, 'FaceMeshEncoder_RML-4': 16832, 'FaceMeshEncoder_RML-4_mlp': 12480}
second call: 0 variables watched that the first call did not use
python probes/probe_facemesh.py <this file>: compile(Adam 0.01, mse) + fit 2 epochs leaves CCoordsEncodingLayer's _gates and the encoder's _invalidEmbedding unchanged (they are among the 6 variables the tape watched outside model.weights). The repository's functional wiring (build_face_branch(): CRolloutTimesteps(FaceMeshEncoder(32))(Input((None, 478, 2)))) raises ValueError on Keras 3 while the graph is traced: CCoordsEncodingLayer.build's tf.Variable 'Argument initial_value ... could not be lifted out of a tf.function'."""

import math

import numpy as np
import tensorflow as tf
import tensorflow.keras.layers as L

FACE_MESH_INVALID_VALUE = -10.0  # Core/Utils.py


# ---- NN/CCoordsEncodingLayer.py ----

# Learnable encoding of coordinates
class CCoordsEncodingLayer(tf.keras.layers.Layer):
  def __init__(self, 
    N, raw=True, useShifts=False,
    hiddenN=1.0,
    scaling='pow', # 'pow' or 'linear'
    maxFrequency=1e+4,
    useLowBands=True, useHighBands=True,
    finalDropout=0.0, bandsDropout=False,
    sharedTransformation=False,
    **kwargs
  ):
    super().__init__(**kwargs)
    self._bottleneck = tf.keras.layers.Dense(N, use_bias=False, activation=None, name=self.name + '__bottleneck')

    N = int(N * hiddenN)
    self._N = N
    self._raw = raw
    self._sharedTransformation = sharedTransformation

    if useShifts:
      self._shifts = tf.Variable(
        initial_value=tf.random_normal_initializer()(shape=(1, 1, 1, N), dtype="float32"),
        trainable=True, dtype="float32",
        name=self.name + '/CEL_shifts'
      )
    else:
      self._shifts = tf.constant(0.0, dtype=tf.float32)

    maxN = 1 + N // 2 if useHighBands and useLowBands else N
    freq = self._createBands(scaling, maxN)
    bands = []
    if useLowBands: bands.append(1.0 / freq[::-1])
    if useHighBands: bands.append(freq)
    self._baseFreq = tf.concat([(x[1:] + x[:-1])[:maxN] / 2.0 for x in bands], axis=-1)
    self._freqRange = tf.concat([(x[1:] - x[:-1])[:maxN] / 2.0 for x in bands], axis=-1)
    self._freqDeltas = tf.Variable(
      initial_value=tf.random_normal_initializer()(shape=(N,), dtype="float32"),
      trainable=True, dtype="float32",
      name=self.name + '/CEL_freqDeltas'
    )
    self._freq = tf.Variable(
      initial_value=[maxFrequency],
      trainable=True, dtype="float32",
      name=self.name + '/CEL_freq'
    )

    self._dropout = lambda x, **_: x
    if 0.0 < finalDropout:
      if bandsDropout:
        self._dropout = self._bandsDropoutMake(finalDropout)
      else:
        self._dropout = tf.keras.layers.Dropout(finalDropout)
    return
  
  def build(self, input_shape):
    M = input_shape[1]
    shapePrefix = [1, ] * (len(input_shape) - 2)
    P = 1 if self._sharedTransformation else self._N
    F = self._transform(tf.zeros([1, M, input_shape[-1]])).shape[-1]
    
    self._fussionW = tf.Variable(
      initial_value=tf.random_normal_initializer()(shape=shapePrefix+[P, F], dtype="float32"),
      trainable=True, dtype="float32",
      name=self.name + '/CEL_fussionW'
    )
    self._fussionB = tf.Variable(
      initial_value=tf.random_normal_initializer()(shape=shapePrefix+[P,], dtype="float32"),
      trainable=True, dtype="float32",
      name=self.name + '/CEL_fussionB'
    )
    
    self._gates = tf.Variable(
      initial_value=tf.zeros(shape=(1, 1, self._N), dtype="float32"),
      trainable=True, dtype="float32",
      name=self.name + '/CEL_gates'
    )
    return

  def _fussion(self, x):
    res = tf.reduce_sum(x * self._fussionW, axis=-1) + self._fussionB
    return res
  
  def _transform(self, x):
    B, M, P, N = tf.shape(x)[0], x.shape[1], x.shape[2], self._N
    data = []
    tX = (x[..., None] * self.coefs) + self.shifts # (B, M, 2, N)
    tX = tX * (2.0 * math.pi)
    tX = tf.transpose(tX, (0, 1, 3, 2))[..., None] # (B, M, N, 2, 1)
    for F in [tf.sin, tf.cos]:
      fX = F(tX)
      data.append(fX)
      continue
    
    res = tf.concat(data, axis=-1)
    tf.assert_equal(tf.shape(res)[:-1], (B, M, N, P))
    return tf.reshape(res, (B, M, N, res.shape[-1] * P))
  
  def call(self, x, training=None):
    tf.assert_rank(x, 3, "Input must be (B, M, P)")
    # x is (B, M, P)
    # output is (B, M, N)
    B, M, P, N = tf.shape(x)[0], x.shape[1], x.shape[2], self._N

    transformed = self._transform(x) # (B, M, N, P * F)
    res = self._fussion(transformed) * self.gates # (B, M, N)
    tf.assert_equal(tf.shape(res), (B, M, N))
    res = self._dropout(res, training=training)
    
    if self._raw:
      res = tf.concat([x, res], axis=-1)
    return self._bottleneck(res)
  
  @property
  def coefs(self):
    coefs = self._baseFreq + tf.nn.tanh(self._freqDeltas) * self._freqRange
    freq = tf.nn.softplus(self._freq)
    return coefs[None, None, None] * freq[None, None, None]

  @property
  def shifts(self):
    return self._shifts
  
  @property
  def gates(self):
    return tf.nn.tanh(self._gates)
  
  def _bandsDropoutMake(self, maxRate):
    def apply(x):   
      normed = tf.abs(self.gates)
      normed = tf.math.divide_no_nan(normed, tf.reduce_max(normed, axis=-1, keepdims=True))
      normed = (1.0 - normed) * maxRate
      noise = tf.random.uniform(tf.shape(x), minval=0.0, maxval=1.0)
   
      mask = tf.cast(normed < noise, x.dtype) / (1.0 - normed)
      return x * tf.stop_gradient(mask)
    
    def F(x, training):
      training = tf.keras.backend.learning_phase()
      training = tf.cast(training, tf.bool)
      return tf.cond(training, lambda: apply(x), lambda: tf.identity(x))
    return F
  
  def _createBands(self, scaling, N):
    if 'pow' == scaling:
      # 1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 32, ... 1 / 2^N
      maxFrequency = 2.0 ** min((N, 32))
      base = math.pow(maxFrequency, 1.0 / float(N))
      return tf.pow(base, tf.cast(tf.range(N), tf.float32))
    
    if 'linear' == scaling:
      return tf.linspace(1.0, float(N), N)
    return
# ---- NN/Utils.py (sMLP, CRolloutTimesteps, CFusingBlock) ----
SMLP_GLOBAL_DROPOUT = 0.01
class sMLP(tf.keras.layers.Layer):
  def __init__(self, sizes, activation='linear', dropout=None, **kwargs):
    super().__init__(**kwargs)
    dropout = SMLP_GLOBAL_DROPOUT if dropout is None else dropout
    layers = []
    for i, sz in enumerate(sizes):
      if 0.0 < dropout:
        layers.append(L.Dropout(dropout, name='%s_dropout-%i' % (self.name, i)))
      layers.append(L.Dense(sz, activation=activation, name='%s_dense-%i' % (self.name, i)))
      continue
    self._F = tf.keras.Sequential(layers, name=self.name + '_F')
    return
 
  def build(self, input_shape):
    self._F.build(input_shape)
    return super().build(input_shape)
   
  def call(self, x, **kwargs):
    return self._F(x, **kwargs)
############################################
class CRolloutTimesteps(tf.keras.layers.Layer):
  def __init__(self, F, **kwargs):
    super().__init__(**kwargs)
    self._F = F
    return
  
  def _reshapeAll(self, x, shapePrefix, axis):
    if tf.is_tensor(x):
      return tf.reshape(x, tf.concat([shapePrefix, x.shape[axis:]], axis=-1))

    if isinstance(x, list):
      return [tf.reshape(v, tf.concat([shapePrefix, v.shape[axis:]], axis=-1)) for v in x]

    if isinstance(x, dict):
      return {k: tf.reshape(v, tf.concat([shapePrefix, v.shape[axis:]], axis=-1)) for k, v in x.items()}
    return x
    
  def call(self, x, **kwargs):
    xi = x if tf.is_tensor(x) else x[0]
    B = tf.shape(xi)[0]
    steps = xi.shape[1]
    if steps is None:
      steps = tf.shape(xi)[1]

    rolloutX = self._reshapeAll(x, (B * steps,), axis=2)
    res = self._F(rolloutX, **kwargs)
    return self._reshapeAll(res, (B, steps), axis=1)
############################################
class CFusingBlock(tf.keras.Model):
  def __init__(self, mlp=None, **kwargs):
    super().__init__(**kwargs)
    if mlp is None: mlp = lambda x: x
    self._mlp = mlp
    self._norm = L.LayerNormalization()
    self._norm2 = L.LayerNormalization()
    return
  
  def build(self, input_shapes):
    xShape = input_shapes[0]
    self._lastDense = L.Dense(xShape[-1], activation='relu', name='%s_LastDense' % self.name)
    self._combiner = L.Dense(xShape[-1], activation='relu', name='%s_Combiner' % self.name)
    return super().build(input_shapes)
  
  def call(self, x):
    assert isinstance(x, list), "expected list of inputs"
    xhat = tf.concat(x, axis=-1)
    xhat = self._norm(xhat)
    xhat = self._mlp(xhat)
    xhat = self._lastDense(xhat)
    x0 = x[0]
    x = tf.concat([x0, xhat], axis=-1)
    res = self._combiner(x)
    return self._norm2(res)

# ---- NN/FaceMeshEncoder.py ----

class FaceMeshEncoder(tf.keras.Model):
  def __init__(self, latentSize, **kwargs):
    super().__init__(**kwargs)
    self._encodedPoints = CCoordsEncodingLayer(
      N=30,
      sharedTransformation=True, # TODO: compare with non-shared transformation
      name='FaceMeshEncoder_coords'
    )
    self._sMLP = sMLP(sizes=[8] * 3, activation='relu', name='FaceMeshEncoder_sMLP-1')
    self._sMLP2 = sMLP(sizes=[latentSize], activation='relu', name='FaceMeshEncoder_sMLP-2')

    self._RML = [
      CFusingBlock(
        mlp=sMLP(
          sizes=[latentSize * 2] * 3,
          activation='relu', name=f'FaceMeshEncoder_RML-{i}_mlp'
        ),
        name=f'FaceMeshEncoder_RML-{i}'
      ) for i in range(5)
    ]
    self._invalidEmbedding = tf.Variable(tf.random.normal((8,)), trainable=True, name='FaceMeshEncoder/invalidEmbedding')
    return

  def call(self, data):
    points = data
    B = tf.shape(points)[0]
    N = tf.shape(points)[1]
    tf.assert_equal(tf.shape(points), (B, N, 2))

    validPointsMask = tf.reduce_all(FACE_MESH_INVALID_VALUE != points, axis=-1)[..., None]
    # append to points normalized indices
    indices = tf.range(N, dtype=tf.float32)[None, :, None]
    indices = indices / tf.cast(N, tf.float32)
    indices = tf.tile(indices, (B, 1, 1))
    tf.assert_equal(tf.shape(indices), (B, N, 1))
    points = tf.concat([points, indices], axis=-1)
    tf.assert_equal(tf.shape(points), (B, N, 3))

    encodedPoints = self._encodedPoints(points)
    encodedPoints = self._sMLP(encodedPoints)
    encodedPoints = tf.where(validPointsMask, encodedPoints, self._invalidEmbedding)
    M = encodedPoints.shape[-1]
    tf.assert_equal(tf.shape(encodedPoints), (B, N, M))
    
    encodedPoints = tf.reshape(encodedPoints, (B, N * M))
    cond = res = self._sMLP2(encodedPoints)
    for rml in self._RML:
      res = rml([res, cond])
      continue
    return res

def build_model():
  latentSize, pointsN = 32, 478
  model = FaceMeshEncoder(latentSize)
  x = np.random.default_rng(0).random((2, pointsN, 2)).astype("float32")
  x[:, :10] = FACE_MESH_INVALID_VALUE
  return model, x


def build_face_branch():
  """The face branch of Face2StepModel (NN/networks.py), wired functionally; not used by build_model() (see MEASURED)."""
  latentSize, pointsN = 32, 478
  points = L.Input((None, pointsN, 2))
  encodedP = CRolloutTimesteps(
    FaceMeshEncoder(latentSize), name='FaceMesh'
  )(points)
  combined = L.Dense(latentSize, name='F2S_Combine')(encodedP)
  combined = L.LayerNormalization()(combined)
  return tf.keras.Model(inputs={'points': points}, outputs={'latent': combined})
