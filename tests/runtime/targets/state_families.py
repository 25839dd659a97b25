"""Targets for the runtime's gradient and untracked-state checks (issue 10's families): frozen
copies of weights, wiring-time state in functional code, constant buffers, weights trained
only in training mode or through a loss, integer outputs. Each `bug_*` has correct twins
(`ok_*`) that must stay free of error findings. Written as generalisations of the real-world
cases, not copies: other layers, other transforms, other containers."""

import numpy as np
import tensorflow as tf

import keras
from keras import layers, ops

# -- LD010: a tensor computed once from the layer's own weight, used in call() instead of it --


class UnitNormDense(layers.Layer):
    """Weight normalisation done once in build(): call() uses the frozen normalised copy."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.v = self.add_weight(shape=(input_shape[-1], self.units), name="v")
        self.unit_v = self.v / ops.sqrt(ops.sum(ops.square(self.v), axis=0, keepdims=True))

    def call(self, x):
        return ops.matmul(x, self.unit_v)


class UnitNormDenseOk(UnitNormDense):
    def build(self, input_shape):
        self.v = self.add_weight(shape=(input_shape[-1], self.units), name="v")

    def call(self, x):
        return ops.matmul(x, self.v / ops.sqrt(ops.sum(ops.square(self.v), axis=0, keepdims=True)))


class FlatTable(layers.Layer):
    """A reshaped copy of a 3-D weight, made in build()."""

    def build(self, input_shape):
        self.table = self.add_weight(shape=(2, input_shape[-1], 3), name="table")
        self.flat_table = ops.reshape(ops.transpose(self.table, (1, 0, 2)), (input_shape[-1], 6))

    def call(self, x):
        return ops.matmul(x, self.flat_table)


def bug_frozen_normalised_kernel():
    inputs = keras.Input((5,))
    return keras.Model(inputs, layers.Dense(2)(UnitNormDense(4)(inputs)))


def bug_frozen_reshaped_table():
    return keras.Sequential([keras.Input((4,)), FlatTable(), layers.Dense(1)])


def ok_normalised_in_call():
    inputs = keras.Input((5,))
    return keras.Model(inputs, layers.Dense(2)(UnitNormDenseOk(4)(inputs)))


# -- LD009: weights trained only in training mode, through add_loss or the compiled loss --


class LearntNoise(layers.Layer):
    """A learnt noise scale, read only when training (inference passes x through)."""

    def build(self, input_shape):
        self.log_sigma = self.add_weight(shape=(input_shape[-1],), initializer="zeros", name="log_sigma")

    def call(self, x, training=None):
        if not training:
            return x
        return x + ops.exp(self.log_sigma) * keras.random.normal(ops.shape(x))


class CenterLoss(layers.Layer):
    """Class centres trained only by the loss this layer adds; the output does not read them."""

    def build(self, input_shape):
        self.centers = self.add_weight(shape=(3, input_shape[-1]), name="centers")

    def call(self, x):
        self.add_loss(ops.mean(ops.min(ops.sum(ops.square(x[:, None, :] - self.centers[None]), -1), -1)))
        return x


class HeadWithTemperature(layers.Layer):
    """A temperature the compiled loss reads; the forward pass does not."""

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 3), name="kernel")
        self.log_temperature = self.add_weight(shape=(), initializer="zeros", name="log_temperature")

    def call(self, x):
        return ops.matmul(x, self.kernel)


def ok_weight_read_only_when_training():
    inputs = keras.Input((6,))
    return keras.Model(inputs, layers.Dense(2)(LearntNoise()(layers.Dense(6)(inputs))))


def ok_weight_trained_by_add_loss():
    inputs = keras.Input((4,))
    return keras.Model(inputs, layers.Dense(2)(CenterLoss()(layers.Dense(4)(inputs))))


def ok_weight_read_by_compiled_loss():
    head = HeadWithTemperature()
    inputs = keras.Input((4,))
    model = keras.Model(inputs, head(layers.Dense(4)(inputs)))

    def tempered_crossentropy(y_true, y_pred):
        return keras.losses.categorical_crossentropy(y_true, y_pred / ops.exp(head.log_temperature),
                                                     from_logits=True)

    model.compile(optimizer="sgd", loss=tempered_crossentropy)
    return model


# -- LD009 on a model whose outputs are ids: decided from what the forward pass reads --


class GatedArgmax(layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 5), name="kernel")
        self.gate = self.add_weight(shape=(5,), initializer="ones", name="gate")  # never read

    def call(self, x):
        return ops.argmax(ops.matmul(x, self.kernel), axis=-1)


class ReadArgmax(GatedArgmax):
    def call(self, x):
        return ops.argmax(ops.matmul(x, self.kernel) * self.gate, axis=-1)


def bug_int_output_weight_never_read():
    inputs = keras.Input((4,))
    return keras.Model(inputs, GatedArgmax()(layers.Dense(4)(inputs)))


def ok_int_output_every_weight_read():
    inputs = keras.Input((4,))
    return keras.Model(inputs, ReadArgmax()(layers.Dense(4)(inputs)))


# -- LD001: one policy for buffers --


class Buffers(layers.Layer):
    """Constant buffers are legitimately tensors: a causal mask, an index table, noise, a
    sinusoidal position table."""

    def build(self, input_shape):
        n, d = input_shape[1], input_shape[2]
        self.causal = ops.triu(ops.ones((n, n)), k=1)
        self.offsets = np.arange(n, dtype="float32")[:, None] * np.ones((1, d), dtype="float32")
        self.dropout_noise = keras.random.uniform((n, d))
        angles = np.arange(n)[:, None] / np.power(10000.0, np.arange(d)[None] / d)
        self.pos_encoding = ops.convert_to_tensor(np.sin(angles).astype("float32"))

    def call(self, x):
        scores = ops.matmul(x, ops.transpose(x, (0, 2, 1))) - 1e9 * self.causal
        mixed = ops.matmul(ops.softmax(scores), x)
        return mixed + self.pos_encoding + 0.0 * self.offsets + 0.01 * self.dropout_noise


class RawProjection(layers.Layer):
    """A random projection meant to be learnt, kept as a tensor under a name that is not a weight's."""

    def build(self, input_shape):
        self.projection = keras.random.normal((input_shape[-1], 3))

    def call(self, x):
        return ops.matmul(x, self.projection)


class UnitKernelDense(layers.Dense):
    """A Dense subclass normalising the kernel its base built, once, through a local alias."""

    def build(self, input_shape):
        super().build(input_shape)
        w = self.kernel
        norm = ops.sqrt(ops.sum(ops.square(w), axis=0))
        self.kernel_unit = w / norm

    def call(self, x):
        return ops.matmul(x, self.kernel_unit) + self.bias


def bug_frozen_copy_of_inherited_kernel():
    return keras.Sequential([keras.Input((6,)), UnitKernelDense(3)])


class EdgeFilters(layers.Layer):
    """Fixed Sobel edge filters typed in by hand, under a weight-like name: a buffer by design."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        sobel_x = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype="float32") / 4.0
        self.edge_kernel = ops.convert_to_tensor(np.stack([sobel_x, sobel_x.T], axis=-1)[:, :, None, :])

    def call(self, x):
        return ops.conv(x, self.edge_kernel, padding="same")


class RandomKernel(layers.Layer):
    """The same place and name, holding an initialiser's random values: a weight that never trains."""

    def build(self, input_shape):
        self.edge_kernel = keras.random.normal((3, 3, input_shape[-1], 2))

    def call(self, x):
        return ops.conv(x, self.edge_kernel, padding="same")


def fixed_filters_written_by_hand():
    inputs = keras.Input((8, 8, 1))
    return keras.Model(inputs, EdgeFilters()(inputs))


def bug_random_kernel_tensor():
    inputs = keras.Input((8, 8, 1))
    return keras.Model(inputs, RandomKernel()(inputs))


def ok_constant_buffers():
    inputs = keras.Input((5, 4))
    return keras.Model(inputs, Buffers()(inputs))


def bug_random_projection_tensor():
    return keras.Sequential([keras.Input((4,)), RawProjection()])


# -- wiring-time state in functional code --


def bug_lambda_closure_weight_copy():
    inputs = keras.Input((7, 3))
    conv = layers.Conv1D(5, 2, padding="same")
    features = conv(inputs)
    taps = ops.reshape(conv.kernel, (6, 5))  # a copy of the kernel: a constant from here on
    return keras.Model(inputs, layers.Lambda(lambda f: ops.matmul(f, ops.transpose(taps)))(features))


def bug_op_on_numpy_copy_of_weight():
    inputs = keras.Input((6,))
    encode = layers.Dense(3, activation="relu")
    code = encode(inputs)
    decoder_weights = encode.get_weights()[0]  # NumPy copy, (6, 3)
    return keras.Model(inputs, ops.einsum("bk,dk->bd", code, decoder_weights))


def bug_lambda_input_list_native_variable():
    inputs = keras.Input((4,))
    scale = tf.Variable(np.ones((4,), dtype="float32") * 1.5)
    return keras.Model(inputs, layers.Lambda(lambda xs: xs[0] * xs[1])([inputs, scale]))


def bug_lambda_arguments_keras_tensor():
    left = keras.Input((4,))
    gate = layers.Dense(4, activation="sigmoid")(left)
    mixed = layers.Lambda(lambda x, g: x * g, arguments={"g": gate})(layers.Dense(4)(left))
    return keras.Model(left, mixed)


def ok_lambda_arguments_and_constants():
    inputs = keras.Input((4,))
    mask = ops.convert_to_tensor(np.tril(np.ones((4, 4), dtype="float32")))
    x = layers.Lambda(lambda t, power, eps: (t + eps) ** power, arguments={"power": 2, "eps": 1e-3})(inputs)
    x = layers.Lambda(lambda t: ops.matmul(t, mask))(x)
    return keras.Model(inputs, layers.Dense(2)(x))


def bug_layer_called_on_array_while_wiring():
    inputs = keras.Input((3, 4))
    offsets = layers.Dense(4)(np.eye(3, 4, dtype="float32"))  # computed once, eagerly
    return keras.Model(inputs, layers.Add()([inputs, offsets[None]]))


class Positions(layers.Layer):
    def __init__(self, length, dim, **kwargs):
        super().__init__(**kwargs)
        self.table = layers.Embedding(length, dim)

    def call(self, x):
        return x + self.table(ops.arange(ops.shape(x)[1]))


def ok_positions_inside_call():
    inputs = keras.Input((3, 4))
    return keras.Model(inputs, Positions(3, 4)(inputs))


# -- variables reached through an object a layer holds --


class Holder:
    def __init__(self, dim):
        self.offset = tf.Variable(tf.zeros([dim]))


class HeldOffset(layers.Layer):
    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.holder = Holder(dim)

    def call(self, x):
        return x + self.holder.offset


class ModuleParams(tf.Module):
    def __init__(self, dim):
        super().__init__()
        self.log_gain = tf.Variable(tf.zeros([dim]))


class ModuleGain(layers.Layer):
    def __init__(self, dim, **kwargs):
        super().__init__(**kwargs)
        self.params = ModuleParams(dim)

    def call(self, x):
        return x * tf.exp(self.params.log_gain)


def bug_variable_in_plain_object():
    return keras.Sequential([keras.Input((4,)), HeldOffset(4)])


def bug_variable_in_tf_module():
    return keras.Sequential([keras.Input((4,)), ModuleGain(4)])


# -- stateless layers made per call lose nothing --


class ResidualWithFreshAdd(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(4)

    def call(self, x):
        return layers.Activation("relu")(layers.add([x, self.dense(x)]))


def ok_stateless_layers_created_in_call():
    model = ResidualWithFreshAdd()
    model(np.zeros((1, 4), dtype="float32"))
    return model
