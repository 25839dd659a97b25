"""A reservoir cell that reads a memory layer's output and the external input keeps its recurrent, input, memory and
bias matrices as `tf.random.uniform` tensors assigned to `self` in `build()` (LD001): the cell has 0 parameters,
and a saved and reloaded model runs on a different random reservoir.

From VitoBarra/Keras-LRMU (a Keras implementation of the Legendre Memory Unit with reservoir-computing variants,
benchmarked on psMNIST, Mackey-Glass and ECG5000 time series), `Reference/Resorvoir.py`, the reference reservoir
code the repository started from. `ReservoirCell_2.build()` draws `W = tf.random.uniform(...)` scaled for the wanted
spectral radius (the "fast spectral radius" circular-law rule) and sets `self.recurrent_kernel = W`, splits the
input width into the memory part (`memory_dim`, the first features, coming from an LMU memory) and the external part,
and sets `self.kernel`, `self.kernel_memory` and `self.bias` to `tf.random.uniform` tensors, then `self.built = True`;
`call()` is the leaky reservoir update over both parts. The same repository's later `ESN/layer.py` rewrites the
plain `ReservoirCell` with `add_weight(..., trainable=False)` (kept in this collection as the look-alike
`okbv_keraslrmu_...`), which is exactly the fix this class lacks. Doubt kept as decided: the reservoir is meant to
stay fixed (only a ridge readout is trained), so "not trainable" is by design; what is lost is the rest of being a
weight: the 50x50 + 3x50 + 4x50 + 50 = 2,900 values are not counted, not in `model.weights`, not saved, and a fresh
random reservoir is drawn on every build (compare gallicch's EulerStateNetworks case in heldout40, the same defect
in the Euler cell).

Porting edits: none to the cell (`from tensorflow import keras` is Keras 3 here). The file's ESN wrappers hold an
sklearn `RidgeClassifierCV` readout (sklearn is not installed in the measuring environment) and are left out.
build_model() wraps the cell the way those wrappers do, `keras.Sequential([keras.layers.RNN(cell=...)])`, with an
`Input((20, 7))` (4 memory features + 3 external features per step), `units=50, memory_dim=4`, and returns it with a
batch of two series.
"""

SOURCE = "https://github.com/VitoBarra/Keras-LRMU/blob/9358a0c7863c311b3d575f966b29cb73d553fb66/Reference/Resorvoir.py"
CODES = ("LD001",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bv/bv_keraslrmu_reservoircell2_memory_and_input_kernels_random_tensors_in_build.py:
as returned: Sequential, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'reservoir_cell_2': 0}
second call: 0 variables watched that the first call did not use
probe (probe_ok.py esn2): recurrent_kernel, kernel, kernel_memory and bias are all EagerTensor; after save_weights and
load_weights into a freshly built model "same states: False max abs diff 1.949" (the 2,900 reservoir values are
neither counted nor saved). No warning or exception printed."""

import numpy as np
import tensorflow as tf
from tensorflow import keras


class ReservoirCell_2(keras.layers.Layer):

    # builds a reservoir as a hidden dynamical layer for a recurrent neural network

    def __init__(self, units,
                 memory_dim=100,
                 input_scaling=1.0, bias_scaling=1.0,
                 memory_scaling=1.0, spectral_radius=0.99,
                 leaky=1, activation=tf.nn.tanh,
                 **kwargs):

        self.units = units  # number of units in the reservoir
        self.memory_d = memory_dim  # this identifies the first components of the input that enters
        # this layer from the output of the memory layer
        self.input_d = 0  # this is the dimension of the external input
        self.state_size = units  # this is the size of the state of the layer
        self.input_scaling = input_scaling  # scaling factor for the input weights
        self.memory_scaling = memory_scaling  # scaling factor for the memory weights
        self.bias_scaling = bias_scaling  # scaling factor for the bias
        self.spectral_radius = spectral_radius  # spectral radius of the recurrent weight matrix
        self.leaky = leaky  # leaking rate
        self.activation = activation
        super().__init__(**kwargs)

    def build(self, input_shape):
        # build the recurrent weight matrix
        # uses circular law to determine the values of the recurrent weight matrix
        value = (self.spectral_radius / np.sqrt(self.units)) * (6 / np.sqrt(12))
        W = tf.random.uniform(shape=(self.units, self.units), minval=-value, maxval=value)
        self.recurrent_kernel = W
        # here it is needed to separate the two inputs that enters this layer: memory + external input
        total_input_d = input_shape[-1]  # this is the total dimension of the input
        self.input_d = total_input_d - self.memory_d  # this is the dimension of the external input
        # build the input weight matrix
        self.kernel = tf.random.uniform(shape=(self.input_d, self.units), minval=-self.input_scaling,
                                        maxval=self.input_scaling)
        # build the memory weight matrix
        self.kernel_memory = tf.random.uniform(shape=(self.memory_d, self.units), minval=-self.memory_scaling,
                                               maxval=self.memory_scaling)
        # initialize the bias
        self.bias = tf.random.uniform(shape=(self.units,), minval=-self.bias_scaling, maxval=self.bias_scaling)
        self.built = True

    def call(self, inputs, states):
        prev_output = states[0]
        memory_inputs = inputs[:, :self.memory_d]  # this is the input from the memory layer
        external_inputs = inputs[:, self.memory_d:]  # this is the input from the external input
        input_part1 = tf.matmul(external_inputs, self.kernel)  # this is the input from the external input
        input_part2 = tf.matmul(memory_inputs, self.kernel_memory)  # this is the input from the memory layer
        input_part = input_part1 + input_part2  # this is the total input
        state_part = tf.matmul(prev_output, self.recurrent_kernel)  # this is the state part
        if self.activation != None:
            output = prev_output * (1 - self.leaky) + self.activation(input_part + self.bias + state_part) * self.leaky
        else:
            output = prev_output * (1 - self.leaky) + (input_part + self.bias + state_part) * self.leaky
        return output, [output]


def build_model(units=50, memory_dim=4):
    reservoir = keras.Sequential([
        keras.Input((20, memory_dim + 3)),
        keras.layers.RNN(cell=ReservoirCell_2(units=units, memory_dim=memory_dim)),
    ])
    x = np.random.default_rng(0).random((2, 20, memory_dim + 3)).astype("float32")
    return reservoir, x
