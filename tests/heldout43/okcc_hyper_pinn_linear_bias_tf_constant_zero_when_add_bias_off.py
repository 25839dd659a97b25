"""HYPER's `Linear` layer (the building block of its physics-informed wind networks) stores `self.b =
tf.constant(0.0)` in `build()` when `add_bias=False`, the default, instead of a weight. It looks like LD001 (a
weight-like tensor stored on `self` instead of a variable), but it is correct: with `add_bias=False` the layer is
meant to have no bias, and the constant 0 only lets `call()` write `tf.matmul(inputs, self.w) + self.b` for both
settings; with `add_bias=True` the bias is a trainable `add_weight`. The kernel is made with `add_weight` from the
real input width.

From mcordero191/hyper (HYPER: physics-informed neural networks reconstructing 4-D atmospheric winds from
specular meteor radar measurements; PINNs, DeepONets), `src/pinn/layers.py` at 9c26dbe (2025-04-19, "New NN
architecture added"). `Linear(noutputs=1, kernel_initializer='GlorotNormal', constraint=None, add_bias=False)`;
`call(inputs, alpha=tf.constant(1.0))` returns `alpha * (inputs @ w + b)` (alpha is the locally adaptive activation
slope the networks pass in). `src/pinn/networks.py` and `src/pinn/deeponet.py` of the same commit build their
hidden and output projections from it (`Linear(n_neurons)`, `Linear(n_outs)`, `Linear(n_coeffs, ...,
name='linear_tu')`), all with the default `add_bias=False`.

Porting edits: none in `Linear` (the module's `keras.saving.get_custom_objects().clear()` at import is kept). The
model is ours, a small coordinate network in the style of the repository's FCN PINNs: (t, z, x, y) ->
`Linear(64)` -> sine -> `Linear(64)` -> sine -> `Linear(3)` (u, v, w wind components).
"""

SOURCE = "https://github.com/mcordero191/hyper/blob/9c26dbeb1717bface404449cedfd451d369f4f3a/src/pinn/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine43/cc/okcc_hyper_pinn_linear_bias_tf_constant_zero_when_add_bias_off.py:
as returned: Functional, count_params() = 4544, 3 weights, unbuilt: none
after call: count_params() = 4544, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'linear_0': 256, 'linear_1': 4096, 'linear_output': 192}
second call: 0 variables watched that the first call did not use
probe_hyper.py: Linear(3) (add_bias=False) on a (5, 4) input has one weight (its kernel) and b == 0.0, a constant; Linear(3, add_bias=True) has two weights, the kernel (4, 3) and the bias (1, 3). No warning printed."""

import tensorflow as tf
import keras

data_type     = tf.float32

keras.saving.get_custom_objects().clear()


class Linear(keras.layers.Layer):

    def __init__(self,
                 noutputs = 1,
                 kernel_initializer = 'GlorotNormal',
                 constraint = None,
                 add_bias=False,
                 **kwargs
                 ):
        
        super().__init__(**kwargs)
        
        self.kernel_initializer = kernel_initializer
        self.constraint = constraint
        self.noutputs = noutputs
        self.add_bias = add_bias
        
    def build(self, input_shape):
        
        nnodes = input_shape[1]
        
        self.w = self.add_weight(
            shape=(nnodes, self.noutputs),
            initializer = self.kernel_initializer,
            constraint = self.constraint, 
            trainable=True,
        )
        
        if self.add_bias:
            self.b = self.add_weight(
                shape=(1, self.noutputs),
                initializer='zeros',
                trainable=True
            )
        else:
            self.b = tf.constant(0.0)
        
        # self.built = True
        
    def call(self, inputs, alpha=tf.constant(1.0)):
        '''
        Inputs [npoints, nnodes]
        
        Outputs [npoints, noutputs] 
        '''
        # npoints, nnodes = inputs.shape
        
        
        u = tf.matmul(inputs, self.w) + self.b
        u = alpha*u
        
        return(u)


def build_model(n_neurons=64, n_outs=3):
    coords = keras.Input(shape=(4,), name='t_z_x_y')
    u = Linear(n_neurons, name='linear_0')(coords)
    u = keras.layers.Activation(tf.sin)(u)
    u = Linear(n_neurons, name='linear_1')(u)
    u = keras.layers.Activation(tf.sin)(u)
    uvw = Linear(n_outs, name='linear_output')(u)
    return keras.Model(coords, uvw, name='wind_pinn')
