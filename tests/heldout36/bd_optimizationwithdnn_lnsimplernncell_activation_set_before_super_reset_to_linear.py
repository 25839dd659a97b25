"""A SimpleRNNCell subclass stores its tanh in `self.activation` before `super().__init__()`, which resets it: no tanh.

From liang-wu-1985/optimization_with_DNN (`LN_keras.py`), a variant of the layer-normalised RNN cell of Hands-On
ML chapter 15 written as a subclass of `SimpleRNNCell` instead of a wrapper around one. `__init__` first does
`self.activation = get_activation(kwargs.get("activation", "tanh"))`, then sets `kwargs["activation"] = None` (so
the inner matmul stays linear before the layer norm) and only then calls `super().__init__(units, **kwargs)`.
`SimpleRNNCell.__init__` assigns `self.activation = activations.get(None)`, the linear function, over the tanh the
user stored, so `call()` applies `LayerNormalization` followed by a linear "activation": the cell has no
non-linearity at all, silently. This is LD013's "called late: settings are silently reset" (a setting stored on
`self` before the base `__init__`). Weights are all tracked and trained; the bug is the lost activation.

Porting edits: `from tensorflow.keras.layers.experimental import LayerNormalization` no longer exists (Keras 3 has
`keras.layers.LayerNormalization`); imports switched to `keras`. `input_shape=[None, 20]` on the first RNN
is replaced by a `keras.Input(shape=(None, 20))` in a Sequential (Keras 3 warns on `input_shape`). The class body is
the author's; the fit on random data is dropped. `build_model()` builds the author's two-layer Sequential.
"""

SOURCE = "https://github.com/liang-wu-1985/optimization_with_DNN/blob/64cebf39c2f4521826cea1eea052290f3e7aca7b/LN_keras.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bd_optimizationwithdnn_lnsimplernncell_activation_set_before_super_reset_to_linear.py:
as returned: Sequential, count_params() = 950, 6 weights, unbuilt: ['LayerNormalization:layer_normalization', 'LayerNormalization:layer_normalization_1']
after call: count_params() = 1000, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
params of the case's own layers: {'simple_rnn_cell_with_layer_norm': 860, 'simple_rnn_cell_with_layer_norm_1': 140}
probe (probe_bd_lnrnn.py): SimpleRNNCellWithLayerNorm(20).activation.__name__ == 'linear' (the user's tanh is gone);
the model's output on inputs*10 reaches max |y| = 1.77 > 1, impossible after a tanh. No warning, no error."""

import keras
from keras.activations import get as get_activation
from keras.layers import SimpleRNNCell, RNN, LayerNormalization
from keras.models import Sequential


class SimpleRNNCellWithLayerNorm(SimpleRNNCell):
    def __init__(self, units, **kwargs):
        self.activation = get_activation(kwargs.get("activation", "tanh"))
        kwargs["activation"] = None
        super().__init__(units, **kwargs)
        self.layer_norm = LayerNormalization()

    def call(self, inputs, states):
        outputs, new_states = super().call(inputs, states)
        norm_out = self.activation(self.layer_norm(outputs))
        return norm_out, [norm_out]


def build_model():
    model = Sequential([
        keras.Input(shape=(None, 20)),
        RNN(SimpleRNNCellWithLayerNorm(20), return_sequences=True),
        RNN(SimpleRNNCellWithLayerNorm(5)),
    ])
    return model
