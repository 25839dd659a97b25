"""An echo state network's `ReservoirCell` keeps its random reservoir fixed with `add_weight(..., trainable=False)`
in `build()`: looks like the LD001 reservoir (random matrices that must not train), but it is the right way: the
weights are counted as non-trainable, get no update, and are saved and restored.

From VitoBarra/Keras-LRMU (a Keras port of the Legendre/reservoir memory unit with an ESN baseline), `ESN/layer.py`.
`ReservoirCell.build()` creates `recurrent_kernel` (units x units, initializer `FastReccurrentSR`: uniform values
scaled for the wanted spectral radius by the circular law, `ESN/Inizializer.py`), `kernel` (input_dim x units,
`RandomUniform(-input_scaling, input_scaling)`) and `bias`, all with `trainable=False`, then sets `self.built =
True`; `call(inputs, states)` is the leaky-integrator update. Compare the held-out case from gallicch's
EulerStateNetworks, whose reservoir is the same three matrices kept as `tf.random.uniform` tensors (counted 0, not
saved), and this repository's own `Reference/Resorvoir.py` `ReservoirCell_2`, the raw-tensor version the author
started from (kept as the bug case `bv_keraslrmu_reservoircell2_...`). Here only the readout learns, by
design. `super().__init__` is called after plain settings only (units, scalings), not after state, which Keras 3
accepts.

Porting edits: `FastReccurrentSR` is inlined from `ESN/Inizializer.py` (unchanged); the `from
tensorflow.keras.initializers import *` star import is narrowed to `RandomUniform`. build_model() wraps the cell in
`keras.layers.RNN` as the repository's reservoir models do and adds a Dense readout (the repository's readouts vary;
the Dense is only there to contrast a trainable layer): `keras.Sequential([keras.Input((20, 3)),
keras.layers.RNN(ReservoirCell(units=50)), keras.layers.Dense(1)])`.
"""

SOURCE = "https://github.com/VitoBarra/Keras-LRMU/blob/7289f5c1cd495596957f2ee4b21b99c11bbf3d83/ESN/layer.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bv/okbv_keraslrmu_reservoircell_fixed_weights_add_weight_trainable_false_in_build.py:
as returned: Sequential, count_params() = 2751, 5 weights, unbuilt: none
after call: count_params() = 2751, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'reservoir_cell': 2700}
second call: 0 variables watched that the first call did not use
probe (probe_ok.py esn): the reservoir's 3 weights (50, 50), (3, 50), (50,) are non-trainable variables, 0 trainable;
after save_weights/load_weights into a freshly built model "same outputs: True max abs diff 0.0" (the 2700 reservoir
values are saved and restored, unlike the EulerStateNetworks tensors); after one train_on_batch the reservoir is
unchanged: True (only the Dense readout trains). No warning printed."""

import numpy as np
import tensorflow as tf
import tensorflow.keras as keras
from tensorflow.keras.initializers import RandomUniform


class FastReccurrentSR(keras.initializers.Initializer):

    def __init__(self, spectral_radius, units, seed=None):
        self.spectral_radius = spectral_radius
        self.units = units
        self.seed = seed

    def __call__(self, shape, dtype=None):
        assert shape[0] == shape[1]
        tf.random.set_seed(self.seed)
        value = (self.spectral_radius / np.sqrt(self.units)) * (6 / np.sqrt(12))
        W = tf.random.uniform(shape=shape, minval=-value, maxval=value)
        return W


@tf.keras.utils.register_keras_serializable("keras-esn")
class ReservoirCell(keras.layers.Layer):

    # builds a reservoir as a hidden dynamical layer for a recurrent neural network
    def __init__(self, units,
                 input_scaling=1.0, bias_scaling=1.0,
                 spectral_radius=0.99,
                 leaky=1, activation=tf.nn.tanh, seed=0,
                 **kwargs):

        self.units = units
        self.state_size = units
        self.input_scaling = input_scaling
        self.bias_scaling = bias_scaling
        self.spectral_radius = spectral_radius
        self.leaky = leaky  # leaking rate
        self.activation = activation
        self.output_size = units
        self.seed = seed

        super().__init__(**kwargs)

    def build(self, input_shape):

        tf.random.set_seed(self.seed)
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                initializer=FastReccurrentSR(self.spectral_radius, self.units,
                                                                             self.seed),
                                                trainable=False)

        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),
                                      initializer=RandomUniform(-self.input_scaling, self.input_scaling,
                                                                seed=self.seed),
                                      trainable=False)

        # initialize the bias
        self.bias = self.add_weight(shape=(self.units,),
                                    initializer=RandomUniform(-self.bias_scaling, self.bias_scaling, seed=self.seed),
                                    trainable=False)
        self.built = True

    def call(self, inputs, states):

        prev_output = states[0]

        input_part = tf.matmul(inputs, self.kernel)
        state_part = tf.matmul(prev_output, self.recurrent_kernel)

        output = (1 - self.leaky) * prev_output
        if self.activation is not None:
            output += self.leaky * self.activation(input_part + self.bias + state_part)
        else:
            output += self.leaky * (input_part + self.bias + state_part)

        return output, [output]

    def get_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
            "input_scaling": self.input_scaling,
            "bias_scaling": self.bias_scaling,
            "spectral_radius": self.spectral_radius,
            "leaky": self.leaky,
            "activation": self.activation.__name__,
            "seed": self.seed})
        return config

    @classmethod
    def from_config(cls, config):
        config["activation"] = tf.keras.activations.deserialize(config["activation"])
        return super().from_config(config)


def build_model():
    return keras.Sequential([
        keras.Input((20, 3)),
        keras.layers.RNN(ReservoirCell(units=50)),
        keras.layers.Dense(1),
    ])
