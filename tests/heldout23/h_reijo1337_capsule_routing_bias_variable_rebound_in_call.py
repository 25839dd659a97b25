"""A CapsNet (XifengGuo-style `CapsuleLayer`) whose routing logits are a non-trainable weight `self.bias`
made with `add_weight` in `build()`, and whose routing loop in `call()` does
`self.bias += K.sum(inputs_hat * outputs, -1, keepdims=True)`, rebinding the attribute to a tensor.

From reijo1337/diploma (`classifier/capsule_layer.py`, wired by `classifier/capsnet.py`:
Conv2D -> `PrimaryCap` (Conv2D + Reshape + `Lambda(squash)`) -> `CapsuleLayer(..., name='digitcaps')`
-> `Length`). The commented-out line above it shows the intent, `K.update_add(self.bias, ...)`: update the
routing logits in place. `+=` on the attribute instead rebinds `self.bias` to a tensor computed from
it on the first real call (the functional wiring only used `compute_output_shape`): the layer still
lists the `bias` weight (all zeros, never updated, saved as such), while every later call starts its
routing from the previous batch's logits, a batch-shaped leftover tensor, so the same input gives a
different output on the second call, and `fit` cannot trace the layer.

Porting edits: `keras` / `keras.backend` -> `tensorflow.keras` / `tensorflow.keras.backend` (legacy backend
functions); `tf.nn.softmax(self.bias, dim=2)` -> `axis=2` (`dim` was removed in TF 2); inside the `tf.scan`,
`K.batch_dot(x, self.W, [3, 2])` -> `tf.matmul(x, self.W)`, the same product on these rank-4 operands
(Keras 3's legacy `batch_dot` treats rank-4 inputs differently and the scan then fails on shapes, a
porting artifact); the commented-out
V1 routing and batch_dot variant dropped; sizes: 12x12x1 images, Conv2D(8, 3), `PrimaryCap(dim_vector=2,
n_channels=2, kernel_size=3, strides=2)` (16 primary capsules), `CapsuleLayer(3, 4, num_routing=3)`.
"""

SOURCE = "https://github.com/reijo1337/diploma/blob/25af21ca605f96b1930300c469f104329041c5fb/classifier/capsule_layer.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/h_reijo1337_capsule_routing_bias_variable_rebound_in_call.py:
as returned: Functional, count_params() = 1236, 6 weights, unbuilt: none
after call: count_params() = 1236, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 1 variables the model does not track: ['functional/digitcaps/Variable:0']
params of the case's own layers: {'digitcaps': 864, 'out': 0}
second call: 1 variables watched that the first call did not use
Own script (/tmp/mine23a/caps3.py): after one call `digitcaps.bias` is an EagerTensor of shape
(2, 32, 3, 1, 1), no longer the weight; `digitcaps.weights` still lists 'digitcaps/bias' (1, 32, 3, 1, 1),
still all zeros; a second call on the same batch gives a different output; `fit` (sgd/mse) raises
ValueError in CapsuleLayer.call(): "tf.function only supports singleton tf.Variables created on the first call"."""

import tensorflow as tf
import tensorflow.keras.backend as K
from tensorflow.keras import initializers, layers, models


def squash(vectors, axis=-1):
    s_squared_norm = K.sum(K.square(vectors), axis, keepdims=True)
    scale = s_squared_norm / (1 + s_squared_norm) / K.sqrt(s_squared_norm)
    return scale * vectors


class Length(layers.Layer):
    def call(self, inputs, **kwargs):
        return K.sqrt(K.sum(K.square(inputs), -1))

    def compute_output_shape(self, input_shape):
        return input_shape[:-1]


def PrimaryCap(inputs, dim_vector, n_channels, kernel_size, strides, padding):
    output = layers.Conv2D(filters=dim_vector*n_channels, kernel_size=kernel_size, strides=strides, padding=padding)(inputs)
    outputs = layers.Reshape(target_shape=[-1, dim_vector])(output)
    return layers.Lambda(squash)(outputs)


class CapsuleLayer(layers.Layer):
    def __init__(self, num_capsule, dim_vector, num_routing=3,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 **kwargs):
        super(CapsuleLayer, self).__init__(**kwargs)
        self.num_capsule = num_capsule
        self.dim_vector = dim_vector
        self.num_routing = num_routing
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

    def build(self, input_shape):
        assert len(input_shape) >= 3, "The input Tensor should have shape=[None, input_num_capsule, input_dim_vector]"
        self.input_num_capsule = input_shape[1]
        self.input_dim_vector = input_shape[2]

        # Transform matrix
        self.W = self.add_weight(shape=[self.input_num_capsule, self.num_capsule, self.input_dim_vector, self.dim_vector],
                                 initializer=self.kernel_initializer,
                                 name='W')
        # Coupling coefficient. The redundant dimensions are just to facilitate subsequent matrix calculation.
        self.bias = self.add_weight(shape=[1, self.input_num_capsule, self.num_capsule, 1, 1],
                                    initializer=self.bias_initializer,
                                    name='bias',
                                    trainable=False)
        self.built = True

    def call(self, inputs, training=None):
        inputs_expand = K.expand_dims(K.expand_dims(inputs, 2), 2)
        inputs_tiled = K.tile(inputs_expand, [1, 1, self.num_capsule, 1, 1])
        inputs_hat = tf.scan(lambda ac, x: tf.matmul(x, self.W),
                             elems=inputs_tiled,
                             initializer=K.zeros([self.input_num_capsule, self.num_capsule, 1, self.dim_vector]))
        # Routing algorithm V2. Use iteration. V2 and V1 both work without much difference on performance
        assert self.num_routing > 0, 'The num_routing should be > 0.'
        for i in range(self.num_routing):
            c = tf.nn.softmax(self.bias, axis=2)  # dim=2 is the num_capsule dimension
            # outputs.shape=[None, 1, num_capsule, 1, dim_vector]
            outputs = squash(K.sum(c * inputs_hat, 1, keepdims=True))
            # last iteration needs not compute bias which will not be passed to the graph any more anyway.
            if i != self.num_routing - 1:
                # self.bias = K.update_add(self.bias, K.sum(inputs_hat * outputs, [0, -1], keepdims=True))
                self.bias += K.sum(inputs_hat * outputs, -1, keepdims=True)
        return K.reshape(outputs, [-1, self.num_capsule, self.dim_vector])

    def compute_output_shape(self, input_shape):
        return tuple([None, self.num_capsule, self.dim_vector])


def CapsNet(input_shape, n_class, num_routing):
    x = layers.Input(shape=input_shape, name="image")
    conv5 = layers.Conv2D(filters=8, kernel_size=3, strides=1, padding='valid', activation='relu', name='conv')(x)
    primarycaps = PrimaryCap(conv5, dim_vector=2, n_channels=2, kernel_size=3, strides=2, padding='valid')
    digitcaps1 = CapsuleLayer(num_capsule=n_class, dim_vector=4, num_routing=num_routing, name='digitcaps')(primarycaps)
    out_caps = Length(name='out')(digitcaps1)
    return models.Model(x, out_caps)


def build_model():
    return CapsNet((12, 12, 1), 3, 3)
