"""A 3-D squeeze-excitation and a spatial-attention layer make their Dense/Conv3D in `build()` (no `super().build()`) and create Add/Activation/multiply layers inside `call()`: everything with weights is tracked and trained.

From gajdosmatej/track_denoiser (`classes/customLayers.py`), the custom layers of a 3-D convolutional
denoiser for particle-track images (TPC readout volumes). `SEAttention.build()` creates two global pools
and two Dense layers; its `call()` goes through a helper that instantiates `keras.layers.Activation`
and `keras.layers.Add()` and applies `keras.layers.multiply`; `SpatialAttention.build()` creates two
Conv3D and `call()` again uses `keras.layers.multiply`; `RandomNoise` has an empty `build()` and adds noise
with `keras.layers.add`. A checker keyed on layers constructed in `call()` or in a helper it calls
(LD002), or on a `build()` that never calls `super().build()` and never builds its sublayers (LD005),
would flag all three; on Keras 3 the layers made per call are stateless, the overridden `build()` is fine
(myth 1 of the catalog), and since none of these layers defines `compute_output_shape`, wiring them in a
functional model traces `call()` and builds the Dense/Conv3D at once: every weight is counted right after
construction and gets a gradient.

Porting edits: none (`from tensorflow import keras` is Keras 3 under TF 2.21); tabs kept. build_model()
wires the three layers as a denoising block on a (8, 8, 8, 1) volume: Conv3D(8, 3) with ReLU,
RandomNoise(0.1), SEAttention, SpatialAttention, then a 1x1x1 sigmoid Conv3D head.
"""

SOURCE = "https://github.com/gajdosmatej/track_denoiser/blob/503154b0de021278c708d6e0dcca88379776b557/classes/customLayers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbf_trackdenoiser_se_and_spatial_attention_3d_sublayers_in_build_merge_layers_in_call.py:
as returned: Functional, count_params() = 346, 12 weights, unbuilt: none
after call: count_params() = 346, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'random_noise': 0, 'se_attention': 76, 'spatial_attention': 37}
second call: 0 variables watched that the first call did not use"""

import tensorflow
from tensorflow import keras

class RandomNoise(keras.layers.Layer):
	'''
	Custom Keras Layer applying random gaussian noise to the input.	
	'''
	
	def __init__(self, std=1):
		super().__init__()
		self.std = std

	def call(self, x):
		return keras.layers.add([x, tensorflow.random.normal(shape=tensorflow.shape(x), mean=0, stddev=self.std)])

	def build(self, input_shape):
		pass


class SEAttention(keras.layers.Layer):
	'''
	Custom Keras Layer applying channelwise attention to a 3D tensor. 
	'''

	def __init__(self):
		super().__init__()
	
	def call(self, x):
		return keras.layers.multiply([x, self.getChannelAttention(x)])
	
	def build(self, input_shape):
		channels = input_shape[-1]

		self.avging = keras.layers.GlobalAveragePooling3D()
		self.maxing = keras.layers.GlobalMaxPooling3D()

		self.MLP_1 = keras.layers.Dense(channels//2, "relu")
		self.MLP_2 = keras.layers.Dense(channels, "relu")

	def getChannelAttention(self, x):
		'''
		Squeeze-Excitation returning channel attention for 3D tensor @x.
		'''

		return keras.layers.Activation("sigmoid")( keras.layers.Add()([	self.MLP_2(self.MLP_1(self.avging(x))),
																		self.MLP_2(self.MLP_1(self.maxing(x)))]) )


class SpatialAttention(keras.layers.Layer):
	'''
	Custom Keras Layer applying spatial attention to a 3D tensor.
	'''

	def __init__(self):
		super().__init__()
	
	def call(self, x):
		return keras.layers.multiply([x, self.getSpatialAttention(x)])
	
	def build(self, input_shape):
		self.aggregation = keras.layers.Conv3D(padding="same", strides=(1,1,1), kernel_size=(1,1,1), filters=1, activation="relu")
		self.conv = keras.layers.Conv3D(padding="same", strides=(1,1,1), kernel_size=(3,3,3), filters=1, activation="sigmoid")

	def getSpatialAttention(self, x):
		return self.conv( self.aggregation(x) )


def build_model():
	"""Returns a model (or layer), or (model, inputs). Must not train, download or print much."""
	x_in = keras.Input((8, 8, 8, 1))
	x = keras.layers.Conv3D(8, 3, padding="same", activation="relu")(x_in)
	x = RandomNoise(0.1)(x)
	x = SEAttention()(x)
	x = SpatialAttention()(x)
	out = keras.layers.Conv3D(1, 1, activation="sigmoid")(x)
	return keras.Model(x_in, out)
