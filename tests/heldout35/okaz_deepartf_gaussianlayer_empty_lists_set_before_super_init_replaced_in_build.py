"""DeepAR's GaussianLayer (the deepar_tensorflow copy) sets `output_dim`, `count_data` and four empty lists
`kernel_1, kernel_2, bias_1, bias_2 = [], [], [], []` before `super().__init__()`, then replaces them with
`add_weight` in `build()`: it looks like a late super call and weights kept in plain lists, but on Keras 3 the
four weights are tracked, counted and trained.

From chendingyan/deepar_tensorflow (`deepar/model/layers.py` at 09b1f0b), a TF2 DeepAR port whose GaussianLayer is
taken from arrigonialberto86/deepar (the README says so) with a `count_data` switch that passes mu through
softplus for count series. The attributes set before the super call are plain settings and empty lists; Keras 3
does not reset them (unlike `trainable`/`name`, the settings LD013 is about), and the lists are rebound in
`build()` to the variables `add_weight` returns, which the layer tracks under those names. `call()` uses all four
weights (mu = x K1 + b1, sigma = softplus(x K2 + b2)).

Doubt kept as decided: the biases use `glorot_normal` on a shape-(1,) weight, an odd but harmless init.

Porting edits: none to GaussianLayer. The file's other class, `LSTMResetStateful`, calls tf.keras 2's
`reset_dropout_mask()` in training and is not used here. build_model() wires it as DeepAR does: 20 time steps
of 3 covariates -> LSTM(16, return_sequences=True) -> GaussianLayer(1, count_data=True) -> [mu, sigma].
"""

SOURCE = "https://github.com/chendingyan/deepar_tensorflow/blob/09b1f0bf313496f935f2668e63d012269cc94d65/deepar/model/layers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/az/okaz_deepartf_gaussianlayer_empty_lists_set_before_super_init_replaced_in_build.py:
as returned: Functional, count_params() = 1314, 7 weights, unbuilt: none
after call: count_params() = 1314, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'main_output': 34}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine35/az/p_roundtrip.py:
fresh model after load_weights: outputs equal: True | weights: 7 -> 7"""

import tensorflow as tf
from tensorflow.keras.layers import LSTM, Layer
from tensorflow.keras.activations import softplus


class GaussianLayer(Layer):
    """
        from https://github.com/arrigonialberto86/deepar, learns mu and scale outputs in single layer
    """

    def __init__(self, output_dim = 1, count_data = False, **kwargs):
        self.output_dim = output_dim
        self.count_data = count_data
        self.kernel_1, self.kernel_2, self.bias_1, self.bias_2 = [], [], [], []
        super(GaussianLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        features = input_shape[2]
        self.kernel_1 = self.add_weight(name='kernel_1',
                                        shape=(features, self.output_dim),
                                        initializer='glorot_normal',
                                        trainable=True)
        self.kernel_2 = self.add_weight(name='kernel_2',
                                        shape=(features, self.output_dim),
                                        initializer='glorot_normal',
                                        trainable=True)
        self.bias_1 = self.add_weight(name='bias_1',
                                      shape=(self.output_dim,),
                                      initializer='glorot_normal',
                                      trainable=True)
        self.bias_2 = self.add_weight(name='bias_2',
                                      shape=(self.output_dim,),
                                      initializer='glorot_normal',
                                      trainable=True)
        super(GaussianLayer, self).build(input_shape)

    def call(self, x):
        output_mu = tf.matmul(x, self.kernel_1) + self.bias_1
        output_sig = tf.matmul(x, self.kernel_2) + self.bias_2
        output_sig = softplus(output_sig)
        if self.count_data:
            output_mu = softplus(output_mu)
        return [output_mu, output_sig]

    def compute_output_shape(self, input_shape):
        return [(input_shape[0], self.output_dim), (input_shape[0], self.output_dim)]


def build_model():
    inputs = tf.keras.Input(shape=(20, 3))
    x = LSTM(16, return_sequences=True)(inputs)
    mu, sigma = GaussianLayer(1, count_data=True, name='main_output')(x)
    return tf.keras.Model(inputs, [mu, sigma])
