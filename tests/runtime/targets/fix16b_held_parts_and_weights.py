"""Held-out 16's inspect misses, as families (each builder returns (model, inputs) or a model).

1. Containers without call() whose parts the builder runs on NumPy arrays to build them (a
   contrastive trainer, a GAN): the parts are attributes of the container, so Keras tracks them
   (measured: every part weight is in container.trainable_weights). Correct. A layer the builder
   runs on arrays that the container does not hold stays LD011 (its weights are not the model's).
2. A float tensor of ONE value kept on self in __init__ and used in call() as a matmul/dot/conv
   operand: a 1x1 weight that is not a variable (measured: 0 params, no gradient). Twins: an
   epsilon, a scale and a temperature of one value that call() only adds/multiplies/divides by.
3. A random matrix drawn anew in call(), unseeded, and used as a matmul operand: a weight made per
   call (measured: 0 params, two calls on one input differ). Twins: noise added to the input, a
   dropout mask, VAE sampling eps (random values combined elementwise, not as a matmul operand), a
   per-example colour matrix (batch-shaped), a random-filter augmentation drawn with the layer's
   own SeedGenerator (resampled on purpose: heldout2's correct random-filter convolution).
4. A built-in layer's weight attribute replaced in call() by a tensor derived from it
   (`self.kernel = f(self.kernel)` in a Dense subclass): on Keras 3 the first call raises
   (measured: "has no setter" in a traced call, or the TypeError of the tf.custom_gradient that
   receives the variable in an eager call). Twins: the derived kernel kept in a local and used
   with ops.matmul, or assigned back with .assign().
"""

import numpy as np
import tensorflow as tf
import keras
from keras import layers, ops

# -- 1. parts of a container without call() -------------------------------------------------


class PairTrainer(keras.Model):
    """No call(): train_step runs the backbone and the head."""

    def __init__(self):
        super().__init__()
        self.backbone = keras.Sequential([layers.Dense(8, activation="relu"), layers.Dense(6)], name="backbone")
        self.head = keras.Sequential([layers.Dense(3)], name="head")

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = ops.mean((self.head(self.backbone(x)) - y) ** 2)
        weights = self.backbone.trainable_weights + self.head.trainable_weights
        self.optimizer.apply_gradients(zip(tape.gradient(loss, weights), weights))
        return {"loss": loss}


def parts_built_on_arrays():
    trainer = PairTrainer()
    trainer.compile(optimizer="sgd")
    warm = np.ones((2, 5), dtype="float32")
    trainer.head(trainer.backbone(warm))
    return trainer


class GanPair(keras.Model):
    """No call(): the generator and critic are kept in a list (tracked by Keras)."""

    def __init__(self, latent=4):
        super().__init__()
        self.latent = latent
        self.nets = [layers.Dense(5, name="generator"), layers.Dense(1, name="critic")]


def parts_in_a_list_built_on_arrays():
    gan = GanPair()
    generator, critic = gan.nets
    fake = generator(tf.random.normal((3, 4)))
    critic(fake)
    return gan


def side_layer_not_held():
    """Buggy: `probe` is built on arrays in the builder but the container never holds it."""
    trainer = PairTrainer()
    warm = np.ones((2, 5), dtype="float32")
    features = trainer.backbone(warm)
    trainer.head(features)
    probe = layers.Dense(2, name="probe")
    probe(features)
    return trainer


# -- 2. a one-value tensor used as a weight ---------------------------------------------------


class OneByOneMix(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.mix = keras.random.normal((1, 1))  # a 1x1 weight, not a variable

    def call(self, inputs):
        return ops.matmul(inputs, self.mix)


class ScalarGainDot(layers.Layer):
    def __init__(self):
        super().__init__()
        self.gain = tf.ones((1, 1)) * 0.5

    def call(self, x):
        return tf.tensordot(x, tf.transpose(self.gain), axes=1)


class TinyKernelAt(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.k = tf.random.uniform([1, 1])

    def call(self, x):
        return x @ self.k


def _single_feature(layer_class):
    inputs = keras.Input((1,))
    return keras.Model(inputs, layer_class()(inputs)), np.ones((4, 1), dtype="float32")


def one_value_matmul():
    return _single_feature(OneByOneMix)


def one_value_tensordot():
    return _single_feature(ScalarGainDot)


def one_value_at_operator():
    return _single_feature(TinyKernelAt)


class ScaledShift(layers.Layer):
    """Correct: constants of one value that call() adds, multiplies or divides by."""

    def __init__(self):
        super().__init__()
        self.epsilon = tf.constant([1e-6])
        self.scale = tf.constant(2.0)
        self.temperature = ops.ones((1, 1)) * 0.7

    def call(self, x):
        centered = x - ops.mean(x, axis=-1, keepdims=True)
        return self.scale * centered / (ops.std(x, axis=-1, keepdims=True) + self.epsilon) / self.temperature


class ProjectThenScale(layers.Layer):
    """Correct: a real kernel for the matmul, a one-value factor multiplied in."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 3))
        self.factor = tf.fill((1, 1), 0.5)

    def call(self, x):
        return ops.matmul(x, self.kernel) * self.factor


def one_value_constants():
    inputs = keras.Input((4,))
    return keras.Model(inputs, ScaledShift()(inputs)), np.arange(8, dtype="float32").reshape(2, 4)


def one_value_factor_beside_kernel():
    inputs = keras.Input((4,))
    return keras.Model(inputs, ProjectThenScale()(inputs)), np.arange(8, dtype="float32").reshape(2, 4)


# -- 4. a weight attribute replaced in call() by a tensor derived from it --------------------


@tf.custom_gradient
def ste_sign(w):
    def grad(dy):
        return dy
    return tf.where(w < 0, -tf.ones_like(w), tf.ones_like(w)), grad


class SignDense(keras.layers.Dense):
    """Buggy: BinaryConnect through a helper method; the inherited kernel property is replaced."""

    def _binarize(self):
        full = self.kernel
        self.kernel = ste_sign(self.kernel)
        return full

    def call(self, inputs):
        full = self._binarize()
        out = super().call(inputs)
        self.kernel = full
        return out


class SignConv(layers.Conv2D):
    """Buggy: the same swap on a Conv2D."""

    def call(self, inputs):
        saved = self.kernel
        self.kernel = ste_sign(self.kernel)
        result = super().call(inputs)
        self.kernel = saved
        return result


class ClippedLinear(layers.Layer):
    """Buggy: its own weight (a plain attribute) rebound to a straight-through clip of itself."""

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 3), initializer="glorot_uniform")

    def call(self, x):
        self.w = ste_sign(self.w)
        return ops.matmul(x, self.w)


class SignDenseLocal(layers.Dense):
    """Correct: the binarised kernel is a local, the variable stays the attribute."""

    def call(self, inputs):
        binary = ste_sign(tf.convert_to_tensor(self.kernel))
        return ops.matmul(inputs, binary) + self.bias


class SignDenseTrick(layers.Dense):
    """Correct: the straight-through estimator written with stop_gradient, in a local."""

    def call(self, inputs):
        kernel = self.kernel + ops.stop_gradient(ops.sign(self.kernel) - self.kernel)
        return ops.matmul(inputs, kernel) + self.bias


def _dense_model(layer):
    inputs = keras.Input((6,))
    return keras.Model(inputs, layer(inputs)), np.linspace(-1, 1, 12, dtype="float32").reshape(2, 6)


def swapped_dense_kernel_in_helper():
    return _dense_model(SignDense(4))


def swapped_conv_kernel():
    inputs = keras.Input((5, 5, 2))
    model = keras.Model(inputs, SignConv(3, 3)(inputs))
    return model, np.linspace(-1, 1, 100, dtype="float32").reshape(2, 5, 5, 2)


def own_weight_rebound_to_clip():
    return _dense_model(ClippedLinear())


def binarised_kernel_in_a_local():
    return _dense_model(SignDenseLocal(4))


def straight_through_with_stop_gradient():
    return _dense_model(SignDenseTrick(4))


# -- 3. a random matrix drawn in call() as a matmul operand -----------------------------------


class RandomProjection(layers.Layer):
    """Buggy: the projection is drawn again on every call (keras.random, through a local)."""

    def __init__(self, units):
        super().__init__()
        self.units = units

    def call(self, inputs):
        proj = keras.random.normal((ops.shape(inputs)[-1], self.units))
        return ops.matmul(inputs, proj)


class NoisyKernelDot(layers.Layer):
    """Buggy: np.random matrix drawn in call, used with the @ operator."""

    def call(self, x):
        return x @ np.random.randn(x.shape[-1], 3).astype("float32")


class DrawnMixer(layers.Layer):
    """Buggy: an einsum weight drawn in call() and transposed."""

    def call(self, x):
        mixer = tf.random.uniform(shape=[3, x.shape[-1]])
        return tf.einsum("bi,ij->bj", x, tf.transpose(mixer))


class SeededRandomFilter(layers.Layer):
    """Correct: a random-filter augmentation, resampled on purpose with the layer's own seed."""

    def __init__(self):
        super().__init__()
        self.seeds = keras.random.SeedGenerator(3)

    def call(self, images):
        kernel = keras.random.normal((3, 3, images.shape[-1], 4), seed=self.seeds)
        return ops.conv(images, kernel, padding="same")


class NoisyInputs(layers.Layer):
    """Correct: noise the size of the input, added to it."""

    def call(self, x):
        return x + tf.random.normal(tf.shape(x), stddev=0.1)


class HandDropout(layers.Layer):
    """Correct: a dropout mask drawn per call, multiplied in."""

    def call(self, x):
        keep = tf.cast(tf.random.uniform(tf.shape(x)) > 0.2, x.dtype)
        return x * keep / 0.8


class Sampler(layers.Layer):
    """Correct: VAE sampling eps, drawn per batch."""

    def call(self, inputs):
        mean, log_var = inputs
        eps = keras.random.normal((ops.shape(mean)[0], ops.shape(mean)[1]))
        return mean + ops.exp(0.5 * log_var) * eps


class PerExampleMix(layers.Layer):
    """Correct: a per-example random colour matrix (an augmentation), batch-shaped."""

    def call(self, images):
        batch_size = tf.shape(images)[0]
        jitter = tf.random.uniform((batch_size, 1, 3, 3), -0.1, 0.1)
        return tf.matmul(images, jitter + tf.eye(3))


def _vector_model(layer, width=4):
    inputs = keras.Input((width,))
    return keras.Model(inputs, layer(inputs)), np.linspace(-1, 1, 2 * width, dtype="float32").reshape(2, width)


def random_projection_per_call():
    return _vector_model(RandomProjection(3))


def numpy_matrix_per_call():
    return _vector_model(NoisyKernelDot())


def random_mixer_per_call():
    return _vector_model(DrawnMixer())


def seeded_random_filter():
    inputs = keras.Input((6, 6, 2))
    return keras.Model(inputs, SeededRandomFilter()(inputs)), np.ones((2, 6, 6, 2), dtype="float32")


def noise_added_to_inputs():
    return _vector_model(NoisyInputs())


def hand_written_dropout():
    # 256 values: two calls drawing the same keep-mask by chance is 0.68**512, not 0.68**8 (5%)
    return _vector_model(HandDropout(), width=256)


def vae_sampling():
    mean, log_var = keras.Input((4,)), keras.Input((4,))
    model = keras.Model([mean, log_var], Sampler()([mean, log_var]))
    return model, [np.zeros((2, 4), dtype="float32"), np.zeros((2, 4), dtype="float32")]


def per_example_colour_matrix():
    inputs = keras.Input((5, 5, 3))
    return keras.Model(inputs, PerExampleMix()(inputs)), np.ones((2, 5, 5, 3), dtype="float32")
