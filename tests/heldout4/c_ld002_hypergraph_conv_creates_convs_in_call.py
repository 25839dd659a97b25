"""A hypergraph convolution layer builds its three `Conv2D`s inside `call()`, so they are never trained.

The report on an image-inpainting repository: `HypergraphConv.call()` wrote
`phi = tf.keras.layers.Conv2D(self.filters, 1)(x)` (and the same for the lambda and omega
matrices), so new convolution layers are made on every call and none of their kernels is part
of the layer; the released checkpoints had no hypergraph convolution weights at all. The
author's fix moved them to `__init__`. Rewritten (smaller) with `keras.ops`; the layer's own
`weight_2`/`bias_2` are created properly.
"""

SOURCE = "https://github.com/GouravWadhwa/Hypergraphs-Image-Inpainting/issues/3"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py c_ld002_hypergraph_conv_creates_convs_in_call.py:
as returned: Functional, count_params() = 131, 4 weights, unbuilt: none
after call: count_params() = 131, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 6 variables the model does not track: ['functional/hypergraph_conv/conv2d_4/kernel:0', 'functional/hypergraph_conv/conv2d_4/bias:0', 'functional/hypergraph_conv/conv2d_5/kernel:0', 'functional/hypergraph_conv/conv2d_5/bias:0', 'functional/hypergraph_conv/conv2d_6/kernel:0', 'functional/hypergraph_conv/conv2d_6/bias:0']
params of the case's own layers: {'hypergraph_conv': 20}
second call: 6 variables watched that the first call did not use"""

import keras
from keras import ops


class HypergraphConv(keras.layers.Layer):
    def __init__(self, out_features, edges=4, filters=8, **kwargs):
        super().__init__(**kwargs)
        self.out_features = out_features
        self.edges = edges
        self.filters = filters

    def build(self, input_shape):
        _, height, width, in_features = input_shape
        self.vertices = height * width
        self.weight_2 = self.add_weight(shape=(in_features, self.out_features), initializer="glorot_normal",
                                        name="weight_2")
        self.bias_2 = self.add_weight(shape=(self.out_features,), initializer="zeros", name="bias_2")

    def call(self, x):
        height, width, in_features = x.shape[1], x.shape[2], x.shape[3]
        phi = keras.layers.Conv2D(self.filters, kernel_size=1, padding="same")(x)
        phi = ops.reshape(phi, (-1, self.vertices, self.filters))
        pooled = ops.mean(x, axis=(1, 2), keepdims=True)
        lam = keras.layers.Conv2D(self.filters, kernel_size=1, padding="same")(pooled)
        lam = ops.reshape(lam, (-1, 1, self.filters))
        omega = keras.layers.Conv2D(self.edges, kernel_size=3, padding="same")(x)
        omega = ops.reshape(omega, (-1, self.vertices, self.edges))
        incidence = ops.abs(ops.matmul(phi * lam, ops.matmul(ops.transpose(phi, (0, 2, 1)), omega)))
        features = ops.reshape(x, (-1, self.vertices, in_features))
        out = ops.matmul(ops.matmul(incidence, ops.matmul(ops.transpose(incidence, (0, 2, 1)), features)),
                         self.weight_2) + self.bias_2
        return ops.reshape(out, (-1, height, width, self.out_features))


def build_model():
    inputs = keras.Input((6, 6, 4))
    x = HypergraphConv(4)(inputs)
    outputs = keras.layers.Conv2D(3, 3, padding="same")(x)
    return keras.Model(inputs, outputs)
