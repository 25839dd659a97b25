"""The Euler State Network reservoir cell stores its recurrent kernel, input kernel and bias as `tf.random.uniform`
tensors assigned to `self` in `build()` (LD001): the reservoir has 0 parameters, and saving/reloading the model
does not restore it (a fresh random reservoir is drawn on every build).

From gallicch/EulerStateNetworks (Claudio Gallicchio, "Euler State Networks: non-dissipative reservoir computing",
Neurocomputing 2024), `euler.py`. `EulerReservoirCell.build()` draws `W = tf.random.uniform(...)`, sets
`self.recurrent_kernel = (W - tf.transpose(W) - self.gamma * I)`, `self.kernel = tf.random.uniform(...)` and
`self.bias = tf.random.uniform(...)`, then `self.built = True`; `EuSN` wraps the cell in
`keras.Sequential([keras.layers.RNN(cell=EulerReservoirCell(...))])` and fits an sklearn `RidgeClassifier` readout on
the reservoir states. The same file's `ReservoirCell` and `RingReservoirCell` do the same, while its trainable
`AntisymmetricRNNCell` uses `add_weight`. Doubt kept as decided: an untrained reservoir is the method's design (the
weights are meant to stay fixed), so "not trainable" is intended; what the raw tensors lose is the rest of being a
weight: `count_params()` is 0, and the reservoir is not part of the weights, so a saved and reloaded model (or a
readout trained on one instance's states and used with another) runs on a different random reservoir. A
non-trainable `add_weight(..., trainable=False)` would keep it fixed and saved.

Porting edits: none to the cell (TF 2 `tensorflow.keras` is Keras 3 here). `EuSN` itself is left out: its readout is
sklearn's RidgeClassifier (not installed in the measuring environment, and not a Keras layer); build_model() builds
`EuSN.__init__`'s reservoir verbatim, `keras.Sequential([keras.layers.RNN(cell=EulerReservoirCell(...))])`, on
(None, 20, 3) series with units=50 (the paper draws 10..200), and returns it with a batch of two series.
"""

SOURCE = "https://github.com/gallicch/EulerStateNetworks/blob/309e2a069a61c144360b09f3a03be557532eb998/euler.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bs/bs_eulerstatenetworks_eulerreservoircell_random_tensors_stored_in_build.py:
as returned: Sequential, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'euler_reservoir_cell': 0}
second call: 0 variables watched that the first call did not use
probe (probe_eusn.py): kernel and recurrent_kernel are EagerTensor; after `save_weights` and `load_weights` into a
freshly built reservoir "same states: False max abs diff 0.331" (the 50x50 reservoir, 3x50 input kernel and bias,
2700 values, are neither counted nor saved); no warning or exception printed."""

import numpy as np
import tensorflow as tf
from tensorflow import keras

class EulerReservoirCell(keras.layers.Layer):
    #Implements the reservoir layer of the Euler State Network
    # - the state transition function is achieved by Euler discretization of an ODE
    # - the recurrent weight matrix is constrained to have an anti-symmetric (i.e., skew-symmetric) structure
    
    def __init__(self, units, 
                 input_scaling = 1., bias_scaling = 1.0, recurrent_scaling = 1,
                 epsilon = 0.01, gamma = 0.001, 
                 activation = tf.nn.tanh,
                 **kwargs):
        
        
        self.units = units
        self.state_size = units
        self.input_scaling = input_scaling
        self.recurrent_scaling = recurrent_scaling
        self.bias_scaling = bias_scaling
        
        self.epsilon = epsilon
        self.gamma = gamma

        self.activation = activation
        super().__init__(**kwargs)
        
    def build(self, input_shape):
        
        #build the recurrent weight matrix
        I = tf.linalg.eye(self.units)       
        W = tf.random.uniform(shape = (self.units, self.units), minval = -self.recurrent_scaling,maxval = self.recurrent_scaling)
        self.recurrent_kernel = (W - tf.transpose(W) - self.gamma* I)

        #build the input weight matrix
        self.kernel = tf.random.uniform(shape = (input_shape[-1], self.units), minval = -self.input_scaling, maxval = self.input_scaling)
              
        #bias vector
        self.bias = tf.random.uniform(shape = (self.units,), minval = -self.bias_scaling, maxval = self.bias_scaling)
        
        self.built = True


    def call(self, inputs, states):
        prev_output = states[0]

        input_part = tf.matmul(inputs, self.kernel)
        
        state_part = tf.matmul(prev_output, self.recurrent_kernel)
        if self.activation!=None:
            output = prev_output + self.epsilon * self.activation(input_part+ self.bias+ state_part)
        else:
            output = prev_output + self.epsilon * (input_part+ self.bias+ state_part)
        
        return output, [output]


def build_model(units=50, input_scaling=1., bias_scaling=1.0, recurrent_scaling=1, epsilon=0.01, gamma=0.001):
    reservoir = keras.Sequential([
                keras.layers.RNN(cell = EulerReservoirCell(units = units,
                                                                   input_scaling = input_scaling,
                                                                   bias_scaling = bias_scaling,
                                                                   recurrent_scaling = recurrent_scaling,
                                                                   epsilon = epsilon,
                                                                   gamma = gamma)),
    ])
    reservoir.build((None, 20, 3))
    x = np.random.default_rng(0).random((2, 20, 3)).astype("float32")
    return reservoir, x

