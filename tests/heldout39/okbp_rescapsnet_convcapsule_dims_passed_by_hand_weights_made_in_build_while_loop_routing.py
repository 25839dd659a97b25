"""res-capsnet's `ConvCapsule` takes capsule counts and dimensions by hand in `__init__` (`in_capsules`, `in_dim`, ...)
but makes its kernel `W` and bias `b` with `add_weight` in `build(input_shape)`, and routes with a `tf.while_loop`
over a `TensorArray`: both weights are tracked and get gradients on Keras 3 (look-alike).

From JustCoolPig/res-capsnet (residual capsule networks, grown from peerdavid's capsnet-limitations; this file
is the fork's own convolutional capsule, "largely based on" deepcaps/Deep_CapsNet), `capsule/conv_capsule_layer.py`.
A naive checker sees input dimensions passed to the constructor of a weight-owning layer (LD004-looking), a
`trainable=self.trainable` argument, `self.built = True` set by hand without `super().build()`, and the weights
only reaching the output through `tf.while_loop`/`TensorArray` routing with a `tf.fill` logit tensor
(LD009-looking). The weights are created in `build()` from the real input shape (only the output capsule count
comes from `__init__`), and both reach the loss through the convolution and the routing's bias term.
Doubt kept as decided: the layer uses `in_capsules`/`in_dim` as its *output* sizes and ignores
`out_capsules`/`out_dim` and `use_bias` (a logic slip of the author, not a tracking bug); the case keeps it.

Porting edits: the unused `from tensorflow.python.keras.utils import conv_utils` import is dropped (that private
module is gone); `squash` (capsule/utils.py, not in the index) is the usual Sabour et al. squash over the last
axis. The class and `update_routing` are as written. build_model() follows `ConvCapsNet` (capsule/
conv_capsule_network.py): a subclassed `tf.keras.Model` with Conv2D -> Reshape to one input capsule -> the loop of
ConvCapsules built from `layers=[1, 2, 10]`, `dimensions=[8, 8, 16]` exactly as the author wires them -> the
`flatten` Reshape -> capsule length (the FC `Capsule` and reconstruction network are left out), shrunk to
14x14x1 inputs, and calls it once eagerly.
"""

SOURCE = "https://github.com/JustCoolPig/res-capsnet/blob/30c2f271d468827080f26c57ba4b253ac650e6b2/capsule/conv_capsule_layer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bp/okbp_rescapsnet_convcapsule_dims_passed_by_hand_weights_made_in_build_while_loop_routing.py:
as returned: ConvCapsNet, count_params() = 2744, 6 weights, unbuilt: none
after call: count_params() = 2744, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ConvCapsuleLayer0': 1160, 'ConvCapsuleLayer1': 1168}
second call: 0 variables watched that the first call did not use
(1160 = W 3*3*16*(1*8) + b 1*8, 1168 = W 3*3*8*(2*8) + b 2*8: shapes from build()'s input_shape; W and b of
both capsule layers get gradients through the while_loop routing; no warning printed)"""

import numpy as np
import tensorflow as tf

layers = tf.keras.layers
initializers = tf.keras.initializers


def squash(vectors, axis=-1):
    s_squared_norm = tf.reduce_sum(tf.square(vectors), axis, keepdims=True)
    scale = s_squared_norm / (1 + s_squared_norm) / tf.sqrt(s_squared_norm + 1e-7)
    return scale * vectors


class ConvCapsule(layers.Layer):
    '''
    This class is largely based on the implementation of convolutional capsules in:
        - https://github.com/brjathu/deepcaps, and
        - https://github.com/amobiny/Deep_CapsNet
    '''

    def __init__(self, in_capsules, in_dim, out_capsules, out_dim, stdev=0.2, routing_iterations=2, use_bias=True,
            kernel_size=3, strides=1, padding='same', name=''):
        super(ConvCapsule, self).__init__(name=name)
        self.kernel_size = kernel_size
        self.num_caps = in_capsules
        self.caps_dim = in_dim
        self.strides = strides
        self.padding = padding
        self.routings = routing_iterations
        self.kernel_initializer = initializers.get('glorot_uniform')


    def build(self, input_shape):
        assert len(input_shape) == 5, "The input Tensor should have shape=[None, input_height, input_width," \
                                      " input_num_capsule, input_num_atoms]"

        self.input_height = input_shape[1]
        self.input_width = input_shape[2]
        self.num_in_caps = input_shape[3]
        self.in_caps_dim = input_shape[4]

        # Transform matrix
        self.W = self.add_weight(shape=[self.kernel_size, self.kernel_size,
                                        self.in_caps_dim, self.num_caps * self.caps_dim],
                                 initializer=self.kernel_initializer,
                                 trainable=self.trainable,
                                 name='W')

        self.b = self.add_weight(shape=[1, 1, self.num_caps, self.caps_dim],
                                 initializer=initializers.constant(0.1),
                                 name='b')

        self.built = True


    def call(self, input_tensor, training=None):
        input_transposed = tf.transpose(input_tensor, [3, 0, 1, 2, 4])
        input_shape = tf.shape(input_transposed)
        input_tensor_reshaped = tf.reshape(input_transposed, [
            input_shape[0] * input_shape[1], self.input_height, self.input_width, self.in_caps_dim])
        input_tensor_reshaped.set_shape((None, self.input_height, self.input_width, self.in_caps_dim))

        conv = tf.nn.conv2d(input_tensor_reshaped, self.W, (self.strides, self.strides),
                        padding=self.padding.upper(), data_format='NHWC')

        votes_shape = conv.shape
        _, conv_height, conv_width, _ = conv.get_shape()

        votes = tf.reshape(conv, [input_shape[1], input_shape[0], votes_shape[1], votes_shape[2],
                                 self.num_caps, self.caps_dim])
        votes.set_shape((None, self.num_in_caps, conv_height, conv_width,
                         self.num_caps, self.caps_dim))

        logit_shape = tf.stack([input_shape[1], input_shape[0], votes_shape[1], votes_shape[2], self.num_caps])
        biases_replicated = tf.tile(self.b, [conv_height, conv_width, 1, 1])

        activations = update_routing(votes=votes,
                                     biases=biases_replicated,
                                     logit_shape=logit_shape,
                                     num_dims=6,
                                     input_dim=self.num_in_caps,
                                     output_dim=self.num_caps,
                                     num_routing=self.routings)

        return activations


    def compute_output_shape(self, input_shape):
        space = input_shape[1:-2]
        new_space = []
        for i in range(len(space)):
            new_dim = conv_output_length(
                space[i],
                self.kernel_size,
                padding=self.padding,
                stride=self.strides,
                dilation=1)
            new_space.append(new_dim)

        return (input_shape[0],) + tuple(new_space) + (self.num_caps, self.caps_dim)


# routing by agreement
def update_routing(votes, biases, logit_shape, num_dims, input_dim, output_dim, num_routing):
    if num_dims == 6:
        votes_t_shape = [5, 0, 1, 2, 3, 4]
        r_t_shape = [1, 2, 3, 4, 5, 0]
    elif num_dims == 4:
        votes_t_shape = [3, 0, 1, 2]
        r_t_shape = [1, 2, 3, 0]
    else:
        raise NotImplementedError('Not implemented')

    votes_trans = tf.transpose(votes, votes_t_shape)
    _, _, _, height, width, caps = votes_trans.get_shape()

    def _body(i, logits, activations):
        """Routing while loop."""
        # route: [batch, input_dim, output_dim, ...]

        # logits = tf.tile(tf.reduce_mean(logits, axis=1, keep_dims=True), [1, input_dim, 1, 1, 1])

        route = tf.nn.softmax(logits, axis=-1)
        preactivate_unrolled = route * votes_trans
        preact_trans = tf.transpose(preactivate_unrolled, r_t_shape)
        preactivate = tf.reduce_sum(preact_trans, axis=1) + biases
        activation = squash(preactivate)
        activations = activations.write(i, activation)
        act_3d = tf.expand_dims(activation, 1)
        tile_shape = np.ones(num_dims, dtype=np.int32).tolist()
        tile_shape[1] = input_dim
        act_replicated = tf.tile(act_3d, tile_shape)
        distances = tf.reduce_sum(votes * act_replicated, axis=-1)
        logits += distances
        return i + 1, logits, activations

    activations = tf.TensorArray(
      dtype=tf.float32, size=num_routing, clear_after_read=False)
    logits = tf.fill(logit_shape, 0.0)

    i = tf.constant(0, dtype=tf.int32)
    _, logits, activations = tf.while_loop(
      lambda i, logits, activations: i < num_routing,
      _body,
      loop_vars=[i, logits, activations],
      swap_memory=True)

    return tf.cast(activations.read(num_routing - 1), dtype='float32')


class ConvCapsNet(tf.keras.Model):
    """ConvCapsNet of capsule/conv_capsule_network.py, one conv capsule layer, no FC capsule/reconstruction."""

    def __init__(self):
        super(ConvCapsNet, self).__init__()
        img_size = 14
        conv1_filters, conv1_kernel, conv1_stride = 16, 5, 2
        out_height = out_width = img_size // conv1_stride
        self.conv_1 = tf.keras.layers.Conv2D(conv1_filters, kernel_size=conv1_kernel, strides=conv1_stride,
                                             padding='same', activation="relu", name="conv1")
        self.capsuleShape = tf.keras.layers.Reshape(target_shape=(out_height, out_width, 1, conv1_filters),
                                                    name='toCapsuleShape')
        # args.layers = "1,2,10", args.dimensions = "8,8,16" (the last entry feeds the FC capsule, left out)
        layers_, dimensions = [1, 2, 10], [8, 8, 16]
        self.capsule_layers = []
        for i in range(len(layers_) - 1):
            self.capsule_layers.append(
                ConvCapsule(
                        name="ConvCapsuleLayer" + str(i),
                        in_capsules=layers_[i],
                        in_dim=dimensions[i],
                        out_dim=dimensions[i],
                        out_capsules=layers_[i + 1],
                        kernel_size=3))
        self.flatten = tf.keras.layers.Reshape(target_shape=(out_height * out_width * layers_[-2], dimensions[0]),
                                               name='flatten')

    def call(self, x):
        x = self.conv_1(x)
        x = self.capsuleShape(x)
        for caps_layer in self.capsule_layers:
            x = caps_layer(x)
        x = self.flatten(x)
        return tf.norm(x, axis=-1)


def build_model():
    model = ConvCapsNet()
    x = np.random.default_rng(0).random((2, 14, 14, 1)).astype("float32")
    model(x)
    return model, x
