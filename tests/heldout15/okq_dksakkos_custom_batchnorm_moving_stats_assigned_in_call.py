"""A from-scratch BatchNormalization layer from a blog-style re-implementation (dksakkos/BatchNorm):
moving statistics are non-trainable `add_weight` variables that `call()` overwrites through a helper
with `.assign(...)` - correct on Keras 3 (gamma and beta train, the moving averages are tracked state).

`CustomBatchNorm.build` creates `beta`, `gamma` (trainable) and `moving_mean`, `moving_variance`
(`trainable=False`). In training mode `call()` computes batch moments with `tf.nn.moments` and
updates the moving statistics through `get_moving_average`, a helper that returns
`statistic.assign(new_value)`, which is then passed to a second `.assign`; at inference it reads the
moving variables directly. Variables written inside `call()`, weights that get no gradient, and
statistics handed through helper methods look like state mis-created or lost, but on Keras 3 all four
are tracked and saved, `gamma`/`beta` get gradients and the moving averages move in `fit`. The README
reports the layer tracking the official BatchNormalization closely.

Porting edits: `shape=(input_shape[-1])` (an int, which Keras 3's `add_weight` rejects with "Cannot
convert '4' to a shape") written as the tuple `(input_shape[-1],)`; `call(self, inputs, training)`
given `training=None` (Keras 3 does not pass `training` while wiring a functional model); placed after
a small Conv2D in a CIFAR-like model as in `models.py`.
"""

SOURCE = "https://github.com/dksakkos/BatchNorm/blob/bf3cdb0/BatchNorm.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py tests/heldout15/okq_dksakkos_custom_batchnorm_moving_stats_assigned_in_call.py:
as returned: Functional, count_params() = 138, 8 weights, unbuilt: none
after call: count_params() = 138, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_batch_norm': 16}
second call: 0 variables watched that the first call did not use
Own scripts: /tmp/mine15a/probe.py - one SGD fit step changes 6 of 6 trainable weights (compared
exactly; conv2d/bias moves only by ~1e-9 because batch normalisation subtracts the batch mean right
after it - standard BN maths). Inline check - the layer holds 2 trainable + 2 non-trainable weights
and one fit step moves moving_mean."""

import keras
from keras.layers import Layer
import tensorflow as tf


class CustomBatchNorm(Layer):
    def __init__(self):
        super(CustomBatchNorm, self).__init__()

    def build(self, input_shape):
        self.beta = self.add_weight(
            shape=(input_shape[-1],),
            initializer="zeros",
            trainable=True,
        )

        self.gamma = self.add_weight(
            shape=(input_shape[-1],),
            initializer="ones",
            trainable=True,
        )

        self.moving_mean = self.add_weight(
            shape=(input_shape[-1],),
            initializer=tf.initializers.zeros,
            trainable=False)

        self.moving_variance = self.add_weight(
            shape=(input_shape[-1],),
            initializer=tf.initializers.ones,
            trainable=False)

    def get_moving_average(self, statistic, new_value):
        momentum = 0.9
        new_value = statistic * momentum + new_value * (1 - momentum)
        return statistic.assign(new_value)

    def normalise(self, x, x_mean, x_var):
        return (x - x_mean) / tf.sqrt(x_var + 1e-6)

    def call(self, inputs, training=None):
        if training:
            assert len(inputs.shape) in (2, 4)
            if len(inputs.shape) > 2:
                axes = [0, 1, 2]
            else:
                axes = [0]
            mean, var = tf.nn.moments(inputs, axes=axes, keepdims=False)
            self.moving_mean.assign(self.get_moving_average(self.moving_mean, mean))
            self.moving_variance.assign(self.get_moving_average(self.moving_variance, var))
        else:
            mean, var = self.moving_mean, self.moving_variance
        x = self.normalise(inputs, mean, var)
        return self.gamma * x + self.beta


def build_model():
    inp = keras.Input((8, 8, 3))
    x = keras.layers.Conv2D(4, 3, padding="same")(inp)
    x = CustomBatchNorm()(x)
    x = keras.layers.Activation("relu")(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    out = keras.layers.Dense(2, activation="softmax")(x)
    return keras.Model(inp, out)
