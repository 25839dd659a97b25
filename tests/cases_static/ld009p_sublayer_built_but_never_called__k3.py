# LD009 no-gradient: a sublayer built explicitly (`self.x.build(shape)`) that call() never runs and nothing else uses
# Measured on Keras 3.15.1 + TF 2.21 and on tf.keras 2.21 (each make_* below called on data, gradient of the summed
# output): the same on both, the built sublayer's weights are counted as trainable and their gradient is None.
import keras
import numpy as np
from keras import layers

CASE, TITLE = "LD009p", "a sublayer built by hand but never called: trainable weights that get no gradient"
FEATURES = 6


class Encoder(layers.Layer):
    """tfts style: build() creates and builds every sublayer, sets self.built; call() forgot the last one."""

    def build(self, input_shape):
        super().build(input_shape)
        self.dense_time1 = layers.Dense(8, activation="tanh")
        self.dense_time1.build(input_shape)
        self.dense_time4 = layers.Dense(1)  # LD009
        self.dense_time4.build((None, 8))
        self.built = True

    def call(self, inputs):
        return self.dense_time1(inputs)


class MadeInInit(layers.Layer):
    """Created in __init__, built in build(), never called."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body = layers.Dense(FEATURES)
        self.aux = layers.Dense(2)  # LD009

    def build(self, input_shape):
        self.body.build(input_shape)
        self.aux.build(input_shape)

    def call(self, inputs):
        return self.body(inputs)


class BuiltInInit(layers.Layer):
    """Created and built in __init__, never called."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body = layers.Dense(FEATURES)
        self.side = layers.Dense(3)  # LD009
        self.side.build((None, FEATURES))

    def call(self, inputs):
        return self.body(inputs)


class HelperBuilt(layers.Layer):
    """build() hands the work to a helper, which creates and builds the skip projection."""

    def build(self, input_shape):
        self.body = layers.Dense(FEATURES)
        self._make_skip(input_shape)
        super().build(input_shape)

    def _make_skip(self, input_shape):
        self.skip = layers.Dense(FEATURES, use_bias=False)  # LD009
        self.skip.build(input_shape)

    def call(self, inputs):
        return self.body(inputs)


class Forecaster(keras.Model):
    """A Model subclass whose build() builds a head call() never runs (super().build() after)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(8)
        self.out = layers.Dense(1)

    def build(self, input_shape):
        self.hidden.build(input_shape)
        self.out.build((None, 8))
        self.residual_head = layers.Dense(1)  # LD009
        self.residual_head.build(input_shape)
        super().build(input_shape)

    def call(self, inputs):
        return self.out(self.hidden(inputs))


class BuiltAndCalled(layers.Layer):
    """Correct: built in build() and called in call()."""

    def build(self, input_shape):
        self.proj = layers.Dense(FEATURES)
        self.proj.build(input_shape)

    def call(self, inputs):
        return self.proj(inputs)


class FrozenSpare(layers.Layer):
    """Correct: the spare is built frozen (no trainable weights to miss a gradient)."""

    def build(self, input_shape):
        self.body = layers.Dense(FEATURES)
        self.spare = layers.Dense(FEATURES, trainable=False)
        self.spare.build(input_shape)

    def call(self, inputs):
        return self.body(inputs)


class FrozenAfter(layers.Layer):
    """Correct: the spare is frozen after it is built."""

    def build(self, input_shape):
        self.body = layers.Dense(FEATURES)
        self.spare = layers.Dense(FEATURES)
        self.spare.build(input_shape)
        self.spare.trainable = False

    def call(self, inputs):
        return self.body(inputs)


class KernelRead(layers.Layer):
    """Correct: call() reads the built sublayer's kernel directly (tied weights)."""

    def build(self, input_shape):
        self.tied = layers.Dense(FEATURES, use_bias=False)
        self.tied.build(input_shape)

    def call(self, inputs):
        return keras.ops.matmul(inputs, self.tied.kernel)


class WeightlessBuilt(layers.Layer):
    """Correct: a weightless layer built and never called has nothing to train."""

    def build(self, input_shape):
        self.body = layers.Dense(FEATURES)
        self.flatten = layers.Flatten()
        self.flatten.build(input_shape)

    def call(self, inputs):
        return self.body(inputs)


class ForSubclass(layers.Layer):
    """Correct: a subclass calls the sublayer its base builds."""

    def build(self, input_shape):
        self.body = layers.Dense(FEATURES)
        self.extra = layers.Dense(FEATURES)
        self.extra.build(input_shape)

    def call(self, inputs):
        return self.body(inputs)


class WithExtra(ForSubclass):
    def call(self, inputs):
        return self.extra(self.body(inputs))


def _stacked(layer):
    return keras.Sequential([keras.Input((FEATURES,)), layer]), np.ones((2, FEATURES), "float32")


def make_encoder():
    # MEASURED: 4 trainable weights, params 65; gradient None for dense_time4's kernel and bias
    return _stacked(Encoder())


def make_made_in_init():
    # MEASURED: 4 trainable weights, params 56; gradient None for aux's kernel and bias
    return _stacked(MadeInInit())


def make_built_in_init():
    # MEASURED: 4 trainable weights, params 63; gradient None for side's kernel and bias
    return _stacked(BuiltInInit())


def make_helper_built():
    # MEASURED: 3 trainable weights, params 78; gradient None for skip's kernel
    return _stacked(HelperBuilt())


def make_forecaster():
    # MEASURED: 6 trainable weights, params 72; gradient None for residual_head's kernel and bias
    return Forecaster(), np.ones((2, FEATURES), "float32")


def make_built_and_called():
    """Correct. MEASURED: 2 trainable weights, every one has a gradient."""
    return _stacked(BuiltAndCalled())


def make_frozen_spare():
    """Correct. MEASURED: 2 trainable weights (the spare's 2 are non-trainable), every one has a gradient."""
    return _stacked(FrozenSpare())


def make_frozen_after():
    """Correct. MEASURED: 2 trainable weights (the spare's 2 are non-trainable), every one has a gradient."""
    return _stacked(FrozenAfter())


def make_kernel_read():
    """Correct. MEASURED: 1 trainable weight, it has a gradient."""
    return _stacked(KernelRead())


def make_weightless_built():
    """Correct. MEASURED: 2 trainable weights, every one has a gradient."""
    return _stacked(WeightlessBuilt())


def make_with_extra():
    """Correct. MEASURED: 4 trainable weights, every one has a gradient."""
    return _stacked(WithExtra())
