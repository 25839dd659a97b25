"""An EdgeConv layer wraps its h-function in a Functional model in `build()` and creates two nested
`TimeDistributed` wrappers inside `call()` on every call: looks like a sublayer made in `call` (LD002)
and like a plain function swapped for a model after `super().__init__()`, but the wrappers hold no
state, the wrapped model is tracked from `build()`, and every Dense weight is counted and trained.

From JonasDHomburg/TF_EdgeConv_Adapted (`edgeconv.py`), an adaptation of Niklas Langner's Keras
EdgeConv block (DGCNN, "Dynamic Graph CNN for Learning on Point Clouds") for particle-physics point
clouds. `EdgeConv(h_func, next_neighbors, agg_func=tf.reduce_mean)` stores the user's function before
calling `super().__init__`, and in `build()` turns it into `keras.models.Model(x, self.h_func(x))` over
`Input((C*2,))`. `call` finds the k nearest neighbours with `tf.nn.top_k` on a pairwise distance matrix,
gathers `[x_i, x_j - x_i]` edge features of shape (N, P, K, 2C), applies
`lay.TimeDistributed(lay.TimeDistributed(self.h_func))` - two Keras layers constructed right there -
and averages over the neighbours. test.py passes `f(x)` = Dense(30) then Dense(20).

Porting edits: Keras 3 shapes are tuples, so `f_shape.as_list()[-1]` is written `list(f_shape)[-1]`;
`compute_output_shape` (it reads `self.h_func.get_output_shape_at(-1)` and assigns `self.output_shape`,
both gone in Keras 3) is dropped, Keras 3 infers the shape by tracing `call`; the debugging `print(k)` in
`knn` is dropped. `build_model()` wires one EdgeConv on [points, features] of 10 points x 5 dims with
3 neighbours, as the repo's test.py does for its first layer.
"""

SOURCE = "https://github.com/JonasDHomburg/TF_EdgeConv_Adapted/blob/00648d072c1196c8a9b4c7681c8f4ebb3496e136/edgeconv.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ao/okao_tfedgeconvadapted_edgeconv_timedistributed_made_in_call.py:
as returned: Functional, count_params() = 950, 4 weights, unbuilt: none
after call: count_params() = 950, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'edge_conv': 950}
second call: 0 variables watched that the first call did not use
950 = Dense(30) on 10 inputs (330) + Dense(20) (620), both inside the h_func Model built in build(); the TimeDistributed wrappers made on each call own no variables, so the second call adds none."""

import tensorflow as tf
import tensorflow.keras.layers as lay
from tensorflow import keras


class EdgeConv(lay.Layer):
    '''
    Keras layer implementation of EdgeConv.
    # Arguments
        h_func: h-function applied on the points and it's k nearest neighbors.
        next_neighbors: number k of nearest neighbors to consider
        agg_func: Aggregation function applied after h. Must take argument "axis=2" to
            aggregate over all neighbors.
    '''

    def __init__(self, h_func, next_neighbors, agg_func=tf.reduce_mean, **kwargs):
        self.h_func = h_func
        self.K = next_neighbors
        self.agg_func = agg_func
        super(EdgeConv, self).__init__(**kwargs)

    def build(self, input_shape):
        # Create a trainable weight variable for this layer.
        try:
            p_shape, f_shape = input_shape
        except ValueError:
            f_shape = input_shape
        x = lay.Input((list(f_shape)[-1] * 2,))
        self.h_func = keras.models.Model(x, self.h_func(x))
        super(EdgeConv, self).build(input_shape)  # Be sure to call this at the end

    def call(self, x):
        try:
            points, features = x
        except TypeError:
            points = features = x
        # distance
        D = batch_distance_matrix_general(points, points)  # (N, P, P)
        _, indices = tf.nn.top_k(-D, k=self.K + 1)  # (N, P, K+1)
        indices = indices[:, :, 1:]  # (N, P, K)

        fts = features
        knn_fts = knn(indices, fts)  # (N, P, K, C)
        knn_fts_center = tf.tile(tf.expand_dims(fts, axis=2), (1, 1, self.K, 1))  # (N, P, K, C)
        knn_fts = tf.concat([knn_fts_center, tf.subtract(knn_fts, knn_fts_center)], axis=-1)  # (N, P, K, 2*C)
        res = lay.TimeDistributed(lay.TimeDistributed(self.h_func))(knn_fts)  # (N,P,K,C')
        # aggregation
        agg = self.agg_func(res, axis=2)  # (N, P, C')
        return agg


def batch_distance_matrix_general(A, B):
    with tf.name_scope('dmat'):
        r_A = tf.reduce_sum(A * A, axis=2, keepdims=True)
        r_B = tf.reduce_sum(B * B, axis=2, keepdims=True)
        m = tf.matmul(A, tf.transpose(B, perm=(0, 2, 1)))
        D = r_A - 2 * m + tf.transpose(r_B, perm=(0, 2, 1))
        return D


def knn(topk_indices, features):
    # topk_indices: (N, P, K)
    # features: (N, P, C)
    with tf.name_scope('knn'):
        k = tf.shape(topk_indices)[-1]
        num_points = tf.shape(features)[-2]
        queries_shape = tf.shape(features)
        batch_size = queries_shape[0]
        batch_indices = tf.tile(tf.reshape(tf.range(batch_size), (-1, 1, 1, 1)), (1, num_points, k, 1))
        indices = tf.concat([batch_indices, tf.expand_dims(topk_indices, axis=3)], axis=3)  # (N, P, K, 2)
        return tf.gather_nd(features, indices)


def f(x):
    x = lay.Dense(30)(x)
    x = lay.Dense(20)(x)
    return x


def build_model():
    points = lay.Input((10, 5))
    feats = lay.Input((10, 5))
    out = EdgeConv(f, next_neighbors=3)([points, feats])
    return keras.models.Model([points, feats], out)
