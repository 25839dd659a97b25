"""dog-breed-classification's hyperspherical softmax head keeps the class embeddings `self._W` as a raw `tf.Variable`
created in `CBaseHyperSoftmax.__init__` (a layer that `CHyperSoftmaxLayer.build()` creates on the fly). On Keras 3 a
`tf.Variable` assigned to a layer attribute is not tracked (LD003): the class-embedding matrix (classes x dims) is
not in `model.trainable_weights`, so `fit` never updates it and `model.save` does not store it; the head trains only
its monotone similarity-to-logit mapping (`self._map`, a Sequential the layer does track) against frozen random
class centres.

From GreenWizard2015/dog-breed-classification, `NN/CHyperSoftmaxLayer.py` (`CBaseHyperSoftmax`,
`CHyperSoftmaxLayer`) at 1b7d938, wired as `NN/model.py` (`_createModel`, `_model_body`, `_HS_base`) does.

Porting edits: `L.InputLayer(input_shape=(1,))` becomes `L.InputLayer(shape=(1,))` (Keras 3 renamed the argument).
In `_createModel` the frozen ImageNet `MobileNetV2` feature provider is replaced by a small frozen stand-in
(`Conv2D(64, 32, strides=32)`, a 7x7x64 map for a 224x224 image in place of MobileNetV2's 7x7x1280), so no weights are
downloaded, and it is called on the tensor instead of the one-element list `[(2.0 * res) - 1.0]` (Keras 3's
functional stand-in expects a tensor); `_model_body` and `_HS_base` are unchanged. build_model() calls `model_from_config` with 120 classes,
classVecSize 32, the 'base' HS type, no grayscale, and returns the model with a random batch of 2 images.
"""

SOURCE = "https://github.com/GreenWizard2015/dog-breed-classification/blob/1b7d938480d8ab69903b8e31d73ebbd1d5a85eb8/NN/CHyperSoftmaxLayer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 519841, 58 weights, unbuilt: none
after call: count_params() = 519841, 44 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 44 trainable weights: []
tape watched 3 variables the model does not track: ['conv2d/kernel:0', 'conv2d/bias:0', 'c_hyper_softmax_layer/W:0']
params of the case's own layers: {'c_hyper_softmax_layer': 321, 'c_base_hyper_softmax': 0}
second call: 0 variables watched that the first call did not use
python probes/probe_generic.py <this file>: the (120, 32) class-embedding variable c_hyper_softmax_layer/W (trainable=True) is watched by the tape and gets a gradient when named directly, but is not in model.weights (58 weights; the conv2d kernel/bias the tape also lists are the frozen feature stand-in, in model.non_trainable_weights), so no optimizer over model.trainable_variables updates it."""

import numpy as np
import tensorflow as tf
import tensorflow.keras.layers as L


class CBaseHyperSoftmax(tf.keras.layers.Layer):
  def __init__(self, classes, dims, mapping, **kwargs):
    super().__init__(**kwargs)
    self._mapping = mapping
    
    self._W = tf.Variable(
      initial_value=tf.random_normal_initializer()(shape=(classes, dims)),
      trainable=True,
      name='W'
    )
    return

  @property
  def embeddings(self): return tf.linalg.l2_normalize(self._W, axis=-1)

  def _logits(self, x):
    normalizedX = tf.linalg.l2_normalize(x, axis=-1)
    similarity = tf.matmul(normalizedX, self.embeddings, transpose_b=True)

    logits = self._mapping(similarity)
    tf.assert_equal(tf.shape(logits), tf.shape(similarity))
    return logits
    
  def call(self, x):
    return tf.nn.softmax(self._logits(x), axis=-1)
  
  def classesSimilarity(self): return self._logits(self._W)
# End of CBaseHyperSoftmax

class CHyperSoftmaxLayer(tf.keras.layers.Layer):
  def __init__(self, classes, **kwargs):
    super().__init__(**kwargs)
    self._classes = classes

    # Network for mapping similarity to logits
    # This mapping is constrained to be strictly increasing, so f(x) <= f(x + dx) <= f(x + dx * 2) ...
    NN = tf.keras.constraints.NonNeg()
    self._map = tf.keras.Sequential([
      L.InputLayer(shape=(1,)),
      # relu6 is used just to force finding a non-trivial solution
      L.Dense(16, 'relu6', kernel_constraint=NN),
      L.Dense(16, 'relu6', kernel_constraint=NN),
      L.Dense(1, 'relu', kernel_constraint=NN),
    ], name='mapping')
    return

  def _mapping(self, similarity):
    x = self._map(tf.reshape(similarity, (-1, 1)))
    return tf.reshape(x, tf.shape(similarity))
    
  def build(self, input_shape):
    C = input_shape[-1]
    self._hsl = CBaseHyperSoftmax(self._classes, C, self._mapping)
    return super().build(input_shape)

  def call(self, x): return self._hsl(x)

  # helper functions
  def classesSimilarity(self): return self._hsl.classesSimilarity()
  def mapping(self, values): return self._mapping(values)

  @property
  def embeddings(self): return self._hsl.embeddings
# End of CHyperSoftmaxLayer


def _featuresProvider(shape):
  # stand-in for the frozen ImageNet MobileNetV2(include_top=False): a 7x7 map for a 224x224 image
  inp = L.Input(shape=shape)
  base_model = tf.keras.Model(inp, L.Conv2D(64, 32, strides=32)(inp))
  base_model.trainable = False
  return base_model

def _model_body(res):
  res = L.AvgPool2D(pool_size=(7, 7))(res)
  res = L.Flatten()(res)
  for sz in [256, 128, 64]:
    res = L.Dense(sz, activation='relu')(res)

    skip = L.BatchNormalization()(res)
    for _ in range(3):
      skip = L.Dropout(0.05)(skip)
      skip = L.Dense(sz, activation='relu')(skip)
      continue
    skip = L.BatchNormalization()(skip)

    res = L.Add()([res, skip])
    continue
  return res

def _createModel(imageSize, headF, grayscale=False):
  res = images = L.Input(shape=(imageSize, imageSize, 3))
  if grayscale: res = L.Lambda(_rgb_to_grayscale)(res)

  fp = _featuresProvider(res.shape[1:])
  res = _model_body(
    fp((2.0 * res) - 1.0, training=False)
  )

  classVec, probs = headF(res)
  return tf.keras.Model(
    inputs=[images],
    outputs={
      'classVec': classVec,
      'probs': probs,
    }
  )

# convert to grayscale but keep 3 channels
def _rgb_to_grayscale(x):
  x = tf.image.rgb_to_grayscale(x)
  x = tf.repeat(x, 3, axis=-1)
  return x

def _simpleSoftmax(classesN):
  def headF(res):
    classVec = L.Dense(classesN, activation='relu')(res)
    probs = L.Softmax()(classVec)
    return classVec, probs
  return headF

def _HS_base(classesN, classVecSize):
  def headF(res):
    classVec = L.Dense(classVecSize)(res)
    probs = CHyperSoftmaxLayer(classes=classesN)(classVec)
    return classVec, probs
  return headF

def model_from_config(config):
  classesN = config['classesN']
  classVecSize = config['classVecSize']
  headF = _simpleSoftmax(classesN)

  if 0 < classVecSize: # use hyperspherical softmax
    HSTypeMapping = {
      'base': _HS_base,
    }
    HSType = HSTypeMapping.get(config['HS type'].lower(), None)
    assert HSType is not None, f'Unknown HS type: {config["HS type"]}'
    headF = HSType(classesN=classesN, classVecSize=classVecSize)
    pass

  return _createModel(
    imageSize=config['imageSize'],
    grayscale=config['grayscale'],
    headF=headF,
  )


def build_model():
  model = model_from_config({
    'classesN': 120, 'classVecSize': 32, 'HS type': 'base', 'imageSize': 224, 'grayscale': False,
  })
  inputs = np.random.default_rng(0).random((2, 224, 224, 3)).astype("float32")
  return model, inputs
