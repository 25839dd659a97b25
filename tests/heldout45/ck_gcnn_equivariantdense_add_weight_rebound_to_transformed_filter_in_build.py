"""`EquivariantDense` (a C4-equivariant fully connected layer built on GrouPy's filter transform) creates its kernel
with `self.w = self.add_weight(shape=w_shape, ...)` in `build()` and then, still in `build()`, overwrites the same
attribute with tensors derived from it: `self.w = transform_filter_2d_nhwc(w=self.w, ...)`, then a reshape and a
transpose (LD010). On Keras 3 + TF the variable stays counted in the layer's weights, but `call()` multiplies by the
constant tensor computed once in `build()`: the trainable kernel gets no gradient and never trains. The layer also
keeps four raw `tf.Variable`s `w1`..`w4` from the previous attempt (created in `build()`, no longer used by `call()`;
Keras 3 does not track them, LD003, secondary). The author's next commit (37811fc, "Hopefully fixed the trainable
variable issue") moves the transform into `call()`: that is the okck_gcnn look-alike.

From guy120494/gcnn, `models/layers/EquivariantDense.py` (`DenseMaxPooling`, `EquivariantDense`) at bfe1de1 ("Trying
to make an equivariant dense layer"); the layer is used as `dense1` of `models/cifar10/DenseInvariantModel.py`.

Porting edits: GrouPy is not installable here: `transform_filter_2d_nhwc` and `flatten_indices` are copied from the
repository's vendored `groupy/gconv` (same code), `gconv2d_util` is copied with only its 'C4'->'C4' branch, and
`make_c4_p4_indices` (built on GrouPy's garray/P4FuncArray machinery) is a small NumPy stand-in with the same output
(indices (4, 4, n, n, 3): rotate the transformation axis and the n x n grid by each of the 4 rotations).
`DenseInvariantHead` is the tail of `DenseInvariantModel` (`dense1` EquivariantDense(100), `flat`, `max_pooling`
DenseMaxPooling with `group='C4'`, `dense2` softmax Dense(10)) without its four `GroupConv` layers (another file);
its input is the (4, 4, 4, 16) map the group convolutions would give (batch 4 = map size: this work-in-progress
`call()` batch-multiplies the filter bank, whose leading axis is the map size, with the batch). build_model() returns
that model with one such batch.
"""

SOURCE = "https://github.com/guy120494/gcnn/blob/bfe1de12ce94ced252d048568113b9ace5560f17/models/layers/EquivariantDense.py"
CODES = ("LD010", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: DenseInvariantHead, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['EquivariantDense:equivariant_dense', 'DenseMaxPooling:dense_max_pooling', 'Flatten:flatten', 'Dense:dense']
after call: count_params() = 10410, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'equivariant_dense': 6400, 'dense_max_pooling': 0}
second call: 0 variables watched that the first call did not use
(the first call builds the layer inside _measure's tape, so the transform of the kernel is recorded and that one call gets a gradient; every call after build does not.)
python probes/probe_gcnn.py <this file>: after one call outside a tape, dense1.w is an EagerTensor while the layer's only weight is the (4, 4, 16, 25) add_weight variable; a new tape gives gradient None for 'dense_invariant_head/equivariant_dense/variable'; on a fresh model, compile + fit raises InaccessibleTensorError in EquivariantDense.call() (build ran inside the traced train step and left a graph tensor on self.w); the raw tf.Variables w1..w4 (4, 25, 1) are not in layer.weights."""

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
        self.p4func = None
        super(EquivariantDense, self).__init__()
        self.output_number = output_number // 4
        self.w = None
        self.w1 = None
        self.w2 = None
        self.w3 = None
        self.w4 = None

    def build(self, input_shape):
        shape = (input_shape[0], self.output_number, input_shape[1] // 4)
        self.w1 = tf.Variable(tf.initializers.GlorotUniform()(shape=shape),
                              dtype="float32", trainable=True)
        self.w2 = tf.Variable(tf.initializers.GlorotUniform()(shape=shape),
                              dtype="float32", trainable=True)
        self.w3 = tf.Variable(tf.initializers.GlorotUniform()(shape=shape),
                              dtype="float32", trainable=True)
        self.w4 = tf.Variable(tf.initializers.GlorotUniform()(shape=shape),
                              dtype="float32", trainable=True)

        gconv_indices, gconv_shape_info, w_shape = gconv2d_util(
            h_input='C4', h_output='C4', in_channels=input_shape[-1] // 4,
            out_channels=self.output_number, ksize=input_shape[1])

        self.w = self.add_weight(shape=w_shape, initializer='random_normal', trainable=True)

        self.w = transform_filter_2d_nhwc(w=self.w, flat_indices=gconv_indices, shape_info=gconv_shape_info)
        self.w = tf.reshape(self.w, [self.w.shape[0], -1, self.w.shape[-1]])
        self.w = tf.transpose(self.w, perm=[0, 2, 1])

    def call(self, inputs, **kwargs):
        inputs = tf.transpose(inputs, perm=[0, 3, 1, 2])
        inputs = tf.reshape(inputs, (inputs.shape[0], -1, inputs.shape[-1]))
        result = tf.matmul(self.w, inputs)

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
