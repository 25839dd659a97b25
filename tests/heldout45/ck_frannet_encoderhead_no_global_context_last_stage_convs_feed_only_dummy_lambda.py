"""FranNet's encoder head (`createEncoderHead`) runs the image through downsampling stages, each followed by
`ConvAfterStage` convolutions (default 2, "2 was used in the old version"); the output `res` of the last stage feeds
only the global-context model. When the configuration has no global context (`'global context': None`), the head
returns a dummy context instead: `L.Lambda(lambda x: tf.zeros((tf.shape(x)[0], 1), dtype=res.dtype))(res)`. That
Lambda is harmless as a Lambda (it reads only `res.dtype`, a static string, holds no variable and calls no layer),
but its output does not depend on its input, so the last stage's after-convolutions now lead nowhere: they are
built, counted and saved, and get no gradient (LD009: trainable weights that never train, the gradient path cut by
an output that is constant zeros). The local-context branches, taken before those convolutions, train normally.

From GreenWizard2015/FranNet, `NN/encoders/Encoder.py` (`conv_block_params_from_config`, `conv_block_from_config`,
`createEncoderHead`) at e203df9; the defaults are those of `encoder_from_config` in `NN/encoders/__init__.py`.

Porting edits: Keras 3 refuses "/" in layer names, so the names built as `'%s/intermediate-%d'` and `'%s/conv-%d'`
use "_"; the global-context builders (`_createGCMv2`, `_createGlobalContextModel`) and `CEncoder` are left out (this
configuration does not use them; the global-context branch raises NotImplementedError here). build_model() calls
`createEncoderHead` as `encoder_from_config` does for a head without global context: 16x16 RGB images, downsample
steps [8, 16], latent 8, 'conv before stage' 1, 'conv after stage' left at its default 2, a local-context conv block
('conv before': 1), `globalContext=None`; it returns the model.
"""

SOURCE = "https://github.com/GreenWizard2015/FranNet/blob/e203df911d5326387c112072a08aca8ae6acb62f/NN/encoders/Encoder.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 14764, 28 weights, unbuilt: none
after call: count_params() = 14764, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 26 trainable weights: ['conv2d_6/kernel', 'conv2d_6/bias', 'conv2d_7/kernel', 'conv2d_7/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(Keras 3 also prints a UserWarning at the call that the inputs structure does not match: built with inputs=[data], called with a bare tensor; harmless.)
python probes/probe_frannet_head.py <this file>: the Lambda's only closure value is the KerasTensor res (read for its dtype); the context output is all zeros; gradient None for conv2d_6 and conv2d_7 (kernel and bias, 4640 params: the two after-stage convolutions of the last stage); compile(adam, mse on all outputs) + fit 2 epochs warns 'Gradients do not exist for variables [conv2d_6/kernel, conv2d_6/bias, conv2d_7/kernel, conv2d_7/bias]' and leaves them unchanged."""

import tensorflow as tf
import tensorflow.keras.layers as L

def conv_block_params_from_config(config):
  defaultConvParams = {
    'kernel size': config.get('kernel size', 3),
    'activation': config.get('activation', 'relu')
  }
  convBefore = config['conv before']
  # if convBefore is an integer, then it's the same for all layers
  if isinstance(convBefore, int):
    convParams = { 'channels': config['channels'], **defaultConvParams }
    convBefore = [convParams] * convBefore # repeat the same parameters
    pass
  assert isinstance(convBefore, list), 'convBefore must be a list'
  # if convBefore is a list of integers, then each integer is the number of channels
  if (0 < len(convBefore)) and isinstance(convBefore[0], int):
    convBefore = [ {'channels': sz, **defaultConvParams} for sz in convBefore ]
    pass

  # add separately last layer
  lastConvParams = {
    'channels': config.get('channels last', config['channels']),
    'kernel size': config.get('kernel size last', defaultConvParams['kernel size']),
    'activation': config.get('final activation', defaultConvParams['activation'])
  }
  return convBefore + [lastConvParams]
  
def conv_block_from_config(data, config, defaults, name='CB'):
  config = {**defaults, **config} # merge defaults and config
  convParams = conv_block_params_from_config(config)
  # apply convolutions to the data
  for i, parameters in enumerate(convParams):
    data = L.Conv2D(
      filters=parameters['channels'],
      padding='same',
      kernel_size=parameters['kernel size'],
      activation=parameters['activation'],
      name='%s_conv-%d' % (name, i)
    )(data)
    continue
  return data

'''
Simple encoder that takes image as input and returns corresponding latent vector with intermediate representations
'''
def createEncoderHead(
  imgWidth, channels, downsampleSteps, latentDim, 
  ConvBeforeStage, ConvAfterStage, 
  localContext, globalContext,
  name
):
  assert isinstance(downsampleSteps, list) and (0 < len(downsampleSteps)), 'downsampleSteps must be a list of integers'
  data = L.Input(shape=(imgWidth, imgWidth, channels))
  
  res = data
  res = L.BatchNormalization()(res)
  intermediate = []
  for i, sz in enumerate(downsampleSteps):
    res = L.Conv2D(sz, 3, strides=2, padding='same', activation='relu')(res)
    for _ in range(ConvBeforeStage):
      res = L.Conv2D(sz, 3, padding='same', activation='relu')(res)

    # local context
    if not(localContext is None):
      intermediate.append(
        conv_block_from_config(
          data=res, config=localContext, defaults={
            'channels': sz,
            'channels last': latentDim, # last layer should have latentDim channels
          },
          name='%s_intermediate-%d' % (name, i)
        )
      )
    ################################
    for _ in range(ConvAfterStage):
      res = L.Conv2D(sz, 3, padding='same', activation='relu')(res)
    continue

  if not(globalContext is None): # global context
    raise NotImplementedError('global context models are left out of this case')
  else: # no global context
    # return dummy context to keep the interface consistent
    context = L.Lambda(
      lambda x: tf.zeros((tf.shape(x)[0], 1), dtype=res.dtype)
    )(res)

  return tf.keras.Model(
    inputs=[data],
    outputs={
      'intermediate': intermediate, # intermediate representations
      'context': context, # global context
    },
    name=name
  )


def build_model():
  return createEncoderHead(
    imgWidth=16, channels=3, downsampleSteps=[8, 16], latentDim=8,
    ConvBeforeStage=1, ConvAfterStage=2,
    localContext={'conv before': 1}, globalContext=None,
    name='EncoderHead'
  )
