"""The gamma-capsule-network `Capsule` routing layer (a `tf.keras.Model`) creates its transformation tensor
`W` and its `bias` as `tf.Variable`s in `__init__`, so on Keras 3 the capsule layer owns no weights.

From peerdavid/gamma-capsule-network (`capsule/capsule_layer.py`, the dynamic-routing capsule layer next to
the repository's `GammaCapsule`; the network class `GammaCapsuleNetwork` in `capsule/gamma_capsule_network.py`
stacks Reshape -> Conv2D -> `PrimaryCapsule` -> capsule layers -> `Norm`). The votes `u_hat` are computed
from `tf.tile(self.W, ...)` and the routing adds `self.bias`; under tf.keras 2 both were tracked, on Keras 3
they are plain TF variables the model does not see: not counted, not in `trainable_weights`, so an
optimizer never updates the routing weights (the only trainable weights left are the convolutions).

Porting edits: the network is `GammaCapsuleNetwork` with its two `GammaCapsule` layers replaced by one
`Capsule` (the class this case is about) and without the reconstruction network, the `y` argument and the
T/D metrics; `Norm` written inline as `tf.norm(axis=-1)` in a small layer; `input_shape=` dropped from
`Reshape`; sizes: 12x12 images, Conv2D(8, 3x3), `PrimaryCapsule(channels=4, dim=2, kernel_size=(3, 3))`
(64 primary capsules of dim 2), `Capsule(64, 2, 3, 4)`.
"""

SOURCE = "https://github.com/peerdavid/gamma-capsule-network/blob/bbf06b94cb397f36bf3e952c1cceb331a709cd84/capsule/capsule_layer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/h_gammacapsnet_capsule_routing_weights_tf_variable.py:
as returned: CapsuleNetwork, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv2D:conv2d', 'PrimaryCapsule:', 'Conv2D:conv2d_1', 'Capsule:', 'Norm:norm']
after call: count_params() = 664, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'': 0, 'norm': 0}   (both capsule models are named '' as in the repository)
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine23a/fit_caps.py, sgd/mse, one fit epoch): trainable_weights are the two Conv2D kernels and
biases only; Capsule.W is bit-identical after fit (the 3*64*4*2 + 3*4 = 1548 routing params are not counted)."""

import numpy as np
import tensorflow as tf

layers = tf.keras.layers
models = tf.keras.models


def squash(vectors, axis=-1):
    """ Numerical stable squash function of [2]
    """
    epsilon = 1e-12
    vector_squared_norm = tf.math.reduce_sum(tf.math.square(vectors), axis=axis, keepdims=True) + epsilon
    return (vector_squared_norm / (1 + vector_squared_norm)) * (vectors / tf.math.sqrt(vector_squared_norm)) + epsilon


class PrimaryCapsule(tf.keras.Model):

    def __init__(self, channels=32, dim=8, kernel_size=(9, 9), strides=2, name=''):
        super(PrimaryCapsule, self).__init__(name=name)
        assert channels % dim == 0, "Invalid size of channels and dim_capsule"

        num_filters = channels * dim
        self.conv1 = layers.Conv2D(
            filters=num_filters,
            kernel_size=kernel_size,
            strides=strides,
            activation=None,    # Squashing is used as nonlinearity
            padding='valid')

        self.reshape = layers.Reshape(target_shape = (-1, dim))

    def call(self, inputs):
        x = self.conv1(inputs)
        x = self.reshape(x)     # Shape=(batch_size, 1152, 8)
        x = squash(x)
        return x


class Capsule(tf.keras.Model):

    def __init__(self, in_capsules, in_dim, out_capsules, out_dim, routing_iterations=3, name=''):
        super(Capsule, self).__init__(name=name)
        self.in_capsules = in_capsules
        self.in_dim = in_dim
        self.out_capsules = out_capsules
        self.out_dim = out_dim
        self.routing_iterations = routing_iterations

        w_init = tf.random_normal_initializer(stddev=0.1)
        self.W = tf.Variable(initial_value=w_init(shape=(1, out_capsules, in_capsules, out_dim, in_dim),
                                                dtype='float32'),
                            trainable=True)

        bias_init = tf.constant_initializer(0.1)
        self.bias = tf.Variable(initial_value=bias_init(shape=(1, out_capsules, out_dim),
                                                dtype='float32'),
                            trainable=True)

    def call(self, u):
        batch_size = tf.shape(u)[0]

        # Reshape u into (batch_size, out_capsules, in_capsules, out_dim, in_dim)
        u = tf.expand_dims(u, 1)
        u = tf.expand_dims(u, 3)
        u = tf.tile(u, [1, self.out_capsules, 1, 1, 1])
        u = tf.tile(u, [1, 1, 1, self.out_dim, 1])

        # Duplicate transformation matrix for each batch
        w = tf.tile(self.W, [batch_size, 1, 1, 1, 1])

        # Dotwise product between u and w to get all votes
        u_hat = tf.reduce_sum(u * w, axis=-1)

        # Routing-by-agreement
        bias = tf.tile(self.bias, [batch_size, 1, 1])
        b_ij = tf.zeros(shape=[batch_size, self.out_capsules, self.in_capsules, 1])
        for r in range(self.routing_iterations):
            c_ij = tf.nn.softmax(b_ij, axis=1)
            c_ij_tiled = tf.tile(c_ij, [1, 1, 1, self.out_dim])
            s_j = tf.reduce_sum(c_ij_tiled * u_hat, axis=2) + bias
            v_j = squash(s_j)

            if(r < self.routing_iterations - 1):
                v_j = tf.expand_dims(v_j, 2)
                v_j = tf.tile(v_j, [1, 1, self.in_capsules, 1])
                u_x_v = tf.reduce_sum(v_j * u_hat, axis=-1)
                b_ij = b_ij + tf.expand_dims(u_x_v, axis=-1)

        return v_j, c_ij


class Norm(tf.keras.Model):

    def call(self, inputs):
        return tf.norm(inputs, axis=-1)


class CapsuleNetwork(tf.keras.Model):

    def __init__(self, n_classes=3):
        super(CapsuleNetwork, self).__init__()
        self.reshape = layers.Reshape(target_shape=[12, 12, 1])
        self.conv_1 = layers.Conv2D(8, (3, 3), padding='valid', activation=tf.nn.relu)
        self.primary_1 = PrimaryCapsule(channels=4, dim=2, kernel_size=(3, 3))
        self.capsule_1 = Capsule(in_capsules=64, in_dim=2, out_capsules=n_classes, out_dim=4)
        self.norm = Norm()

    def call(self, x):
        x = self.reshape(x)
        x = self.conv_1(x)
        x = self.primary_1(x)
        v_1, c_1 = self.capsule_1(x)
        out = self.norm(v_1)
        return out


def build_model():
    images = np.random.default_rng(0).random((2, 12, 12)).astype("float32")
    return CapsuleNetwork(), images
