"""A Chinese-handwriting CNN subclasses the weightless `GlobalAveragePooling2D` to add a trainable
per-position weight map `W` in `build()`, and sets `self.kernel_initializer` before
`super().__init__()`: on Keras 3 the weight is created, counted and trained.

From pavlo-melnyk/offline-HCCR (`src/utils.py` at the commit cited; the network is `src/melnyk_net.py`),
whose issue #5 (2025) reports "Layer count mismatch when loading weights from file. Model expected 29
layers, found 30 saved layers" when loading the released Melnyk-Net.hdf5 with Keras 3 and the
maintainer's answer that the code now runs on TF 2.20 / Keras 3.11 (pass `compile=False`).
`GlobalWeightedAveragePooling2D(GlobalAveragePooling2D)` stores `kernel_initializer` on self, then calls
`super().__init__(**kwargs)`; `build(input_shape)` adds `W` of shape `input_shape[1:]` (6 x 6 x 448 in
Melnyk-Net) and then calls `super().build(input_shape)`; `call` multiplies the feature map by `W` and
sums over the spatial axes.

Why it looks buggy: an attribute assigned before `super().__init__()` (LD013's pattern); a weight added
to a subclass of a built-in layer that has no weights of its own (Keras 3.6 began to mark some weightless
layers built in `__init__`, keras-team/keras#20871, which would skip a subclass's `build()`); and the
issue's 29-vs-30 layer mismatch reads like a layer that lost its weight. Measured: on Keras 3.15 the
pooling subclass is not built at construction, `build()` runs on the first call, `W` (16128 values) is
tracked, counted and gets a gradient; `kernel_initializer` is a plain attribute that
`super().__init__()` does not reset.

Porting edits: `from keras.layers.convolutional import Conv2D, MaxPooling2D, AveragePooling2D` ->
`from keras.layers import ...` (the module is gone in Keras 3); `K.sum(inputs, axis=[1, 2])` ->
`keras.ops.sum(...)` (`keras.backend` no longer has `sum`); the pretrained-weights branch of
`melnyk_net()` (a Google Drive download) and the GWOAP variant are left out; the fourteen identical
`Conv2D -> BatchNormalization -> Activation('relu')` triples are written once as a local helper
`conv_bn_relu(x, filters)` called with the author's filter counts in order (same layers, same
arguments). `build_model()` is `melnyk_net()` with its
defaults: GWAP, 96 x 96 x 1 input, 3755 classes.
"""

SOURCE = "https://github.com/pavlo-melnyk/offline-HCCR/blob/a3d438b6ae19cba2e2fa29d6cb1d75f332f4b927/src/utils.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/au/okau_offlinehccr_gwap_pooling_subclass_weight_in_build_attr_before_super.py:
as returned: Functional, count_params() = 6523819, 73 weights, unbuilt: none
after call: count_params() = 6523819, 45 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 45 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'global_weighted_average_pooling2d': 16128}
second call: 0 variables watched that the first call did not use
probe (probe_ok1.py): W shape (6, 6, 448), all ones: True (the 'ones' initializer set before super().__init__() survives), in model.trainable_weights: True."""

import keras
from keras.layers import Conv2D, MaxPooling2D, AveragePooling2D
from keras.layers import Input, Dense, Dropout, Flatten, GlobalAveragePooling2D, Activation, BatchNormalization
from keras.models import Model
from keras.regularizers import l2
from keras.initializers import RandomNormal


class GlobalWeightedAveragePooling2D(GlobalAveragePooling2D):

	def __init__(self, kernel_initializer='uniform', **kwargs):
		self.kernel_initializer = kernel_initializer
		super(GlobalWeightedAveragePooling2D, self).__init__(**kwargs)

	def build(self, input_shape):
		self.W = self.add_weight(name='W',
								 shape=input_shape[1:],
								 initializer=self.kernel_initializer,
								 trainable=True)
		# print('input_shape:', input_shape)
		super(GlobalWeightedAveragePooling2D, self).build(input_shape)

	def call(self, inputs):
		inputs = inputs*self.W # element-wise multiplication for every entry of input
		if self.data_format == 'channels_last':
			return keras.ops.sum(inputs, axis=[1, 2])
		else:
			return keras.ops.sum(inputs, axis=[2, 3])


def melnyk_net(input_shape=(96, 96, 1), reg=1e-3, global_average_type='GWAP', num_classes=3755, include_top=True):
	if global_average_type == 'GWAP':
		GlobalAveragePooling = GlobalWeightedAveragePooling2D(kernel_initializer='ones')
	else:
		GlobalAveragePooling = GlobalAveragePooling2D()

	random_normal = RandomNormal(stddev=0.001, seed=1996) # output layer initializer

	input_ = Input(shape=input_shape)

	def conv_bn_relu(x, filters):
		x = Conv2D(filters, (3, 3), padding='same', strides=(1, 1), kernel_initializer='he_normal', use_bias=False,
			kernel_regularizer=l2(reg), bias_regularizer=l2(reg))(x)
		x = BatchNormalization()(x)
		return Activation('relu')(x)

	x = conv_bn_relu(input_, 64)
	x = conv_bn_relu(x, 64)
	x = AveragePooling2D(pool_size=(3, 3), strides=(2, 2), padding='same')(x)
	x = conv_bn_relu(x, 96)
	x = conv_bn_relu(x, 64)
	x = conv_bn_relu(x, 96)
	x = AveragePooling2D(pool_size=(3, 3), strides=(2, 2), padding='same')(x)
	x = conv_bn_relu(x, 128)
	x = conv_bn_relu(x, 96)
	x = conv_bn_relu(x, 128)
	x = AveragePooling2D(pool_size=(3, 3), strides=(2, 2), padding='same')(x)
	x = conv_bn_relu(x, 256)
	x = conv_bn_relu(x, 192)
	x = conv_bn_relu(x, 256)
	x = AveragePooling2D(pool_size=(3, 3), strides=(2, 2), padding='same')(x)
	x = conv_bn_relu(x, 448)
	x = conv_bn_relu(x, 256)
	x = conv_bn_relu(x, 448)

	x = GlobalAveragePooling(x)
	x = Dropout(0.5)(x)

	if include_top:
		x = Dense(units=num_classes, kernel_initializer=random_normal, activation='softmax',
			kernel_regularizer=l2(reg), bias_regularizer=l2(reg))(x)

	model = Model(inputs=input_, outputs=x)

	return model


def build_model():
    return melnyk_net()
