"""A Bayes-style `DenseVariational` (kernel = mu + sigma * eps) that sets `self.trainable` after
`super().__init__()`, never calls `super().build()` (sets `self.built = True` by hand) and wraps
`call` in `@tf.function`: all four mu/sigma weights are tracked and get gradients on Keras 3.

From DCalhas/eeg_to_fmri (`src/layers/bayesian.py`, used by the repository's EEG-to-fMRI synthesis
models for uncertainty). `build()` creates `kernel_mu`, `kernel_sigma`, `bias_mu`, `bias_sigma` with
`add_weight`; `call()` samples two scalar standard normals (tfp `Normal(0, 1).sample()`) and uses
`mu + sigma * eps`. Things a checker may flag: the hand-set `self.built`, the late-looking
`self.trainable = trainable` (after `super().__init__`, so not reset), the noise drawn inside `call`
(a raw tensor, but a local, not state) and the plain attributes `self.loc/self.scale` set in build.

Porting edits: the positional weight names `add_weight('kernel_mu', shape=...)` made keyword
(Keras 3 raises "`name` must be passed as a keyword argument" otherwise); the tensorflow_probability
`getattr(tfp.distributions, self.distribution)(self.loc, self.scale).sample()` replaced by
`tf.random.normal((), self.loc, self.scale)` (same scalar standard-normal draw; tfp is not installed
here); get_config/from_config left out. build_model(): Input(6) -> DenseVariational(3), as the layer's
`assert len(input_shape)==2` requires rank-2 inputs.
"""

SOURCE = "https://github.com/DCalhas/eeg_to_fmri/blob/33c363fce4e5fa006ed43d02a5851f6e5a7997df/src/layers/bayesian.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okan_eegtofmri_densevariational_manual_built_and_tf_function_call.py:
as returned: Functional, count_params() = 42, 4 weights, unbuilt: none
after call: count_params() = 42, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_variational': 42}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


class DenseVariational(tf.keras.layers.Layer):

	def __init__(
			self,
			units,
			activation=None,
			activity_regularizer=None,
			kernel_prior_initializer="GlorotUniform",
			kernel_posterior_initializer="GlorotUniform",
			bias_prior_initializer="GlorotUniform",
			bias_posterior_initializer="GlorotUniform",
			use_bias=True,
			trainable=True,
			seed=None,
			**kwargs):
		super(DenseVariational, self).__init__(
				activity_regularizer=activity_regularizer,
				**kwargs)

		self.units=units
		self.activation=activation
		self.kernel_prior_initializer=kernel_prior_initializer
		self.kernel_posterior_initializer=kernel_posterior_initializer
		self.bias_prior_initializer=bias_prior_initializer
		self.bias_posterior_initializer=bias_posterior_initializer
		self.use_bias=use_bias
		self.trainable=trainable
		self.seed = seed

	def build(self, input_shape):
		assert len(input_shape)==2#only for batch, features rank

		last_dim=input_shape[-1]

		input_shape = tf.TensorShape(input_shape)

		kernel_prior_initializer=self.kernel_prior_initializer
		kernel_posterior_initializer=self.kernel_posterior_initializer
		bias_prior_initializer=self.bias_prior_initializer
		bias_posterior_initializer=self.bias_posterior_initializer

		if(type(kernel_prior_initializer) is str):
			kernel_prior_initializer=getattr(tf.keras.initializers, kernel_prior_initializer)()
		if(type(kernel_posterior_initializer) is str):
			kernel_posterior_initializer=getattr(tf.keras.initializers, kernel_posterior_initializer)()
		if(type(bias_prior_initializer) is str):
			bias_prior_initializer=getattr(tf.keras.initializers, bias_prior_initializer)()
		if(type(bias_posterior_initializer) is str):
			bias_posterior_initializer=getattr(tf.keras.initializers, bias_posterior_initializer)()

		self.kernel_mu = self.add_weight(
				name='kernel_mu',
				shape=[last_dim, self.units],
				initializer=kernel_prior_initializer,
				dtype=tf.float32,
				trainable=self.trainable)
		self.kernel_sigma = self.add_weight(
				name='kernel_sigma',
				shape=[last_dim, self.units],
				initializer=kernel_posterior_initializer,
				dtype=tf.float32,
				trainable=self.trainable)

		if self.use_bias:
			self.bias_mu = self.add_weight(
					name='bias_mu',
					shape=[self.units,],
					initializer=bias_prior_initializer,
					dtype=self.dtype,
					trainable=self.trainable)

			self.bias_sigma = self.add_weight(
					name='bias_sigma',
					shape=[self.units,],
					initializer=bias_posterior_initializer,
					dtype=self.dtype,
					trainable=self.trainable)
		else:
			self.bias = None

		self.loc=0.0
		self.scale=1.0
		self.distribution="Normal"

		self.built = True

	@tf.function
	def call(self, X):

		epsilon_kernel = tf.random.normal((), self.loc, self.scale)
		epsilon_bias = tf.random.normal((), self.loc, self.scale)

		kernel=self.kernel_mu+self.kernel_sigma*epsilon_kernel
		if(self.use_bias):
			bias=self.bias_mu+self.bias_sigma*epsilon_bias

		output=tf.matmul(X, kernel)
		if(self.use_bias):
			output+=bias

		return output


def build_model():
	inputs = tf.keras.Input((6,))
	outputs = DenseVariational(3)(inputs)
	return tf.keras.Model(inputs, outputs)
