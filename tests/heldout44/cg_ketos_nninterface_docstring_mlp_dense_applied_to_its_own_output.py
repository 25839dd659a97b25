"""Ketos' developer documentation shows how to plug a new architecture into its `NNInterface` with a small `MLP(tf.keras.Model)`: `__init__` creates `self.dense = Dense(n_neurons, activation=activation)` and `self.final_node = Dense(1)`, and `call` does `output = self.dense(inputs)` then `output = self.dense(output)` - the one Dense applied a second time to its own n_neurons-wide output. The first call builds the kernel for the input width; unless the input happens to be exactly n_neurons wide, the second application does not fit the (input_width, n_neurons) kernel and the model fails on its first batch with a shape error (LD008); when the widths do match, the two "layers" silently share one kernel (LD007). The same example class appears twice in the file (in the `NNArch` and the `NNInterface` docstrings).

From mathieudpnt/Ketos (a copy of MERIDIAN's ketos), `ketos/neural_networks/dev_utils/nn_interface.py`, the
`NNInterface` class docstring ("First, the new architecture must be defined. Here, a simple multi-layer perceptron is
defined in the following class.") and the `NNArch` docstring (the same MLP on `NNArch`, with
`self.call_frontend(inputs)` first). The example's `MLPInterface` builds it as `MLP(n_neurons=n_neurons,
activation=activation)` from a recipe; the docs give no input width.

Porting edits: the doctest lines are un-prefixed into real code; the `MLPInterface` recipe plumbing is not needed to
build the network and is left out. The sizes are mine: build_model() returns `MLP(n_neurons=64, activation='relu')`
(the recipe values are user-chosen) and a (2, 20) batch of 20 features, not called.
"""

SOURCE = "https://github.com/mathieudpnt/Ketos/blob/7e53c7b774325b4b910e5d64663f10aa14537d4d/ketos/neural_networks/dev_utils/nn_interface.py"
CODES = ("LD008", "LD007")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cg_ketos_nninterface_docstring_mlp_dense_applied_to_its_own_output.py:
as returned: MLP, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1']
call 1 raised ValueError: Exception encountered when calling MLP.call().
probes/probe_ketos_mlp.py: with a 64-wide input (= n_neurons) the same class runs and the two applications share one (64, 64) kernel: weights [(64, 64), (64,), (64, 1), (1,)], count_params 4225 (LD007 form). The call-1 ValueError's detail: Input 0 of layer 'dense' is incompatible with the layer: expected axis -1 of input shape to have value 20, but received input with shape (2, 64) (the second application of self.dense)."""

import numpy as np
import tensorflow as tf


class MLP(tf.keras.Model):
   def __init__(self, n_neurons, activation):
       super(MLP, self).__init__()

       self.dense = tf.keras.layers.Dense(n_neurons, activation=activation)
       self.final_node = tf.keras.layers.Dense(1)

   def call(self, inputs):
       output = self.dense(inputs)
       output = self.dense(output)
       output = self.final_node(output)
       return output


def build_model():
    model = MLP(n_neurons=64, activation='relu')
    x = np.random.default_rng(0).random((2, 20)).astype("float32")
    return model, x
