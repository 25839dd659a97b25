"""schmitts' `ESN(tf.keras.layers.RNN)` sets four attributes (`input_layer`, `output_layer`, `exponents`,
`coefficients`) and makes its `ESNCell` before calling `super().__init__(cell, ...)`: it looks like the
late-super pattern, but on Keras 3 plain attributes set first survive the super call, the cell handed up
is tracked by the RNN, and its reservoir weights are built, counted (as non-trainable) and saved.

From schmitts/Echo_State_Networks_in_Tensorflow (`src/ESNLayer.py`, after TensorFlow Addons' `ESN`;
`src/model.py`'s `esn_block` builds `ESN(units=..., leaky=..., connectivity=kappa / nodes, use_bias=False,
sparse=..., sigma=..., stateful=..., return_sequences=True, time_major=True, trainable=False,
return_state=True, input_layer=inputs.name, output_layer=outputs.name, exponents=exp,
coefficients=coeff)` and takes `esn_layer(inputs)[0]` into a Dense read-out). The attributes set before
the super call are the names of neighbouring layers (used later by the ridge-regression read-out training)
and two tensors, not Keras settings such as `trainable`/`name`, which are passed to `super().__init__`.

Porting edits: the cell is `src/ESNCell.py`'s, with `AbstractRNNCell` replaced by `keras.layers.Layer`
(Keras 3 has no `AbstractRNNCell`), used dense (`sparse=False`; the sparse path is the separate case
`av_schmittsesn_esncell_sparse_reservoir_kernels_shadow_their_variables`). In `ESN`: `constants=None` dropped
from the `super().call(...)` in `call`, whose first argument is renamed `inputs` -> `sequences` (Keras 3's
RNN.build(sequences_shape, ...) otherwise raises "received `build()` argument `sequences_shape`, but
`call()` does not have argument `sequences`"), and `time_major` not passed (Keras 3's RNN accepts neither); the
ridge-regression helpers (`reservoir_layer`, `train`, `train_ESN_Output`, which need scipy/tqdm and run
outside the model) and `get_config`/`from_config` are left out. `build_model()` follows `esn_block` for one
block on 10 steps x 4 features, 20 units, without the repo's `Transformer` layer (a separate file whose
`add_weight` in `__init__` would be a different finding).
"""

SOURCE = "https://github.com/schmitts/Echo_State_Networks_in_Tensorflow/blob/6ddfa074aa0b13fc99f4b2d27fb4ea7f3df58834/src/ESNLayer.py"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/av/okav_schmittsesn_esn_rnn_settings_before_super_init_cell_passed_up.py:
as returned: Functional, count_params() = 560, 3 weights, unbuilt: none
after call: count_params() = 560, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'esn': 480, 'esn_cell': 480}
second call: 0 variables watched that the first call did not use
Own probe (probe_esnlayer.py): after construction esn.input_layer == 'keras_tensor', esn.output_layer == 'dense', esn.exponents[:4] == [2. 1. 2. 1.] (all survive the late super call) and esn.trainable is False as passed; esn.weights == [('esn/esn_cell/recurrent_kernel', False), ('esn/esn_cell/kernel', False)], 480 non-trainable values; save_weights then load_weights into a freshly built model (different random reservoir) reproduces the output exactly."""

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


class ESN(tf.keras.layers.RNN):
    """Echo State Network layer (docstring shortened)."""
    #@typechecked
    def __init__(
        self,

        input_layer: str,
        output_layer: str,

        units: int,

        exponents,
        coefficients,

        connectivity: float = 0.1,
        leaky: float = 1,
        spectral_radius: float = 0.9,
        use_norm2: bool = False,
        use_bias: bool = True,
        activation = tf.keras.activations.tanh, #: Activation = "tanh",
        kernel_initializer = tf.keras.initializers.glorot_uniform(), #: Initializer = "glorot_uniform",
        recurrent_initializer = tf.keras.initializers.glorot_uniform(), #: Initializer = "glorot_uniform",
        bias_initializer = tf.keras.initializers.Zeros(), #Initializer = "zeros",
        return_sequences=False,
        go_backwards=False,
        unroll=False,
        
        sparse: bool = False,
        sigma: float = 0.5, 

        **kwargs
    ):  
        self.input_layer = input_layer.split( ":", 1 )[ 0 ].split( "/", 1 )[ 0 ] #tf.keras.Input gives names like "input_layer:0"
        self.output_layer = output_layer
        self.exponents = exponents
        self.coefficients = coefficients

        cell = ESNCell(
            units,
            connectivity=connectivity,
            leaky=leaky,
            spectral_radius=spectral_radius,
            use_norm2=use_norm2,
            use_bias=use_bias,
            activation=activation,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            dtype=kwargs.get("dtype"),

            sparse = sparse,
            sigma = sigma
        )
        super().__init__(
            cell,
            return_sequences=return_sequences,
            go_backwards=go_backwards,
            unroll=unroll,
            **kwargs,
        )


    def call(self, sequences, mask=None, training=None, initial_state=None):  # port: was `inputs`
        return super().call(
            sequences,
            mask=mask,
            training=training,
            initial_state=initial_state,
        )  # port: `constants=None` dropped

    @property
    def units(self):
        return self.cell.units

    @property
    def connectivity(self):
        return self.cell.connectivity

    @property
    def leaky(self):
        return self.cell.leaky

    @property
    def spectral_radius(self):
        return self.cell.spectral_radius


def exponents( nodes, dtype ):
    #return tf.ones( nodes, dtype = dtype ) 
    return tf.cast( ( tf.range( nodes ) + 1 ) % 2 + 1, dtype = dtype )

def coefficients( nodes, dtype ):
    return tf.ones( nodes, dtype = dtype )


def build_model():
    inputs = keras.Input((10, 4))
    outputs = keras.layers.Dense( inputs.shape[ -1 ], activation = 'linear', use_bias = False,
                trainable = True )
    exp = exponents( 20, inputs.dtype )
    coeff = coefficients( 20, inputs.dtype )
    esn_layer = ESN( units = 20, leaky = 1.0, connectivity = 6 / 20,
                use_bias = False, sparse = False, sigma = 0.5, stateful = False,
                return_sequences = True, trainable = False, return_state = True,
            input_layer = inputs.name, output_layer = outputs.name, exponents = exp, coefficients = coeff )
    return keras.Model( inputs, outputs( esn_layer( inputs )[ 0 ] ) )
