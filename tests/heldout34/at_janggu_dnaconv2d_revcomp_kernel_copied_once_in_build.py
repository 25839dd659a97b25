"""janggu's DnaConv2D scans both DNA strands with "the same weights": in `build()` it computes the reverse-
complement kernel once from the forward Conv2D's kernel and assigns that tensor to the second Conv2D's `kernel`.

From BIMSBbioinfo/janggu (`src/janggu/layers.py`, a genomics deep-learning library; DnaConv2D is its
"scan both strands" wrapper, used as `DnaConv2D(Conv2D(nfilters, filter_shape))(xin)` on one-hot DNA of shape
(length, 1, 4**order)). `__init__` keeps `forward_layer = copy(layer)` and a second, unbuilt
`revcomp_layer = layer.__class__.from_config(config)`. `build()` builds the forward layer and then, once,
computes `kernel = einsum('ij,sdjc->sdic', rcmatrix, forward_layer.kernel[::-1])` (reverse the positions,
complement the nucleotides) and assigns that tensor to `revcomp_layer.kernel` (and shares the bias variable).
`call()` runs `forward_layer.call(x)` and `revcomp_layer.call(x)` and merges them with max. The reverse-
complement kernel is a snapshot of the forward kernel at build time, not a function of it: in TF2 eager it is an
EagerTensor, not a weight, captured as a constant by `fit`'s graph. Training moves the forward kernel; the
reverse strand keeps scanning with the initial random motifs, so the "shared weights" silently drift apart
(measured below). Label: LD010, the catalog's frozen-copy-of-a-variable defect (like a kernel transposed once
in `build()`); the forward kernel still gets gradients through the forward strand, so LD009 is not claimed.
Doubt kept: the overwritten attribute belongs to another layer (the unbuilt `revcomp_layer`) rather than to the
variable's owner. The fix is to compute the flipped kernel inside `call()`.

Porting edits (what Keras 3 needs to reach the bug): `keras.engine.topology.Layer` to `keras.layers.Layer`; a
shim `K` maps the removed `K.constant`/`K.floatx`/`K.name_scope`/`K.concatenate`/`K.maximum` to keras equivalents;
`complement_permmatrix` is inlined from `janggu/utils.py`; the debug prints are dropped and the unused
`from_config` is left out. Two edits in `build()`: Keras 3's `Conv2D.kernel` is a read-only property
(`self.revcomp_layer.kernel = kernel` raises AttributeError: property 'kernel' of 'Conv2D' object has no setter,
measured), so the tensor is assigned to its backing `_kernel`; and `revcomp_layer.built = True` is set because
Keras 3 refuses `kernel` access on an unbuilt layer ("You must build the layer before accessing `kernel`",
measured). The wrapped original `layer` stays unbuilt (0 params, it is never called; only its copy is built).
`build_model()` is the docstring example: Input((200, 1, 4)), DnaConv2D(Conv2D(30, (21, 1))), global max pool,
Dense(1).
"""

SOURCE = "https://github.com/BIMSBbioinfo/janggu/blob/9b348bffabc0bd4a3f397bfda11af98212e174d8/src/janggu/layers.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py at_janggu_dnaconv2d_revcomp_kernel_copied_once_in_build.py:
as returned: Functional, count_params() = 2581, 4 weights, unbuilt: ['Conv2D:conv2d']
after call: count_params() = 2581, 4 trainable weights, unbuilt: ['Conv2D:conv2d']; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dna_conv2d': 2550}
second call: 0 variables watched that the first call did not use
Own probe (probe_janggu.py): forward kernel: Variable | revcomp kernel: EagerTensor (21, 1, 4, 30); revcomp kernel
among model weights: False; before update: revcomp == revcomp(forward): True; after 3 epochs of fit (SGD 0.5):
forward kernel changed: True | revcomp == revcomp(forward): False | max |revcomp - revcomp(forward)| = 0.115.
Unported, `self.revcomp_layer.kernel = kernel` raises AttributeError: property 'kernel' of 'Conv2D' object has no setter."""

import types
from copy import copy

import numpy
import numpy as np
import tensorflow as tf  # pylint: disable=import-error
import keras
from keras.layers import Layer
from keras.layers import Wrapper, Conv2D, Input, GlobalMaxPooling2D, Dense

# Keras 3 port: keras.backend lost these; same meaning as the Keras 2 backend functions.
K = types.SimpleNamespace(
    constant=lambda value, dtype=None: keras.ops.convert_to_tensor(value, dtype=dtype),
    floatx=keras.config.floatx,
    name_scope=keras.name_scope,
    concatenate=lambda tensors, axis=-1: keras.ops.concatenate(tensors, axis=axis),
    maximum=keras.ops.maximum,
)


def _complement_index(idx, order):
    rev_idx = np.arange(4)[::-1]
    irc = 0
    for iord in range(order):
        nuc = idx % 4
        idx = idx // 4
        irc += rev_idx[nuc] * pow(4, order - iord - 1)

    return irc


def complement_permmatrix(order):
    """This function returns a permutation matrix for computing
    the complementary DNA strand one-hot representation for a given order.
    """
    perm = np.zeros((pow(4, order), pow(4, order)))
    for idx in range(pow(4, order)):
        jdx = _complement_index(idx, order)
        perm[jdx, idx] = 1
    return perm


class DnaConv2D(Wrapper):
    """DnaConv2D layer.

    This layer wraps a normal Conv2D layer for scanning DNA
    sequences on both strands using the same weight matrices.
    """

    def __init__(self, layer, merge_mode='max', **kwargs):

        if merge_mode not in ['max', 'ave', 'concat', None]:
            raise ValueError('Invalid merge mode {}. '.format(merge_mode) + \
                             'Merge mode should be one of '
                             '{"max", "ave", "concat", None}')
        # instantiate the forward and reverse layer
        self.forward_layer = copy(layer)
        config = layer.get_config()
        self.revcomp_layer = layer.__class__.from_config(config)
        self.forward_layer.name = 'forward_' + self.forward_layer.name
        self.revcomp_layer.name = 'revcomp_' + self.revcomp_layer.name
        self.merge_mode = merge_mode
        self._trainable = True
        super(DnaConv2D, self).__init__(layer, **kwargs)
        self.input_spec = layer.input_spec

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = value
        self.forward_layer.trainable = value
        self.revcomp_layer.trainable = value

    def get_weights(self):
        # there is only one set of weights, because the
        # weights are shared between forward_layer
        # and revcomp_layer
        return self.forward_layer.get_weights()

    def set_weights(self, weights):
        self.forward_layer.set_weights(weights)

    def compute_output_shape(self, input_shape):
        output_shape = self.forward_layer.compute_output_shape(input_shape)
        if self.merge_mode == 'concat':
            output_shape = list(output_shape)
            output_shape[-1] *= 2
            output_shape = tuple(output_shape)
        elif self.merge_mode is None:
            output_shape = [output_shape, copy(output_shape)]
        return output_shape

    def build(self, input_shape):
        with K.name_scope(self.forward_layer.name):
            self.forward_layer.build(input_shape)

        with K.name_scope(self.revcomp_layer.name):
            rcmatrix = K.constant(
                complement_permmatrix(int(numpy.log(input_shape[-1])/numpy.log(4))),
                dtype=K.floatx())

            kernel = self.forward_layer.kernel[::-1, :, :, :]
            kernel = tf.einsum('ij,sdjc->sdic', rcmatrix, kernel)
            self.revcomp_layer._kernel = kernel  # Keras 3 port: `.kernel = kernel` raises (read-only property)
            self.revcomp_layer.bias = self.forward_layer.bias
            self.revcomp_layer.use_bias = self.forward_layer.use_bias
            self.revcomp_layer.input_spec = self.forward_layer.input_spec
            self.revcomp_layer.built = True  # Keras 3 port: Conv.kernel refuses access on an unbuilt layer
        self.built = True

    def call(self, inputs):

        # perform the convolution operation
        res1 = self.forward_layer.call(inputs)
        res2 = self.revcomp_layer.call(inputs)

        if self.merge_mode == 'concat':
            res = K.concatenate([res1, res2])
        elif self.merge_mode == 'max':
            res = K.maximum(res1, res2)
        elif self.merge_mode == 'ave':
            res = (res1 + res2) /2
        elif self.merge_mode is None:
            res = [res1, res2]

        return res


def _dna(n=4, length=200):
    rng = np.random.default_rng(0)
    return np.eye(4, dtype="float32")[rng.integers(0, 4, size=(n, length))][:, :, None, :]


def build_model():
    # the docstring's example: xin = Input((200, 1, 4)); DnaConv2D(Conv2D(nfilters, filter_shape))(xin)
    xin = Input((200, 1, 4))
    dnalayer = DnaConv2D(Conv2D(30, (21, 1), activation='relu'))(xin)
    out = GlobalMaxPooling2D()(dnalayer)
    out = Dense(1, activation='sigmoid')(out)
    return keras.Model(xin, out), _dna()
