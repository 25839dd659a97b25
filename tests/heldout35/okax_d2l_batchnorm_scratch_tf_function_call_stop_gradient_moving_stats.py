"""d2l.ai's TensorFlow batch normalization from scratch: a `@tf.function`-decorated `call` that puts the
batch mean behind `tf.stop_gradient` and assigns moving statistics kept as non-trainable `add_weight`s; on
Keras 3 gamma/beta train, the statistics move and the LeNet counts every weight.

From d2l-ai/d2l-en, `chapter_convolutional-modern/batch-norm.md` (TensorFlow tab): `BatchNorm(Layer)` makes
`gamma`/`beta` (trainable) and `moving_mean`/`moving_variance` (`trainable=False`) with `add_weight` in
`build()`, then calls `super().build()`. `call(self, inputs, training)` is wrapped in `@tf.function`; in
training it takes the batch mean, the variance around `tf.stop_gradient(batch_mean)`, assigns the moving
averages through `assign_moving_average` (`variable.assign(variable * 0.9 + value * 0.1)`) and normalizes with
the batch statistics through the module-level `batch_norm()` helper; in inference it uses the moving ones.
`BNLeNetScratch` puts four of them in a `tf.keras.models.Sequential` LeNet.

Why it looks buggy: `tf.stop_gradient` inside `call` (LD009's list), weights mutated with `assign` inside a
`tf.function` on `call`, non-trainable weights that a "weights with no gradient" check would see as dead.
Measured: gamma and beta get gradients (the stop_gradient cuts only the mean inside the variance, not a
weight), the moving statistics are non-trainable by design and change after a training-mode call.

Porting edits, both needed for the chapter's code to run at all on Keras 3: the two `self.add_update(...)`
lines are dropped (Keras 3 has no `Layer.add_update`; the `assign` calls have already applied the updates),
and `call(self, inputs, training)` gets `training=None` (Keras 3's Sequential refuses a layer with two
required positional arguments: measured `ValueError: Layers added to a Sequential model can only have a
single required positional argument`).
`build_model()` returns the chapter's TensorFlow `BNLeNetScratch.net` Sequential on (28, 28, 1) inputs.
"""

SOURCE = "https://github.com/d2l-ai/d2l-en/blob/0010d69695af31edb70491769e11533b229fbf44/chapter_convolutional-modern/batch-norm.md"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ax/okax_d2l_batchnorm_scratch_tf_function_call_stop_gradient_moving_stats.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Sequential, count_params() = 45330, 26 weights, unbuilt: none
after call: count_params() = 45330, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'batch_norm': 24, 'batch_norm_1': 64, 'batch_norm_2': 480, 'batch_norm_3': 336}
second call: 0 variables watched that the first call did not use
probe (probe_ax.py):
BatchNorm layers: 4 each weights: [(2, 2), (2, 2), (2, 2), (2, 2)]
None gradients: [] | gamma grads nonzero: [True, True, True, True]
moving_mean changed after training call: [True, True, True, True]
moving_mean unchanged after inference call: [True, True, True, True]
count_params: 45330 non-trainable: 452"""

import tensorflow as tf


def batch_norm(X, gamma, beta, moving_mean, moving_var, eps):
    # Compute reciprocal of square root of the moving variance elementwise
    inv = tf.cast(tf.math.rsqrt(moving_var + eps), X.dtype)
    # Scale and shift
    inv *= gamma
    Y = X * inv + (beta - moving_mean * inv)
    return Y


class BatchNorm(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super(BatchNorm, self).__init__(**kwargs)

    def build(self, input_shape):
        weight_shape = [input_shape[-1], ]
        self.gamma = self.add_weight(name='gamma', shape=weight_shape,
            initializer=tf.initializers.ones, trainable=True)
        self.beta = self.add_weight(name='beta', shape=weight_shape,
            initializer=tf.initializers.zeros, trainable=True)
        self.moving_mean = self.add_weight(name='moving_mean',
            shape=weight_shape, initializer=tf.initializers.zeros,
            trainable=False)
        self.moving_variance = self.add_weight(name='moving_variance',
            shape=weight_shape, initializer=tf.initializers.ones,
            trainable=False)
        super(BatchNorm, self).build(input_shape)

    def assign_moving_average(self, variable, value):
        momentum = 0.9
        delta = variable * momentum + value * (1 - momentum)
        return variable.assign(delta)

    @tf.function
    def call(self, inputs, training=None):  # porting edit: `training` had no default
        if training:
            axes = list(range(len(inputs.shape) - 1))
            batch_mean = tf.reduce_mean(inputs, axes, keepdims=True)
            batch_variance = tf.reduce_mean(tf.math.squared_difference(
                inputs, tf.stop_gradient(batch_mean)), axes, keepdims=True)
            batch_mean = tf.squeeze(batch_mean, axes)
            batch_variance = tf.squeeze(batch_variance, axes)
            mean_update = self.assign_moving_average(
                self.moving_mean, batch_mean)
            variance_update = self.assign_moving_average(
                self.moving_variance, batch_variance)
            # porting edit: `self.add_update(mean_update)` and
            # `self.add_update(variance_update)` dropped (no add_update in Keras 3)
            mean, variance = batch_mean, batch_variance
        else:
            mean, variance = self.moving_mean, self.moving_variance
        output = batch_norm(inputs, moving_mean=mean, moving_var=variance,
            beta=self.beta, gamma=self.gamma, eps=1e-5)
        return output


def build_model(num_classes=10):
    return tf.keras.models.Sequential([
        tf.keras.layers.Conv2D(filters=6, kernel_size=5,
                               input_shape=(28, 28, 1)),
        BatchNorm(), tf.keras.layers.Activation('sigmoid'),
        tf.keras.layers.AvgPool2D(pool_size=2, strides=2),
        tf.keras.layers.Conv2D(filters=16, kernel_size=5),
        BatchNorm(), tf.keras.layers.Activation('sigmoid'),
        tf.keras.layers.AvgPool2D(pool_size=2, strides=2),
        tf.keras.layers.Flatten(), tf.keras.layers.Dense(120),
        BatchNorm(), tf.keras.layers.Activation('sigmoid'),
        tf.keras.layers.Dense(84), BatchNorm(),
        tf.keras.layers.Activation('sigmoid'),
        tf.keras.layers.Dense(num_classes)])
