"""Conv-Caps-HSI's `Conv_Capsule` overwrites its transform-matrix weight inside `call()`:
`self.W = K.tile(self.W, [size, 1, 1, 1, 1])` replaces the variable with a tensor derived from it (LD010).

From YushiChen/Conv-Caps-HSI-Classification (code of "Deep Convolutional Capsule Network for Hyperspectral Image
Spectral and Spectral-Spatial Classification"), `capsulelayer_keras.py`. `Conv_Capsule.build()` makes
`self.W = self.add_weight(shape=[1, caps_num_i, out_channels, in_dim, out_dim])` and a non-trainable routing
`self.bias`; `call()` -> `mat_transform()` tiles W over the batch with `self.W = K.tile(self.W, [size, ...])`, and
`capsules_dynamic_routing()` updates the routing logits with `self.bias += ...`. Both rebind a variable
attribute to a tensor computed from it. On Keras 3 the first (symbolic) call already replaces `self.W` by a
graph tensor; what the model then tracks and trains, and what the next call multiplies by, is measured below.
Doubt kept as decided: `self.bias += ...` is the same defect on a non-trainable weight; LD010 names both.

Porting edits (only what Keras 3 needs to reach the bug): Keras 3 `keras.backend` has no tensor ops, so
`K.tile/K.reshape/K.expand_dims/K.constant/K.stop_gradient` are their `tf.` namesakes; TF1 shape `.value` dropped;
`keep_dims=` -> `keepdims=`, `softmax(dim=)` -> `axis=`; `tf.truncated_normal_initializer` ->
`tf.keras.initializers.TruncatedNormal`; `self.name = name` dropped (`name` is passed to the base class as in
Keras 2). The unused `compute_output_shape`/`Mask`/`Class_Capsule` are left out. build_model() is the
repository's `CapsNet()` up to `Conv_caps1`, shrunk (13x13x8 patches instead of 27x27x108, batchsize 2), with
`Length` and a Flatten in place of the class capsules (their `tf.scan`/`batch_dot` routing needs more porting).
"""

SOURCE = "https://github.com/YushiChen/Conv-Caps-HSI-Classification/blob/89385938b082c6c2a729300f0fd2f1ec2d9d9cd1/capsulelayer_keras.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bp/bp_convcapshsi_conv_capsule_rebinds_w_to_tiled_tensor_in_call.py:
as returned: Functional, count_params() = 72864, 20 weights, unbuilt: none
call 1 raised TypeError: Exception encountered when calling Conv_Capsule.call().
probe (probe_caps.py): after the functional build, type(layer.W) = SymbolicTensor and type(layer.bias) =
SymbolicTensor; layer.weights still lists 'Conv_caps1/Conv_caps1W' (1, 36, 8, 8, 8) trainable and
'Conv_caps1/Conv_caps1bias' non-trainable, count_params: 72864, layer params: 18720 (the variables stay counted);
the first eager call model(x) with x (2, 13, 13, 8) raises TypeError: "<tf.Tensor 'Tile:0' shape=(2, 36, 8, 8, 8)
dtype=float32> is out of scope and cannot be used here": call() multiplies by the tensor left on self.W by the
symbolic trace, never by the variable, so the model cannot run (nor train W) at all."""

import numpy as np
import tensorflow as tf
from keras import backend as K
from keras import initializers, layers, regularizers, models


class Length(layers.Layer):
    def call(self, inputs, **kwargs):
        return tf.sqrt(tf.reduce_sum(tf.square(inputs), -1))


def squash(vectors, axis=-1):
    s_squared_norm = tf.reduce_sum(tf.square(vectors), axis, keepdims=True)
    scale = s_squared_norm / (1 + s_squared_norm) / tf.sqrt(s_squared_norm + K.epsilon())
    return tf.multiply(scale, vectors)


class Conv_Capsule(layers.Layer):

    def __init__(self, kernel_shape, strides, dim_vector,
                 num_routing=3, batchsize=50, name='conv_caps',
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer='l2',
                 **kwargs):
        super(Conv_Capsule, self).__init__(name=name, **kwargs)
        self.kernel_shape = kernel_shape
        self.strides = strides
        self.dim_vector = dim_vector
        self.num_routing = num_routing
        self.batchsize = batchsize
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)

    def build(self, input_shape):
        assert len(input_shape) >= 5, "The input Tensor should have shape=[None, height, width, input_num_capsule, input_dim_vector]"
        self.caps_num_i = self.kernel_shape[0] * self.kernel_shape[1] * self.kernel_shape[2]
        self.output_cap_channel = self.kernel_shape[3]
        self.input_dim_vector = input_shape[4]

        # Transform matrix
        self.W = self.add_weight(
            shape=[1, self.caps_num_i, self.output_cap_channel, self.input_dim_vector, self.dim_vector],
            initializer=tf.keras.initializers.TruncatedNormal(mean=0., stddev=1.),
            # regularizer=regularizers.l2(5e-4),
            name=self.name+'W')

        # Coupling coefficient.
        self.bias = self.add_weight(shape=[1, 1, 1, self.caps_num_i, self.output_cap_channel, 1, 1],
                                    initializer=self.bias_initializer,
                                    name=self.name+'bias',
                                    trainable=False)
        self.built = True

    def call(self, inputs, training=None):
        inputs_poses = inputs

        i_pose_dim = inputs_poses.shape[-1]

        inputs_poses = self.kernel_tile(inputs_poses)

        spatial_x = inputs_poses.shape[1]
        spatial_y = inputs_poses.shape[2]

        inputs_poses = tf.reshape(inputs_poses, shape=[-1, self.kernel_shape[0] * self.kernel_shape[1] * self.kernel_shape[2],
                                                       i_pose_dim])

        votes = self.mat_transform(inputs_poses, size=self.batchsize * spatial_x * spatial_y)

        votes_shape = votes.shape
        votes = tf.reshape(votes, shape=[-1, spatial_x, spatial_y, votes_shape[-3],
                                         votes_shape[-2], votes_shape[-1]])

        poses = self.capsules_dynamic_routing(votes)

        return poses

    def kernel_tile(self, input):

        input_shape = input.shape
        input = tf.reshape(input, shape=[-1, input_shape[1], input_shape[2],
                                         input_shape[3] * input_shape[4]])

        input_shape = input.shape
        tile_filter = np.zeros(shape=[self.kernel_shape[0], self.kernel_shape[1], input_shape[3],
                                      self.kernel_shape[0] * self.kernel_shape[1]], dtype=np.float32)
        for i in range(self.kernel_shape[0]):
            for j in range(self.kernel_shape[1]):
                tile_filter[i, j, :, i * self.kernel_shape[0] + j] = 1.0

        tile_filter_op = tf.constant(tile_filter, dtype=tf.float32)

        output = tf.nn.depthwise_conv2d(input, tile_filter_op, strides=self.strides, padding='VALID')

        output_shape = output.shape
        output = tf.reshape(output, shape=[-1, output_shape[1], output_shape[2], input_shape[3],
                                           self.kernel_shape[0] * self.kernel_shape[1]])
        output = tf.transpose(output, perm=[0, 1, 2, 4, 3])

        return output

    def mat_transform(self, input, size):

        shape = input.shape
        caps_num_i = shape[1]  # 72
        output = tf.reshape(input, shape=[-1, caps_num_i, 1, 1, shape[2]])

        self.W = tf.tile(self.W, [size, 1, 1, 1, 1])

        output = tf.tile(output, [1, 1, self.kernel_shape[-1], 1, 1])

        votes = tf.matmul(output, self.W)

        votes = tf.reshape(votes, [size, caps_num_i, self.kernel_shape[-1], self.dim_vector])

        return votes

    def capsules_dynamic_routing(self, votes):

        shape = votes.shape

        votes = tf.expand_dims(votes, axis=5)

        votes_stopped = tf.stop_gradient(votes)
        for i in range(self.num_routing):
            c = tf.nn.softmax(self.bias, axis=4)  # dim=4 is the num_capsule dimension

            if i == self.num_routing - 1:
                outputs = squash(tf.reduce_sum(c * votes, 3, keepdims=True))

            else:
                outputs = squash(tf.reduce_sum(c * votes_stopped, 3, keepdims=True))
                self.bias += tf.reduce_sum(votes * outputs, -1, keepdims=True)

        return tf.reshape(outputs, [-1, shape[1], shape[2], shape[4], shape[5]])


def PrimaryCap(inputs, dim_vector, n_channels, kernel_size, strides, padding):

    output = layers.Conv2D(filters=dim_vector * n_channels, kernel_size=kernel_size, strides=strides, padding=padding,
                           name='primarycap_conv2d')(inputs)
    output = layers.BatchNormalization(momentum=0.9, name='primarycap_bn')(output)
    output = layers.Activation('relu', name='primarycap_relu')(output)
    shape = np.shape(output)

    outputs = layers.Reshape(target_shape=[shape[1], shape[2], n_channels, dim_vector], name='primarycap_reshape')(output)
    return layers.Lambda(squash, name='primarycap_squash')(outputs)


BATCH_SIZE = 2


def build_model():
    x = layers.Input(shape=[13, 13, 8])

    conv1 = layers.Conv2D(filters=32, kernel_size=3, strides=1, padding='valid', name='conv1')(x)
    conv1 = layers.BatchNormalization(momentum=0.9, name='bn1')(conv1)
    conv1 = layers.Activation('relu', name='conv1_relu')(conv1)

    conv2 = layers.Conv2D(filters=64, kernel_size=3, strides=1, padding='valid', name='conv2')(conv1)
    conv2 = layers.BatchNormalization(momentum=0.9, name='bn2')(conv2)
    conv2 = layers.Activation('relu', name='conv2_relu')(conv2)

    primarycaps = PrimaryCap(conv2, dim_vector=8, n_channels=4, kernel_size=4, strides=2, padding='valid')

    Conv_caps1 = Conv_Capsule(kernel_shape=[3, 3, 4, 8], dim_vector=8, strides=[1, 2, 2, 1],
                              num_routing=3, batchsize=BATCH_SIZE, name='Conv_caps1')(primarycaps)

    out_caps = layers.Flatten()(Length(name='out_caps')(Conv_caps1))

    return models.Model(x, out_caps)
