"""Tensor-Train `TT_Layer`: `build()` makes one flat `kernel` with `add_weight` and then stores its TT cores
as slices of it, `self.cores[k] = self.kernel[a:b]`, once; `call()` multiplies only by those stored
slices. On Keras 3 (eager build) each slice is a constant snapshot, so the kernel is counted but gets no
gradient and never trains.

From Tuyki/TT_RNN (`TTLayer.py`, Yinchong Yang's Keras Tensor-Train layer from "Tensor-Train Recurrent
Neural Networks for Video Classification", ICML 2017, written for Keras 1/2 on Theano). The comment says it:
"self.cores store only the pointers to the parameter vector": on the symbolic backends a slice of a
shared variable stayed a graph node of that variable, so the cores trained. On Keras 3 build runs eagerly
and `KerasVariable.__getitem__` returns a plain tensor, which `call()` then uses as a stale constant.

Porting edits (Keras 3 needs them to reach the bug): Python 2 `print 'x'` -> `print('x')` (the debug
prints kept behind `debug`, the compression-factor print kept); `keras.engine.topology.Layer` ->
`keras.layers.Layer`; `K.dot/K.reshape/K.transpose/K.bias_add/K.shape` -> the `keras.ops` equivalents
(`ops.matmul`, `ops.reshape`, `ops.transpose`, `res + self.bias`, `ops.shape`); `add_weight((n,), ...)`
kept positional (Keras 3's first parameter is `shape`); the unused `get_full_W` and
`_generate_orthogonal_tt_cores` helpers left out. `build_model()`: a Sequential of TT_Layer
(tt_input_shape [2, 4, 4] = 32 inputs, tt_output_shape [2, 2, 2] = 8 outputs, ranks [1, 2, 2, 1]) and a
Dense(2) head, built by one eager call on a (2, 32) batch (the final reshape uses the dynamic batch
size, which a symbolic Keras 3 Input cannot give), returned with that batch.

Doubt kept as decided: labelled LD009 (a counted trainable weight that never gets a gradient, reached
only through a value computed from it once). The pattern is close to LD010 (a stale constant derived
from a variable, used by call) but the variable attribute itself is not overwritten: the snapshot lives
in a second attribute, `self.cores`.
"""

SOURCE = "https://github.com/Tuyki/TT_RNN/blob/6dd76f206fe29c8bca6cb4ac94c927588194ec8c/TTLayer.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/al/al_ttrnn_ttlayer_cores_sliced_from_kernel_in_build.py:
Compression factor = 56 / 256 = 0.21875
as returned: Sequential, count_params() = 82, 4 weights, unbuilt: none
after call: count_params() = 82, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 4 trainable weights: ['sequential/tt__layer/kernel']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tt__layer': 64}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine32/al/p_tt.py:
Compression factor = 56 / 256 = 0.21875
fit: changed ['sequential/tt__layer/bias', 'sequential/dense/kernel', 'sequential/dense/bias'] unchanged ['sequential/tt__layer/kernel']
type of cores[0]: EagerTensor
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/optimizers/base_optimizer.py:862: UserWarning: Gradients do not exist for variables ['sequential/tt__layer/kernel'] when minimizing the loss. If using `model.compile()`, did you forget to provide a `loss` argument?"""

import numpy as np

import keras
import keras.activations
from keras import ops
from keras.layers import Layer

from keras import activations
from keras import initializers
from keras import regularizers
from keras import constraints


class TT_Layer(Layer):
    def __init__(self, tt_input_shape, tt_output_shape, tt_ranks,
                 use_bias=True,
                 activation='linear',
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 debug=False,
                 init_seed=11111986,
                 **kwargs):

        tt_input_shape = np.array(tt_input_shape)
        tt_output_shape = np.array(tt_output_shape)
        tt_ranks = np.array(tt_ranks)

        self.tt_input_shape = tt_input_shape
        self.tt_output_shape = tt_output_shape
        self.tt_ranks = tt_ranks
        self.num_dim = tt_input_shape.shape[0]  # length of the train
        self.use_bias = use_bias
        self.activation = keras.activations.get(activation)

        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)

        self.activity_regularizer = regularizers.get(activity_regularizer)

        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

        self.debug = debug
        self.init_seed = init_seed

        super(TT_Layer, self).__init__(**kwargs)

    def build(self, input_shape):

        num_inputs = int(np.prod(input_shape[1::]))

        # Check the dimensionality
        if np.prod(self.tt_input_shape) != num_inputs:
            raise ValueError("The size of the input tensor (i.e. product "
                             "of the elements in tt_input_shape) should "
                             "equal to the number of input neurons %d." % num_inputs)
        if self.tt_input_shape.shape[0] != self.tt_output_shape.shape[0]:
            raise ValueError("The number of input and output dimensions "
                             "should be the same.")
        if self.tt_ranks.shape[0] != self.tt_output_shape.shape[0] + 1:
            raise ValueError("The number of the TT-ranks should be "
                             "1 + the number of the dimensions.")
        if self.debug:
            print('tt_input_shape = ' + str(self.tt_input_shape))
            print('tt_output_shape = ' + str(self.tt_output_shape))
            print('tt_ranks = ' + str(self.tt_ranks))

        # Initialize the weights
        if self.init_seed is None:
            self.init_seed = 11111986
        np.random.seed(self.init_seed)

        total_length = np.sum(self.tt_input_shape * self.tt_output_shape *
                                  self.tt_ranks[1:] * self.tt_ranks[:-1])
        self.kernel = self.add_weight((total_length, ),
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)

        if self.use_bias:
            self.bias = self.add_weight((np.prod(self.tt_output_shape), ),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)

        # Pre-calculate the indices, shapes and cores
        self.inds = np.zeros(self.num_dim).astype('int32')
        self.shapes = np.zeros((self.num_dim, 2)).astype('int32')
        self.cores = [None] * self.num_dim

        for k in range(self.num_dim - 1, -1, -1):
            # This is the shape of (m_k * r_{k+1}) * (r_k * n_k)
            self.shapes[k] = (self.tt_input_shape[k] * self.tt_ranks[k + 1],
                              self.tt_ranks[k] * self.tt_output_shape[k])
            # Note that self.cores store only the pointers to the parameter vector
            self.cores[k] = self.kernel[self.inds[k]:self.inds[k] + np.prod(self.shapes[k])]
            if 0 < k:  # < self.num_dim-1:
                self.inds[k - 1] = self.inds[k] + np.prod(self.shapes[k])
        if self.debug:
            print('self.shapes = ' + str(self.shapes))

        # Calculate and print the compression factor
        self.TT_size = total_length
        self.full_size = (np.prod(self.tt_input_shape) * np.prod(self.tt_output_shape))
        self.compress_factor = 1. * self.TT_size / self.full_size
        print('Compression factor = ' + str(self.TT_size) + ' / ' \
              + str(self.full_size) + ' = ' + str(self.compress_factor))

    def call(self, x, mask=None):
        res = x
        for k in range(self.num_dim - 1, -1, -1):
            # New one, in order to avoid calculating the indices in every iteration
            res = ops.matmul(ops.reshape(res, (-1, int(self.shapes[k][0]))),  # of shape (-1, m_k*r_{k+1})
                             ops.reshape(self.cores[k], tuple(int(s) for s in self.shapes[k]))  # (m_k*r_{k+1}, r_k*n_k)
                             )
            res = ops.transpose(
                ops.reshape(res, (-1, int(self.tt_output_shape[k])))
            )

        # res is of size o_1 x ... x o_d x batch_size # by Alexander
        res = ops.transpose(ops.reshape(res, (-1, ops.shape(x)[0])))

        if self.use_bias:
            res = res + self.bias
        if self.activation is not None:
            res = self.activation(res)

        return res

    def compute_output_shape(self, input_shape):
        return (input_shape[0], int(np.prod(self.tt_output_shape)))


def build_model():
    model = keras.Sequential([
        TT_Layer(tt_input_shape=[2, 4, 4], tt_output_shape=[2, 2, 2], tt_ranks=[1, 2, 2, 1],
                 activation='relu'),
        keras.layers.Dense(2),
    ])
    x = np.random.default_rng(0).random((2, 32)).astype("float32")
    model(x)
    return model, x
