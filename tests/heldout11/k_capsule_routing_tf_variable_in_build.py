"""CapsNet digit-capsule layer creates its transformation matrices with tf.Variable in build().

A capsule-network repository (ported from Gram.AI's PyTorch CapsNet) writes `CapsuleLayer.build()`
as: sample `W_init = tf.random.normal(...)`, wrap it as `self.W = tf.Variable(W_init, name='W')`,
record the input capsule shape, and finish with `self.build = True` (meant as `self.built`, it
replaces the method with a bool). `call()` routes by agreement using the tiled `self.W`. On Keras 3
the tf.Variable is not a Keras weight: the capsule layer, which holds nearly all of a CapsNet's
parameters, reports 0 params and fit() never updates W.
"""

SOURCE = "https://github.com/binhnguyen1984/CapsuleNet/blob/master/CapsuleLayer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py k_capsule_routing_tf_variable_in_build.py:
as returned: Functional, count_params() = 5056, 4 weights, unbuilt: none
after call: count_params() = 5056, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 1 variables the model does not track: ['digitcaps/W:0']
params of the case's own layers: {'primarycaps': 4640, 'digitcaps': 0, 'capsnet': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras.layers import Layer


# --- Utils.py -----------------------------------------------------------------------------------
def squash(vectors, axis=-1):
    s_squared_norm = tf.reduce_sum(tf.square(vectors), axis, keepdims=True)
    scale = s_squared_norm / (1 + s_squared_norm) / tf.sqrt(s_squared_norm + 1e-7)
    return scale * vectors


# --- CapsuleLayer.py ----------------------------------------------------------------------------
class CapsuleLayer(Layer):
    def __init__(self, caps_num, vec_len, routing_rounds=2, **kwargs):
        super(CapsuleLayer, self).__init__(**kwargs)
        self.caps_num = caps_num
        self.vec_len = vec_len
        self.routing_rounds = routing_rounds

    def build(self, input_shape):
        init_sigma = .1
        W_init = tf.random.normal(shape=(1, input_shape[1], self.caps_num, self.vec_len, input_shape[2]),
                                  stddev=init_sigma, dtype=tf.float32)
        self.W = tf.Variable(W_init, name='W')
        self.input_caps_num = input_shape[1]
        self.input_caps_len = input_shape[2]
        self.build = True

    def call(self, input_layer, **kwargs):
        return self.routing(input_layer, self.routing_rounds)

    def get_capsule_predicted(self, input_layer):
        """input_layer: [batch_size, caps_num, caps_dim] -> predictions u_hat."""
        self.batch_size = tf.shape(input_layer)[0]
        W_tiled = tf.tile(self.W, [self.batch_size, 1, 1, 1, 1], name='W_tiled')
        caps_output_expanded = tf.expand_dims(input_layer, -1, name='caps_expanded')
        caps_output_tile = tf.expand_dims(caps_output_expanded, 2, name='caps_tile')
        caps_output_tiled = tf.tile(caps_output_tile, [1, 1, self.caps_num, 1, 1], name='caps_tiled')
        return tf.matmul(W_tiled, caps_output_tiled, name='caps_predicted')

    def routing(self, input_layer, routing_rounds=2):
        caps_predicted = self.get_capsule_predicted(input_layer)
        raw_weights = tf.zeros([self.batch_size, self.input_caps_num, self.caps_num, 1, 1],
                               dtype=tf.float32, name='raw_weights')
        caps_output = None
        for i in range(self.routing_rounds):
            routing_weights = tf.nn.softmax(raw_weights, axis=2, name='routing_weights')
            weighted_predictions = tf.multiply(routing_weights, caps_predicted, name='weighted_predictions')
            weighted_sum = tf.reduce_sum(weighted_predictions, axis=1, keepdims=True, name='weighted_sum')
            caps_output = squash(weighted_sum, axis=-2)
            caps_output_tiled = tf.tile(caps_output, [1, self.input_caps_num, 1, 1, 1])
            agreement = tf.matmul(caps_predicted, caps_output_tiled, transpose_a=True, name='agreement')
            raw_weights = tf.add(raw_weights, agreement)
        return caps_output

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 1, self.caps_num, self.vec_len, 1)


class PrimaryCaps(Layer):
    def __init__(self, caps_len=8, channels=4, **kwargs):
        super().__init__(**kwargs)
        self.caps_len = caps_len
        self.conv = tf.keras.layers.Conv2D(caps_len * channels, kernel_size=3, strides=2, padding='valid')
        self.reshape = tf.keras.layers.Reshape((-1, caps_len))

    def call(self, inputs):
        return squash(self.reshape(self.conv(inputs)))


class Length(Layer):
    def call(self, inputs):
        return tf.sqrt(tf.reduce_sum(tf.square(tf.squeeze(inputs, axis=[1, 4])), -1) + 1e-7)


def CapsNet(input_shape=(16, 16, 1), n_class=4, routings=2):
    x = tf.keras.layers.Input(shape=input_shape)
    conv1 = tf.keras.layers.Conv2D(16, kernel_size=5, strides=1, padding='valid', activation='relu',
                                   name='conv1')(x)
    primary = PrimaryCaps(caps_len=8, channels=4, name='primarycaps')(conv1)
    digitcaps = CapsuleLayer(caps_num=n_class, vec_len=8, routing_rounds=routings, name='digitcaps')(primary)
    out_caps = Length(name='capsnet')(digitcaps)
    return tf.keras.Model(x, out_caps)


def build_model():
    return CapsNet()
