"""TF Model Garden's `RandomFeatureGaussianProcess` (SNGP output layer) makes its output bias with `tf.Variable` in `build()`: on Keras 3 the bias is neither counted nor trained, even with `gp_output_bias_trainable=True`.

`official/nlp/modeling/layers/gaussian_process.py` builds its sublayers in `build()` (a random-feature
Dense that is frozen, an output Dense) and then adds the output bias as
`self._gp_output_bias = tf.Variable(initial_value=[gp_output_bias] * units, trainable=
self.gp_output_bias_trainable, ...)`. tensorflow/models#10117 proposed moving the sublayer creation
into `__init__` (h5 weight names) and was closed; the `build()` shown there, with the raw
`tf.Variable`, is the code the library still ships. Under tf.keras 2 the `tf.Variable` was tracked
as a weight. With TensorFlow 2.16+ `tf.keras` is Keras 3, which ignores backend-native variables:
the bias the user asked to train is read in `call()` (the tape watches it) but it is not in
`trainable_weights`, so `fit()` never updates it and `save_weights()` does not store it.
Reproduced with the layer's own defaults except `gp_output_bias_trainable=True`, and
`return_gp_cov=False` (the covariance sublayer is unrelated to this defect).
"""

SOURCE = "https://github.com/tensorflow/models/pull/10117"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/q_gp_layer_output_bias_is_tf_variable_in_build.py:
as returned: Functional, count_params() = 2848, 5 weights, unbuilt: none
after call: count_params() = 2848, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 3 variables the model does not track: ['random_feature_gaussian_process/gp_random_feature/kernel:0', 'random_feature_gaussian_process/gp_random_feature/bias:0', 'random_feature_gaussian_process/gp_output_bias:0']
params of the case's own layers: {'random_feature_gaussian_process': 2304}
second call: 0 variables watched that the first call did not use
extra check (python: [w.path for w in model.weights]; type(gp._gp_output_bias)): model.weights holds dense/kernel, dense/bias,
gp_random_feature/kernel, gp_random_feature/bias (frozen, non-trainable, tracked) and gp_output_weights/kernel only; the
trainable ResourceVariable gp_output_bias (3 values) is in none of them. Of the 3 untracked variables the tape watched, the
first two are the frozen random-feature Dense (tracked as non-trainable weights); gp_output_bias is the one Keras does not track."""

import math

import tensorflow as tf


class RandomFeatureGaussianProcess(tf.keras.layers.Layer):
    """Gaussian process layer with random feature approximation (trimmed to the output path)."""

    def __init__(self, units, num_inducing=1024, gp_kernel_type="gaussian", gp_kernel_scale=1.0,
                 gp_output_bias=0.0, normalize_input=False, gp_kernel_scale_trainable=False,
                 gp_output_bias_trainable=False, scale_random_features=True,
                 use_custom_random_features=True, custom_random_features_initializer=None,
                 custom_random_features_activation=None, l2_regularization=1e-6,
                 return_gp_cov=True, dtype=None, name="random_feature_gaussian_process",
                 **gp_output_kwargs):
        super().__init__(name=name, dtype=dtype)
        self.units = units
        self.num_inducing = num_inducing

        self.normalize_input = normalize_input
        self.gp_input_scale = 1.0 / tf.sqrt(gp_kernel_scale)
        self.gp_feature_scale = tf.sqrt(2.0 / float(num_inducing))

        self.scale_random_features = scale_random_features
        self.return_gp_cov = return_gp_cov

        self.gp_kernel_type = gp_kernel_type
        self.gp_kernel_scale = gp_kernel_scale
        self.gp_output_bias = gp_output_bias
        self.gp_kernel_scale_trainable = gp_kernel_scale_trainable
        self.gp_output_bias_trainable = gp_output_bias_trainable

        self.use_custom_random_features = use_custom_random_features
        self.custom_random_features_initializer = custom_random_features_initializer
        self.custom_random_features_activation = custom_random_features_activation

        self.l2_regularization = l2_regularization
        self.gp_output_kwargs = gp_output_kwargs

        if self.use_custom_random_features:
            # Default to Gaussian RBF kernel.
            self.random_features_bias_initializer = tf.random_uniform_initializer(
                minval=0.0, maxval=2.0 * math.pi)
            if self.custom_random_features_initializer is None:
                self.custom_random_features_initializer = tf.keras.initializers.RandomNormal(stddev=1.0)
            if self.custom_random_features_activation is None:
                self.custom_random_features_activation = tf.math.cos

    def build(self, input_shape):
        # Defines model layers.
        if self.normalize_input:
            self._input_norm_layer = tf.keras.layers.LayerNormalization(name="gp_input_normalization")
            self._input_norm_layer.build(input_shape)
            input_shape = self._input_norm_layer.compute_output_shape(input_shape)

        self._random_feature = self._make_random_feature_layer(name="gp_random_feature")
        self._random_feature.build(input_shape)
        input_shape = self._random_feature.compute_output_shape(input_shape)

        self._gp_output_layer = tf.keras.layers.Dense(
            units=self.units,
            use_bias=False,
            kernel_regularizer=tf.keras.regularizers.l2(self.l2_regularization),
            dtype=self.dtype,
            name="gp_output_weights",
            **self.gp_output_kwargs)
        self._gp_output_layer.build(input_shape)

        self._gp_output_bias = tf.Variable(
            initial_value=[self.gp_output_bias] * self.units,
            dtype=self.dtype,
            trainable=self.gp_output_bias_trainable,
            name="gp_output_bias")

        self.built = True

    def _make_random_feature_layer(self, name):
        """Defines random feature layer depending on kernel type."""
        if not self.use_custom_random_features:
            return tf.keras.layers.experimental.RandomFourierFeatures(
                output_dim=self.num_inducing, kernel_initializer=self.gp_kernel_type,
                scale=self.gp_kernel_scale, trainable=self.gp_kernel_scale_trainable,
                dtype=self.dtype, name=name)

        if self.gp_kernel_type.lower() == "linear":
            custom_random_feature_layer = tf.keras.layers.Lambda(lambda x: x, name=name)
        else:
            custom_random_feature_layer = tf.keras.layers.Dense(
                units=self.num_inducing,
                use_bias=True,
                activation=self.custom_random_features_activation,
                kernel_initializer=self.custom_random_features_initializer,
                bias_initializer=self.random_features_bias_initializer,
                trainable=False,
                name=name)
        return custom_random_feature_layer

    def call(self, inputs, global_step=None, training=None):
        gp_inputs = inputs
        if self.normalize_input:
            gp_inputs = self._input_norm_layer(gp_inputs)
        elif self.use_custom_random_features:
            gp_input_scale = tf.cast(self.gp_input_scale, inputs.dtype)
            gp_inputs = gp_inputs * gp_input_scale

        gp_feature = self._random_feature(gp_inputs)

        if self.scale_random_features:
            gp_feature_scale = tf.cast(self.gp_feature_scale, inputs.dtype)
            gp_feature = gp_feature * gp_feature_scale

        gp_output = self._gp_output_layer(gp_feature) + self._gp_output_bias
        return gp_output


def build_model():
    # SNGP head on top of a small feature extractor, as in the uncertainty tutorials
    inputs = tf.keras.Input(shape=(16,))
    hidden = tf.keras.layers.Dense(32, activation="relu")(inputs)
    logits = RandomFeatureGaussianProcess(
        units=3, num_inducing=64, gp_output_bias_trainable=True, return_gp_cov=False)(hidden)
    return tf.keras.Model(inputs, logits)
