"""schmitts' sparse Echo State Network cell makes its reservoir (`kernel`, `recurrent_kernel`) with
`add_weight(trainable=False)` in `build()` and then, with `sparse=True`, overwrites both attributes with
`tf.sparse.from_dense(self.kernel)`: the variables stay in `weights` (counted, saved, loaded) but `call()`
multiplies by frozen SparseTensor copies, so restoring weights (`set_weights`, measured; `load_weights`
writes the same variables) never reaches the reservoir the cell actually uses.

From schmitts/Echo_State_Networks_in_Tensorflow (`src/ESNCell.py`, a modified copy of TensorFlow Addons'
`ESNCell`, wrapped by `src/ESNLayer.py`'s `ESN(tf.keras.layers.RNN)`; `src/model.py` builds
`ESN(..., sparse=train_params["sparse"], trainable=False, return_sequences=True, ...)` followed by a Dense
read-out trained by ridge regression). The repo knows the copies are detached: `model.py`'s
`save_weights`/`load_weights` write the sparse kernels to separate `.npy` files and re-assign
`cell.kernel = tf.sparse.from_dense(...)` by hand after `model.load_weights`, the workaround this defect
forces. Doubt kept as decided: the reservoir is never trained, so no gradient is lost; the measurable
harm is the stale copy (LD010's "call uses a stale constant"), not a training failure.

Porting edits: Keras 3 has no `AbstractRNNCell`, so the cell subclasses `keras.layers.Layer` (it already
defines `state_size`/`output_size`, which is all Keras 3's `RNN` needs); the `ESN` wrapper (which only adds
pass-through properties, ridge-regression helpers and `constants=None`/`time_major`, both gone in
Keras 3) is replaced by a plain `keras.layers.RNN(cell, return_sequences=True)`. The cell's code is the
author's otherwise (its duplicated `_esn_recurrent_initializer` kept; the second definition wins).
`build_model()` wires Input(10 steps x 4) -> RNN(ESNCell(20, connectivity=0.3, sparse=True)) -> Dense(4,
use_bias=False) functionally, as `esn_block` does.
"""

SOURCE = "https://github.com/schmitts/Echo_State_Networks_in_Tensorflow/blob/6ddfa074aa0b13fc99f4b2d27fb4ea7f3df58834/src/ESNCell.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/av/av_schmittsesn_esncell_sparse_reservoir_kernels_shadow_their_variables.py:
as returned: Functional, count_params() = 560, 3 weights, unbuilt: none
after call: count_params() = 560, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'esn_cell': 480}
second call: 0 variables watched that the first call did not use
Own probe (probe_esn.py): with sparse=True, cell.kernel is a SparseTensor while cell.weights still lists esn/esn_cell/recurrent_kernel and esn/esn_cell/kernel; model.set_weights zeroing both reservoir variables leaves the output unchanged (max|dy| = 0.0). The same model with sparse=False (kernel stays a Variable): the output changes (max|dy| = 0.919 and 0.920 in two runs; the reservoir init is unseeded)."""

import tensorflow as tf
import tensorflow.keras as keras

import numpy as np

class ESNCell(keras.layers.Layer):  # port: was keras.layers.AbstractRNNCell
    """Echo State recurrent Network (ESN) cell (docstring shortened)."""

    #@typechecked
    def __init__(
        self,
        units: int,
        connectivity: float = 0.1,
        leaky: float = 1,
        spectral_radius: float = 0.9,
        use_norm2: bool = False,
        use_bias: bool = True,
        
        sparse: bool = False,
        sigma: float = 0.5,

        activation = tf.keras.activations.tanh,#: Activation = "tanh",
        kernel_initializer  = tf.keras.initializers.glorot_uniform(),# : Initializer = "glorot_uniform",
        recurrent_initializer  = tf.keras.initializers.glorot_uniform(), #: Initializer = "glorot_uniform",
        bias_initializer = tf.keras.initializers.zeros(),#: Initializer = "zeros",        
        **kwargs
    ):
        super().__init__(**kwargs)
        self.units = units
        self.connectivity = connectivity
        self.leaky = leaky
        self.spectral_radius = spectral_radius
        self.use_norm2 = use_norm2
        self.use_bias = use_bias
        self.activation = tf.keras.activations.get(activation)
        self.kernel_initializer = tf.keras.initializers.get(kernel_initializer)
        self.recurrent_initializer = tf.keras.initializers.get(recurrent_initializer)
        self.bias_initializer = tf.keras.initializers.get(bias_initializer)

        self._state_size = units
        self._output_size = units

        self.sparse = sparse
        self.sigma = sigma

    @property
    def state_size(self):
        return self._state_size

    @property
    def output_size(self):
        return self._output_size

    def build(self, inputs_shape):
        input_size = tf.compat.dimension_value(tf.TensorShape(inputs_shape)[-1])
        if input_size is None:
            raise ValueError(
                "Could not infer input size from inputs.get_shape()[-1]. Shape received is %s"
                % inputs_shape
            )

        def _esn_recurrent_initializer(shape, dtype, partition_info=None):
            recurrent_weights = tf.keras.initializers.get(self.recurrent_initializer)(
                shape, dtype
            )
            connectivity_mask = tf.cast(
                tf.math.less_equal(tf.random.uniform(shape), self.connectivity,), dtype
            )
            recurrent_weights = tf.math.multiply(recurrent_weights, connectivity_mask)

            # Satisfy the necessary condition for the echo state property `max(eig(W)) < 1`
            if self.use_norm2:
                # This condition is approximated scaling the norm 2 of the reservoir matrix
                # which is an upper bound of the spectral radius.
                recurrent_norm2 = tf.math.sqrt(
                    tf.math.reduce_sum(tf.math.square(recurrent_weights)) 
                )
                is_norm2_0 = tf.cast(tf.math.equal(recurrent_norm2, 0), dtype)
                scaling_factor = self.spectral_radius / (
                    recurrent_norm2 + 1 * is_norm2_0
                )
            else:
                abs_eig_values = tf.abs(tf.linalg.eig(recurrent_weights)[0])
                scaling_factor = tf.math.divide_no_nan(
                    self.spectral_radius, tf.reduce_max(abs_eig_values)
                )

            recurrent_weights = tf.multiply(recurrent_weights, scaling_factor)

            return recurrent_weights

        def _esn_kernel_initializer(shape, dtype, partition_info=None):
            
            ( num_inputs, nodes ) = shape

            q = nodes // num_inputs
            initializer = tf.keras.initializers.RandomUniform( minval = -self.sigma, maxval = self.sigma )
            w_in = tf.zeros( ( 0, nodes ), dtype )
            for i in range( num_inputs ):

                w_in_i = initializer( ( 1, q ) )
                w_in_i = tf.concat( [ tf.zeros( shape =( 1, i * q ) ), w_in_i, tf.zeros( shape = ( 1, nodes - ( i + 1 ) * q ) ) ], 1 )
                w_in = tf.concat( [ w_in,  w_in_i ], 0 )

            return w_in

        def _esn_recurrent_initializer(shape, dtype, partition_info=None):
            recurrent_weights = tf.keras.initializers.RandomUniform( 0, 1 )(
                shape, dtype
            )
            connectivity_mask = tf.cast(
                tf.math.less_equal( tf.random.uniform(shape), self.connectivity,), dtype
            )
            recurrent_weights = tf.math.multiply( recurrent_weights, connectivity_mask) #Absolute values like in paper
            # Satisfy the necessary condition for the echo state property `max(eig(W)) < 1`
            if self.use_norm2:
                # This condition is approximated scaling the norm 2 of the reservoir matrix
                # which is an upper bound of the spectral radius.
                recurrent_norm2 = tf.math.sqrt(
                    tf.math.reduce_sum(tf.math.square(recurrent_weights))
                )
                is_norm2_0 = tf.cast(tf.math.equal(recurrent_norm2, 0), dtype)
                scaling_factor = self.spectral_radius / (
                    recurrent_norm2 + 1 * is_norm2_0
                )
            else:
                #abs_eig_values = tf.abs(tf.linalg.eig(recurrent_weights)[0])
                abs_eig_values = tf.abs( np.linalg.eig(recurrent_weights)[0] )#!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!! A lot faster on CPU than tf. !
                scaling_factor = tf.math.divide_no_nan(
                    self.spectral_radius, tf.reduce_max(abs_eig_values)
                )

            recurrent_weights = tf.multiply(recurrent_weights, scaling_factor)
            return recurrent_weights

        self.recurrent_kernel = self.add_weight(
            name="recurrent_kernel",
            shape=[self.units, self.units],
            initializer=_esn_recurrent_initializer,
            trainable=False,
            dtype=self.dtype,
        )
        self.kernel = self.add_weight(
            name="kernel",
            shape=[input_size, self.units],
            initializer=_esn_kernel_initializer,
            trainable=False,
            dtype=self.dtype,
        )
        if( self.sparse ):
            self.kernel = tf.sparse.from_dense( self.kernel )
            self.recurrent_kernel = tf.sparse.from_dense( self.recurrent_kernel )

        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=[self.units],
                initializer=self.bias_initializer,
                trainable=False,
                dtype=self.dtype,
            )

        self.built = True

    def call(self, inputs, state):
        if( self.sparse ):
            output = tf.transpose( tf.sparse.sparse_dense_matmul( self.kernel, inputs, adjoint_a = True, adjoint_b = True ) )
            output += tf.transpose( tf.sparse.sparse_dense_matmul( self.recurrent_kernel, state[0], adjoint_a = True, adjoint_b = True ) )
        else:
            in_matrix = tf.concat( [ inputs, state[0] ], axis = 1 )
            weights_matrix = tf.concat( [ self.kernel, self.recurrent_kernel ], axis = 0  )
            output = tf.linalg.matmul( in_matrix, weights_matrix )

        if self.use_bias:
            output = output + self.bias
        output = self.activation(output)
        output = (1 - self.leaky) * state[0] + self.leaky * output

        return output, output


def build_model(sparse=True):
    inputs = keras.Input((10, 4))
    cell = ESNCell(20, connectivity=0.3, leaky=1.0, use_bias=False, sparse=sparse, sigma=0.5)
    states = keras.layers.RNN(cell, return_sequences=True, trainable=False, name="esn")(inputs)
    outputs = keras.layers.Dense(4, activation="linear", use_bias=False)(states)
    return keras.Model(inputs, outputs)
