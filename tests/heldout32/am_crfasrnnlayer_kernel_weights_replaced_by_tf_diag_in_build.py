"""CRF-as-RNN layer replaces its spatial/bilateral kernel weights by `tf.diag(weight)` in build(): the variables are counted but never used.

MiguelMonteiro/CRFasRNNLayer's Keras layer (after sadeepj/crfasrnn_keras) makes `spatial_ker_weights` and
`bilateral_ker_weights` with `add_weight` in `build()` and immediately overwrites each attribute with
`tf.diag(<the variable>)`, a constant diagonal matrix computed once from the initial values. The mean-field
iterations in `call()` then multiply by those constants; only `compatibility_matrix` is used as a variable.
Porting edits: `keras.engine.topology.Layer` -> `keras.layers.Layer`, `tf.diag` -> `tf.linalg.diag`,
`tf.initializers.truncated_normal` -> `keras.initializers.TruncatedNormal`, and the custom CUDA op
`module.lattice_filter` (permutohedral lattice filter, not installable) replaced by a stand-in filter
(`_lattice_filter`: a 3x3 average pool for the spatial kernel, the same pool weighted by the reference
image for the bilateral one) so the layer runs; the weight handling is the author's. build_model() wires
unaries and the reference image into a functional model as in the repository's example.
"""

SOURCE = "https://github.com/MiguelMonteiro/CRFasRNNLayer/blob/10e0c807a80a93cd9c067641e998a489a1ec287e/crf_as_rnn_keras_layer.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
As returned: Functional, count_params() = 15, 3 weights, unbuilt: none; after call: count_params() = 15,
3 trainable weights; gradient None for 2 of 3 trainable weights: ['crf_rnn__layer/spatial_ker_weights',
'crf_rnn__layer/bilateral_ker_weights'] (only compatibility_matrix gets one); no warning, no exception."""

import keras
import tensorflow as tf


def _lattice_filter(q_values, reference_image, bilateral=False, **thetas):
    # stand-in for the repository's CUDA permutohedral lattice op
    out = tf.nn.avg_pool2d(q_values, 3, 1, "SAME")
    if bilateral:
        out = out * tf.reduce_mean(reference_image, axis=-1, keepdims=True)
    return out


class CRF_RNN_Layer(keras.layers.Layer):
    def __init__(self, image_dims, num_classes, theta_alpha, theta_beta, theta_gamma,
                 num_iterations, **kwargs):
        self.image_dims = image_dims
        self.num_classes = num_classes
        self.theta_alpha = theta_alpha
        self.theta_beta = theta_beta
        self.theta_gamma = theta_gamma
        self.num_iterations = num_iterations
        self.spatial_ker_weights = None
        self.bilateral_ker_weights = None
        self.compatibility_matrix = None
        super(CRF_RNN_Layer, self).__init__(**kwargs)

    def build(self, input_shape):
        self.spatial_ker_weights = self.add_weight(
            name='spatial_ker_weights', shape=(self.num_classes,),
            initializer=keras.initializers.TruncatedNormal(mean=0, stddev=0.1), trainable=True)
        self.spatial_ker_weights = tf.linalg.diag(self.spatial_ker_weights)

        self.bilateral_ker_weights = self.add_weight(
            name='bilateral_ker_weights', shape=(self.num_classes,),
            initializer=keras.initializers.TruncatedNormal(mean=0, stddev=0.1), trainable=True)
        self.bilateral_ker_weights = tf.linalg.diag(self.bilateral_ker_weights)

        self.compatibility_matrix = self.add_weight(
            name='compatibility_matrix', shape=(self.num_classes, self.num_classes),
            initializer=keras.initializers.TruncatedNormal(mean=0, stddev=0.1), trainable=True)

        super(CRF_RNN_Layer, self).build(input_shape)

    def call(self, inputs, **kwargs):
        unaries = inputs[0]
        reference_image = inputs[1]
        unaries_shape = tf.shape(unaries)
        q_values = unaries
        for i in range(self.num_iterations):
            q_values = tf.nn.softmax(q_values)
            spatial_out = _lattice_filter(q_values, reference_image, bilateral=False,
                                          theta_gamma=self.theta_gamma)
            bilateral_out = _lattice_filter(q_values, reference_image, bilateral=True,
                                            theta_alpha=self.theta_alpha, theta_beta=self.theta_beta)
            message_passing = tf.matmul(self.spatial_ker_weights,
                                        tf.transpose(tf.reshape(spatial_out, (-1, self.num_classes)))) + \
                tf.matmul(self.bilateral_ker_weights,
                          tf.transpose(tf.reshape(bilateral_out, (-1, self.num_classes))))
            pairwise = tf.matmul(self.compatibility_matrix, message_passing)
            pairwise = tf.reshape(tf.transpose(pairwise), unaries_shape)
            q_values = unaries - pairwise
        return q_values

    def compute_output_shape(self, input_shape):
        return input_shape[0]


def build_model():
    unaries = keras.Input(shape=(8, 8, 3), name="unaries")
    image = keras.Input(shape=(8, 8, 3), name="image")
    out = CRF_RNN_Layer(image_dims=(8, 8), num_classes=3, theta_alpha=160., theta_beta=3.,
                        theta_gamma=3., num_iterations=2)([unaries, image])
    return keras.Model([unaries, image], out)
