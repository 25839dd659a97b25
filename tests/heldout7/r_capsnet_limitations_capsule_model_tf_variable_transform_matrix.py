"""capsnet-limitations' routing-by-agreement `Capsule` (a `tf.keras.Model`) keeps its transform matrix `W` and `bias` as `tf.Variable`s made in `__init__`: Keras 3 does not track them.

peerdavid/capsnet-limitations (research code for "Limitations of routing-by-agreement based
capsule networks", tf.keras 2) builds `CapsNet(tf.keras.Model)` from a `PrimaryCapsule` model, a
list of capsule layers picked from a `{"rba": Capsule, "em": EMCapsule}` dict, and a parameter-free
`Norm` model. `Capsule.__init__` creates `self.W = tf.Variable(w_init(shape=(1, out, in, out_dim,
in_dim)))` and `self.bias = tf.Variable(...)` inside `tf.name_scope`. On tf.keras 2 these were
tracked; on Keras 3 the capsule layers report 0 parameters, the optimizer never sees W or bias,
and saving drops them, although every forward pass reads them.
"""

SOURCE = "https://github.com/peerdavid/capsnet-limitations/blob/9b6ee64d382712f0e5491f9426af9303c00b9716/capsule/capsule_layer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/r_capsnet_limitations_capsule_model_tf_variable_transform_matrix.py:
as returned: CapsNet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv2D:conv2d', 'PrimaryCapsule:PrimaryCapsuleLayer', 'Conv2D:conv2d', 'Capsule:CapsuleLayer1', 'Capsule:CapsuleLayer2', 'Norm:norm']
after call: count_params() = 2480, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 4 variables the model does not track: ['CapsuleLayer1/W:0', 'CapsuleLayer1/bias:0', 'CapsuleLayer2/W:0', 'CapsuleLayer2/bias:0']
params of the case's own layers: {'PrimaryCapsuleLayer': 2320, 'CapsuleLayer1': 0, 'CapsuleLayer2': 0, 'norm': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf

layers = tf.keras.layers


def squash(vectors, axis=-1):
    epsilon = 1e-7
    vectors_squared_norm = tf.reduce_sum(tf.square(vectors), axis, keepdims=True)
    scale = vectors_squared_norm / (1 + vectors_squared_norm) / tf.sqrt(vectors_squared_norm + epsilon)
    return scale * vectors


class PrimaryCapsule(tf.keras.Model):
    def __init__(self, channels=32, dim=8, kernel_size=(9, 9), strides=2, name=""):
        super(PrimaryCapsule, self).__init__(name=name)
        num_filters = channels * dim
        self.conv1 = layers.Conv2D(name="conv2d", filters=num_filters, kernel_size=kernel_size,
                                   strides=strides, kernel_initializer="he_normal", padding="valid")
        self.reshape = layers.Reshape(target_shape=(-1, dim))

    def call(self, inputs):
        x = self.conv1(inputs)
        x = self.reshape(x)
        return squash(x)


class Capsule(tf.keras.Model):
    def __init__(self, in_capsules, in_dim, out_capsules, out_dim, stdev=0.2, routing_iterations=2,
                 use_bias=True, name=""):
        super(Capsule, self).__init__(name=name)
        self.in_capsules = in_capsules
        self.in_dim = in_dim
        self.out_capsules = out_capsules
        self.out_dim = out_dim
        self.routing_iterations = routing_iterations
        self.use_bias = use_bias

        with tf.name_scope(self.name):
            w_init = tf.random_normal_initializer(stddev=stdev)
            self.W = tf.Variable(name="W", initial_value=w_init(
                shape=(1, out_capsules, in_capsules, out_dim, in_dim), dtype="float32"), trainable=True)
            if self.use_bias:
                bias_init = tf.constant_initializer(0.1)
                self.bias = tf.Variable(name="bias", initial_value=bias_init(
                    shape=(1, out_capsules, out_dim), dtype="float32"), trainable=True)

    def call(self, u):
        batch_size = tf.shape(u)[0]
        u = tf.expand_dims(u, 1)
        u = tf.expand_dims(u, 3)
        u = tf.tile(u, [1, self.out_capsules, 1, 1, 1])
        u = tf.tile(u, [1, 1, 1, self.out_dim, 1])
        w = tf.tile(self.W, [batch_size, 1, 1, 1, 1])
        u_hat = tf.reduce_sum(u * w, axis=-1)

        bias = tf.tile(self.bias, [batch_size, 1, 1]) if self.use_bias else 0.0
        b_ij = tf.zeros(shape=[batch_size, self.out_capsules, self.in_capsules, 1])
        for r in range(self.routing_iterations):
            c_ij = tf.nn.softmax(b_ij, axis=1)
            c_ij_tiled = tf.tile(c_ij, [1, 1, 1, self.out_dim])
            s_j = tf.reduce_sum(c_ij_tiled * u_hat, axis=2) + bias
            v_j = squash(s_j)
            if r < self.routing_iterations - 1:
                v_j = tf.expand_dims(v_j, 2)
                v_j = tf.tile(v_j, [1, 1, self.in_capsules, 1])
                u_x_v = tf.reduce_sum(v_j * u_hat, axis=-1)
                b_ij = b_ij + tf.expand_dims(u_x_v, axis=-1)
        return v_j


class Norm(tf.keras.Model):
    def call(self, inputs):
        return tf.norm(inputs, name="norm", axis=-1)


class CapsNet(tf.keras.Model):
    def __init__(self, img_size=12, channels=4, dims=(4, 8), capsule_layers=(4, 3), routing="rba", use_bias=True):
        super(CapsNet, self).__init__()
        CapsuleType = {"rba": Capsule}
        self.reshape = layers.Reshape(target_shape=[img_size, img_size, 1])
        self.conv_1 = layers.Conv2D(channels * dims[0], (3, 3), kernel_initializer="he_normal",
                                    padding="valid", activation="relu")
        self.primary = PrimaryCapsule(name="PrimaryCapsuleLayer", channels=channels, dim=dims[0], kernel_size=(3, 3))
        self.capsule_layers = []
        size = 4 * 4
        for i in range(1, len(capsule_layers) + 1):
            self.capsule_layers.append(CapsuleType[routing](
                name="CapsuleLayer%d" % i,
                in_capsules=(size * channels) if i == 1 else capsule_layers[i - 2],
                in_dim=dims[0] if i == 1 else dims[1],
                out_capsules=capsule_layers[i - 1],
                out_dim=dims[1],
                use_bias=use_bias))
        self.norm = Norm()

    def call(self, x, y=None):
        x = self.reshape(x)
        x = self.conv_1(x)
        x = self.primary(x)
        for capsule in self.capsule_layers:
            x = capsule(x)
        return self.norm(x)


def build_model():
    model = CapsNet()
    x = np.random.default_rng(0).random((2, 12, 12)).astype("float32")
    return model, x
