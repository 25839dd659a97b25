# LD001 raw-tensor-state: a TF/Keras tensor made in build() by a layer that a build()-less model or layer holds
# Measured on Keras 3.15.1 + TF 2.21 (each make_* below, then a GradientTape step and fit()): the marked
# make_qnet, make_projection_block and make_gated_net raise TypeError on their first call ("The tensor
# <tf.Tensor '.../Const:0'> cannot be accessed from here, because it was defined in FuncGraph(name=
# scratch_graph) ... out of scope"): a Model or Layer without a build() of its own is built by tracing its
# call() in a scratch graph, so its sublayers' build() runs there. A grid of 11 kinds of value x 12 ways to
# use the layer gave the same for tf.constant,
# tf.ones, tf.convert_to_tensor, keras.ops.ones/convert_to_tensor and keras.random made in build() whenever the
# layer is first built by such a holder (first eager call, self(dummy) in __init__, fit, predict, a build()-less
# container layer in a functional model) or first called inside a tf.function; and no error for NumPy arrays,
# tuples or add_weight, for any tensor made in __init__, for the layer called directly, in a functional model
# or in Sequential, or held by a model with model.build(shape) called first or with its own build() building it.
# The twins (NumPy shape, tensor made in __init__, holder with a build(), a functional model) run and train.
# (Lint sees only holders in the same file; a layer used from elsewhere gets no finding.)
import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD001h", "tensors made in build() leak from the scratch graph Keras 3 builds a build()-less holder in"
FEATURES, UNITS = 6, 4


class NoisyLinear(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units))
        self.noise_shape = tf.constant((input_shape[-1], self.units))  # LD001

    def call(self, inputs):
        return ops.matmul(inputs, self.w + 0.01 * tf.random.normal(self.noise_shape))


class QNet(keras.Model):
    """Holds NoisyLinear, no build(): its first call traces call() in a scratch graph."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(8)
        self.head = NoisyLinear(UNITS)

    def call(self, inputs):
        return self.head(self.hidden(inputs))


class TemperedProjection(layers.Layer):
    def build(self, input_shape):
        self.proj = self.add_weight(shape=(input_shape[-1], UNITS))
        temperature = ops.convert_to_tensor(float(input_shape[-1]) ** 0.5)
        self.inv_temperature = 1.0 / temperature  # LD001

    def call(self, inputs):
        return ops.matmul(inputs, self.proj) * self.inv_temperature


class ProjectionBlock(layers.Layer):
    """A plain Layer (not a Model) holding its blocks in a list, no build()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [TemperedProjection() for _ in range(1)]

    def call(self, inputs):
        return self.blocks[0](inputs)


class HalfGate(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))
        self.half = tf.fill((self.units,), 0.5)  # LD001

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) * self.half


class GatedNet(keras.Model):
    """The class picked through a local (`Block = HalfGate if gated else Dense`), and the model calls
    itself on a dummy batch in __init__ (tf2rl's style)."""

    def __init__(self, gated=True, **kwargs):
        super().__init__(**kwargs)
        block = HalfGate if gated else layers.Dense
        self.out_block = block(UNITS)
        self(tf.zeros((1, FEATURES)))

    def call(self, inputs):
        return self.out_block(inputs)


# ---- correct twins


class NumpyNoisyLinear(layers.Layer):
    """Correct: the shape kept as a NumPy array (no graph), held by a build()-less model."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units))
        self.noise_shape = np.array((input_shape[-1], self.units))

    def call(self, inputs):
        return ops.matmul(inputs, self.w + 0.01 * tf.random.normal(self.noise_shape))


class NumpyQNet(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.head = NumpyNoisyLinear(UNITS)

    def call(self, inputs):
        return self.head(inputs)


class InitGate(layers.Layer):
    """Correct: the tensor made in __init__ (eagerly, before any trace), held by a build()-less model."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.half = tf.fill((units,), 0.5)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) * self.half


class InitGateNet(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gate = InitGate(UNITS)

    def call(self, inputs):
        return self.gate(inputs)


class ScaledLinear(layers.Layer):
    """Correct where it is used: a tensor made in build(), but the holder below builds it in its own
    build() (eagerly), and the functional model calls it directly."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], UNITS))
        self.factor = tf.constant(0.5)

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) * self.factor


class BuiltHolder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scaled = ScaledLinear()

    def build(self, input_shape):
        self.scaled.build(input_shape)

    def call(self, inputs):
        return self.scaled(inputs)


def _data():
    return np.ones((2, FEATURES), "float32")


def make_qnet():
    model = QNet()
    model(_data())
    return model


def make_projection_block():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, ProjectionBlock()(inputs))


def make_gated_net():
    return GatedNet()


def make_numpy_qnet():
    model = NumpyQNet()
    model(_data())
    return model


def make_init_gate_net():
    model = InitGateNet()
    model(_data())
    return model


def make_built_holder():
    model = BuiltHolder()
    model(_data())
    return model


def make_scaled_linear_functional():
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, ScaledLinear()(inputs))
