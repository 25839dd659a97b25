"""The author's fix of `EquivariantDense` (commit 37811fc, "Hopefully fixed the trainable variable issue", the day
after the buggy bfe1de1 of the ck_gcnn case): `build()` keeps only `self.w = self.add_weight(...)` (and stores the
GrouPy indices/shape info on the layer), and `call()` transforms the variable into the filter bank every time into a
LOCAL `w` (`w = transform_filter_2d_nhwc(w=self.w, ...)`, reshape, transpose). It looks like the bug (the same
transform/reshape/transpose chain on `self.w`, names `w`/`self.w` side by side) but the attribute is never rebound,
so the kernel is read inside each call and gets a gradient; the four raw `tf.Variable`s of the previous attempt are
commented out. A correct look-alike of LD010 (and no LD003 left).

From guy120494/gcnn, `models/layers/EquivariantDense.py` (`DenseMaxPooling`, `EquivariantDense`) at 37811fc; the
layer is used as `dense1` of `models/cifar10/DenseInvariantModel.py`.

Porting edits: as in the buggy case: `transform_filter_2d_nhwc` and `flatten_indices` copied from the repository's
vendored GrouPy, `gconv2d_util` with only its 'C4'->'C4' branch, `make_c4_p4_indices` a NumPy stand-in with the same
output; the commented-out `w2`..`w4` lines are shortened to one comment. `DenseInvariantHead` is the tail of
`DenseInvariantModel` (EquivariantDense(100), Flatten, DenseMaxPooling with `group='C4'`, softmax Dense(10)) without
its `GroupConv` layers; its input is a (4, 4, 4, 16) map (batch 4 = map size, as this `call()` batch-multiplies the
filter bank with the batch). build_model() returns that model with one such batch.
"""

SOURCE = "https://github.com/guy120494/gcnn/blob/37811fceaaf3b199521dbc7be5f267d1be3c4116/models/layers/EquivariantDense.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: DenseInvariantHead, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['EquivariantDense:equivariant_dense', 'DenseMaxPooling:dense_max_pooling', 'Flatten:flatten', 'Dense:dense']
after call: count_params() = 10410, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'equivariant_dense': 6400, 'dense_max_pooling': 0}
second call: 0 variables watched that the first call did not use
python probes/probe_gcnn_ok.py <this file>: after one call outside a tape, dense1.w is still the Variable and a new tape gives no None gradient; compile(sgd) + fit 2 steps changes the EquivariantDense kernel. (Outside the catalog: compile(adam) + fit raises ValueError 'dense_invariant_head_..._Equivariant Dense_momentum' is not a valid scope name: the weight name 'Equivariant Dense' has a space, which Keras 3 + TF optimizer slot scopes refuse; not a tracking or gradient defect.)"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


def make_c4_p4_indices(ksize):  # stand-in for groupy.gconv.make_gconv_indices.make_c4_p4_indices
    u, v = np.meshgrid(np.arange(ksize), np.arange(ksize), indexing='ij')
    inds = np.zeros((4, 4, ksize, ksize, 3), dtype='int32')
    for r in range(4):
        for t in range(4):
            inds[r, t, ..., 0] = (t - r) % 4
            inds[r, t, ..., 1] = np.rot90(u, r)
            inds[r, t, ..., 2] = np.rot90(v, r)
    return inds


def flatten_indices(inds):
    n = inds.shape[-2]
    nti = inds.shape[1]
    T = inds[..., 0]  # shape (nto, nti, n, n)
    U = inds[..., 1]  # shape (nto, nti, n, n)
    V = inds[..., 2]  # shape (nto, nti, n, n)
    # inds_flat = T * n * n + U * n + V
    inds_flat = U * n * nti + V * nti + T
    return inds_flat


def gconv2d_util(h_input, h_output, in_channels, out_channels, ksize):
    if h_input == 'C4' and h_output == 'C4':
        gconv_indices = flatten_indices(make_c4_p4_indices(ksize=ksize))
        nti = 4
        nto = 4
    else:
        raise ValueError('Unknown (h_input, h_output) pair:' + str((h_input, h_output)))

    w_shape = (ksize, ksize, in_channels * nti, out_channels)
    gconv_shape_info = (out_channels, nto, in_channels, nti, ksize)
    return gconv_indices, gconv_shape_info, w_shape


def transform_filter_2d_nhwc(w, flat_indices, shape_info, validate_indices=True):
    no, nto, ni, nti, n = shape_info
    w_flat = tf.reshape(w, [n * n * nti, ni, no])  # shape (n * n * nti, ni, no)

    # Do the transformation / indexing operation.
    transformed_w = tf.gather(w_flat, flat_indices)  # shape (nto, nti, n, n, ni, no)

    # Put the axes in the right order, and collapse them to get a standard shape filter bank
    transformed_w = tf.transpose(transformed_w, [2, 3, 4, 1, 5, 0])  # shape (n, n, ni, nti, no, nto)
    transformed_w = tf.reshape(transformed_w, [n, n, ni * nti, no * nto])  # shape (n, n, ni * nti, no * nto)

    return transformed_w


class DenseMaxPooling(layers.Layer):

    def call(self, inputs, **kwargs):
        length_of_input = inputs.shape[1]
        shifts = [i for i in range(0, length_of_input, length_of_input // 4)]
        result = [tf.roll(inputs, shift, axis=-1) for shift in shifts]
        result = tf.stack(result, axis=-1)

        return tf.reduce_max(result, axis=-1)


class EquivariantDense(layers.Layer):

    def __init__(self, output_number):
        super(EquivariantDense, self).__init__()
        self.output_number = output_number // 4
        self.gconv_indices = None
        self.gconv_shape_info = None
        self.w_shape = None
        self.w = None

    def build(self, input_shape):
        # shape = (input_shape[0], self.output_number, input_shape[1] // 4)
        # self.w1 = tf.Variable(tf.initializers.GlorotUniform()(shape=shape),
        #                       dtype="float32", trainable=True)
        # (w2, w3, w4 likewise, commented out in the original)

        self.gconv_indices, self.gconv_shape_info, self.w_shape = gconv2d_util(
            h_input='C4', h_output='C4', in_channels=input_shape[-1] // 4,
            out_channels=self.output_number, ksize=input_shape[1])

        self.w = self.add_weight(shape=self.w_shape, initializer='random_normal', trainable=True,
                                 name='Equivariant Dense')

    def call(self, inputs, **kwargs):
        w = transform_filter_2d_nhwc(w=self.w, flat_indices=self.gconv_indices, shape_info=self.gconv_shape_info)
        w = tf.reshape(w, [w.shape[0], -1, w.shape[-1]])
        w = tf.transpose(w, perm=[0, 2, 1])

        inputs = tf.transpose(inputs, perm=[0, 3, 1, 2])
        inputs = tf.reshape(inputs, (inputs.shape[0], -1, inputs.shape[-1]))
        result = tf.matmul(w, inputs)

        return tf.transpose(result)


class DenseInvariantHead(tf.keras.Model):  # the tail of models/cifar10/DenseInvariantModel.py
    def __init__(self, number_of_labels=10):
        super(DenseInvariantHead, self).__init__()
        self.dense1 = EquivariantDense(100)
        self.max_pooling = DenseMaxPooling()
        self.flat = tf.keras.layers.Flatten()
        self.dense2 = tf.keras.layers.Dense(units=number_of_labels, activation='softmax')

    def call(self, inputs, training=None, mask=None):
        x = self.dense1(inputs)
        x = self.flat(x)
        x = self.max_pooling(x, group='C4')
        return self.dense2(x)


def build_model():
    model = DenseInvariantHead()
    inputs = tf.random.stateless_uniform((4, 4, 4, 16), seed=(0, 0))
    return model, inputs
