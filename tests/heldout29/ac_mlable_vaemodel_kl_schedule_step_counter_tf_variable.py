"""A VAE base Model whose KL-annealing schedule is driven by a training-step counter kept as a
`tf.Variable` (`self._step = tf.Variable(-1, trainable=False, dtype=tf.int32)`), incremented in
`call()` and fed to a linear beta schedule.

From apehex/mlable (`mlable/models.py`, `VaeModel`). The library is written against `tf.keras` on TF
2.16+, i.e. Keras 3, which does not track backend-native variables: the step counter is not in
`model.weights`/`non_trainable_weights`, is not written by `save_weights()`/`save()`, and a model
restored from a checkpoint starts the KL warm-up again from step -1 (beta back to `beta_min`). The
author saves `_config` for `get_config()` but the counter, the schedule's state, is lost.

Porting edits: `tf.keras` -> `keras` for the classes (the ops stay `tf.*`); the `ContrastModel`
class above it dropped; the missing `import functools` added; `mlable.schedules.linear_rate`
inlined as a small `linear_rate()` with the same arguments; `VaeModel` leaves `encode`/`decode` to
subclasses, so a minimal `DenseVae(VaeModel)` (one Dense encoder to mean/logvar, one Dense decoder,
widths 4/2) is added to call it; `build_model()` returns `(DenseVae(step_max=8), batch)`.
"""

SOURCE = "https://github.com/apehex/mlable/blob/f1275afd6428e40780e71c857d6d87d3271f0dce/mlable/models.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/ac_mlable_vaemodel_kl_schedule_step_counter_tf_variable.py:
as returned: DenseVae, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1']
after call: count_params() = 32, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine29/a_probe5.py): after 3 training calls _step = 2 but it is not in model.weights
(only dense_vae/dense/kernel, bias, dense_1/kernel, bias); get_weights() has 4 arrays, and a second
model given them by set_weights() still has _step = -1, i.e. the KL warm-up state is never saved or
restored. (The int32 counter is not watched by the tape, so _measure's tape line cannot show it.)"""

import functools

import numpy as np
import tensorflow as tf
import keras


def linear_rate(step, step_min=0, step_max=2 ** 12, rate_min=0.0, rate_max=1.0):
    __step = tf.cast(step, tf.float32)
    __ratio = tf.clip_by_value((__step - step_min) / max(1, step_max - step_min), 0.0, 1.0)
    return rate_min + __ratio * (rate_max - rate_min)


# VAE ##########################################################################

@keras.utils.register_keras_serializable(package='ac_mlable')
class VaeModel(keras.Model):
    def __init__(self, step_min: int=0, step_max: int=2 ** 12, beta_min: float=0.0, beta_max: float=1.0, **kwargs):
        super(VaeModel, self).__init__(**kwargs)
        # save the config
        self._config = {'step_min': step_min, 'step_max': step_max, 'beta_min': beta_min, 'beta_max': beta_max,}
        # track the training step
        self._step = tf.Variable(-1, trainable=False, dtype=tf.int32)
        # set the KL loss factor accordingly
        self._rate = functools.partial(linear_rate, step_min=step_min, step_max=step_max, rate_min=beta_min, rate_max=beta_max)

    def sample(self, mean: tf.Tensor, logvar: tf.Tensor, dtype: tf.DType=None) -> tf.Tensor:
        __dtype = self.compute_dtype if (dtype is None) else dtype
        __mean = tf.cast(mean, dtype=__dtype)
        __std = tf.cast(tf.exp(logvar * 0.5), dtype=__dtype)
        return tf.random.normal(shape=tf.shape(__mean), mean=__mean, stddev=__std, dtype=__dtype)

    def call(self, inputs: tf.Tensor, training: bool=False, **kwargs) -> tf.Tensor:
        # encode the input into the latent space
        __m, __v = self.encode(inputs, training=training, **kwargs)
        # sample from the latent space, according to the prior distribution
        __z = self.sample(__m, __v)
        # KL divergence between the current latent distribution and the normal
        if training:
            # track the training step
            self._step.assign_add(1)
            # compute the KL divergence estimate
            __kl = tf.reduce_mean(self.compute_kl(mean=__m, logvar=__v))
            # compute the matching schedule rate
            __rate = tf.cast(self._rate(self._step), dtype=__kl.dtype)
            # register the extra loss term
            self.add_loss(tf.cast(__rate * __kl, dtype=tf.float32))
        # reconstruct the input from the latent encoding
        return self.decode(__z, training=training, **kwargs)

    def compute_kl(self, mean: tf.Tensor, logvar: tf.Tensor) -> tf.Tensor:
        return -0.5 * tf.reduce_sum(1 + logvar - tf.square(mean) - tf.exp(logvar), axis=-1)

    def get_config(self) -> dict:
        __config = super(VaeModel, self).get_config()
        __config.update(self._config)
        return __config

    @classmethod
    def from_config(cls, config: dict) -> keras.layers.Layer:
        return cls(**config)


class DenseVae(VaeModel):
    def __init__(self, **kwargs):
        super(DenseVae, self).__init__(**kwargs)
        self._encoder = keras.layers.Dense(2 * 2)
        self._decoder = keras.layers.Dense(4)

    def encode(self, inputs, training=False, **kwargs):
        __m, __v = tf.split(self._encoder(inputs), 2, axis=-1)
        return __m, __v

    def decode(self, z, training=False, **kwargs):
        return self._decoder(z)


def build_model():
    model = DenseVae(step_max=8)
    batch = np.random.default_rng(0).random((2, 4)).astype("float32")
    return model, batch
