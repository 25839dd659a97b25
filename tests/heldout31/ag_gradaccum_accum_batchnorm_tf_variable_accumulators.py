"""GradientAccumulator's `AccumBatchNormalization`: a hand-written batch norm that accumulates the batch
statistics over `accum_steps` steps keeps its accumulators (`accum_mean`, `accum_variance`) and the step
counter as raw `tf.Variable`s, made in `build()` and (the counter) in `__init__` before `super().__init__`.

From andreped/GradientAccumulator (`gradient_accumulator/layers.py`), the layer the library offers to
replace `BatchNormalization` under gradient accumulation. `gamma`/`beta`/`moving_mean`/`moving_variance`
use `add_weight` and are fine; the three `tf.Variable`s are state of the layer that Keras 3 does not
track: they are not in `layer.weights`/`non_trainable_weights`, not counted and not saved, so a
checkpoint taken in the middle of an accumulation cycle loses the partial sums and the counter.

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); `@tf.keras.utils.register_keras_serializable()`
-> `@keras.saving.register_keras_serializable(package="ag_gradaccum")`; a three-layer functional model
(Dense 8 -> AccumBatchNormalization(accum_steps=2) -> Dense 1) on 4 features stands in for the library's
benchmark network; `shape=(input_shape[-1])` (an int, which Keras 3 `add_weight` refuses with
"Cannot convert '8' to a shape") -> `(input_shape[-1],)`; `statistic.dtype.base_dtype` -> `statistic.dtype` (a Keras 3 variable's dtype is a
string: the author's line raises AttributeError at the first moving-average update); docstrings shortened.
"""

SOURCE = "https://github.com/andreped/GradientAccumulator/blob/05c08a9337f2a98e06c4e1c1572feb14c07fbc48/gradient_accumulator/layers.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/ag_gradaccum_accum_batchnorm_tf_variable_accumulators.py:
as returned: Functional, count_params() = 81, 8 weights, unbuilt: none
after call: count_params() = 81, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'accum_batch_normalization': 32}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine31a/probe_a.py): the layer's weights are only beta, gamma, moving_mean,
moving_variance (32 = 4 x 8); accum_step_counter, accum_mean and accum_variance are ResourceVariables
on the layer that appear in none of weights / non_trainable_weights; one fit step runs (counter 1,
accum_mean updated); save_weights() writes only vars/0..3 for the layer, and after setting the counter
and accum_mean by hand, load_weights() leaves them as set (counter 1, accum_mean[0] 1.0): the
accumulation state is neither saved nor restored."""

import keras
import tensorflow as tf
from keras.layers import Layer


@keras.saving.register_keras_serializable(package="ag_gradaccum")
class AccumBatchNormalization(Layer):
    """Custom Batch Normaliztion layer with gradient accumulation support."""
    def __init__(self, accum_steps: int = 1, momentum: float = 0.9, epsilon: float = 1e-3, **kwargs):
        self.accum_steps = accum_steps
        self.accum_steps_tf = tf.constant(accum_steps, dtype=tf.int32, name="accum_steps")
        self.momentum = momentum
        self.epsilon = epsilon
        self.accum_step_counter = tf.Variable(
            0, dtype=tf.int32, trainable=False, name="accum_counter",
            synchronization=tf.VariableSynchronization.ON_READ,
            aggregation=tf.VariableAggregation.ONLY_FIRST_REPLICA,
        )
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.num_features = input_shape[-1]

        self.beta = self.add_weight(
            shape=(input_shape[-1],),
            initializer="zeros",
            trainable=True,
            name="beta",
        )

        self.gamma = self.add_weight(
            shape=(input_shape[-1],),
            initializer="ones",
            trainable=True,
            name="gamma",
        )

        self.moving_mean = self.add_weight(
            shape=(input_shape[-1],),
            initializer="zeros",
            trainable=False,
            name="moving_mean",
        )

        self.moving_variance = self.add_weight(
            shape=(input_shape[-1],),
            initializer="ones",
            trainable=False,
            name="moving_variance",
        )

        self.accum_mean = tf.Variable(
            tf.zeros(input_shape[-1], dtype=tf.float32),
            trainable=False,
            name="accum_mean",
        )

        self.accum_variance = tf.Variable(
            tf.zeros(input_shape[-1], dtype=tf.float32),
            trainable=False,
            name="accum_variance",
        )

    def get_moving_average(self, statistic, new_value):
        decay = tf.convert_to_tensor(1.0 - self.momentum, name="decay")
        decay = tf.cast(decay, statistic.dtype)
        new_value = statistic - (statistic - tf.cast(new_value, statistic.dtype)) * decay
        return statistic.assign(new_value)

    def update_variables(self, mean, var):
        self.moving_mean.assign(self.get_moving_average(self.moving_mean, mean))
        self.moving_variance.assign(self.get_moving_average(self.moving_variance, var))

        self.reset_accum()

    def reset_accum(self):
        self.accum_mean.assign(tf.zeros(self.num_features))
        self.accum_variance.assign(tf.zeros(self.num_features))

        self.accum_step_counter.assign(0)

    def call(self, inputs, training=None, mask=None):
        if training:
            assert len(inputs.shape) in (2, 4)
            axes = [0]

            # step accum count
            self.accum_step_counter.assign_add(1)

            # get batch norm statistics
            mean, var = tf.nn.moments(inputs, axes=axes, keepdims=False)

            # scale mean and variance to produce mean later
            mean /= tf.cast(self.accum_steps_tf, tf.float32)
            var /= tf.cast(self.accum_steps_tf, tf.float32)

            # accumulate statistics
            self.accum_mean.assign_add(mean)
            self.accum_variance.assign_add(var)

            # only update variables after n accumulation steps
            tf.cond(tf.equal(self.accum_step_counter, self.accum_steps_tf), true_fn=lambda: self.update_variables(mean, var), false_fn=lambda: None)
        else:
            mean, var = self.moving_mean, self.moving_variance

        scale = self.gamma
        offset = self.beta

        inv = tf.math.rsqrt(var + self.epsilon)
        if scale is not None:
            inv *= scale

        outputs = inputs * tf.cast(inv, inputs.dtype) + \
            tf.cast(offset - mean * inv if offset is not None else -mean * inv, inputs.dtype)

        return outputs

    def get_config(self):
        config = {
            'accum_steps': self.accum_steps,
            'momentum': self.momentum,
            'epsilon': self.epsilon,
        }
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    inputs = keras.Input((4,))
    x = keras.layers.Dense(8, activation="relu")(inputs)
    x = AccumBatchNormalization(accum_steps=2)(x)
    outputs = keras.layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
