"""DeepAR's `GaussianLayer` outputs a (mu, sigma) pair, but the model is built as
`Model(inputs, theta[0])` with sigma only captured by the loss closure: the sigma head's `kernel_2`
and `bias_2` are counted in the model and never get a gradient (on Keras 3 the captured symbolic
sigma cannot even be evaluated by `fit`).

From arrigonialberto86/deepar (`deepar/model/layers.py` and `deepar/model/lstm.py`, a Keras
re-implementation of Amazon's DeepAR probabilistic forecaster). `GaussianLayer.build()` creates
`kernel_1/bias_1` (mean head) and `kernel_2/bias_2` (scale head); `call()` returns
`[mu, softplus(sigma) + 1e-6]`. `DeepAR.basic_structure()` wires Input(20, 1) -> LSTM(10) ->
Dense(10) -> GaussianLayer(1) and `instantiate_and_fit()` builds `Model(inputs, theta[0])` and
compiles with `loss=gaussian_likelihood(theta[1])`, a closure over the symbolic sigma tensor. Only
the mean is a model output, so nothing the model computes depends on the scale head. In Keras 2 /
TF1 graph mode the closure pulled sigma into the same graph; on Keras 3 it is a KerasTensor that the
training step cannot evaluate.

Porting edits: `K.dot`/`K.log`/`K.exp` (absent from Keras 3's `keras.backend`) -> `keras.ops.matmul`
/`log`/`exp` (matmul for the (batch, 20, 10) x (10, 1) product `K.dot` did); the loss's `tf.log`/`tf.div`
-> `tf.math.log`/`tf.math.divide` (used only by the probe). Also the `self.kernel_1, ... = [], [], [], []`
placeholders assigned before `super().__init__()` are kept as written. build_model(): exactly
`basic_structure()` + `Model(inputs, theta[0])`, not compiled or fitted.
Doubt kept as decided: labelled LD009 (counted weights that no output depends on); the model-wiring
mistake is the root defect, not the layer.
"""

SOURCE = "https://github.com/arrigonialberto86/deepar/blob/13539dd495986409906da4adbb0f3e430fec2f7f/deepar/model/lstm.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py an_deepar_gaussian_layer_scale_head_dropped_from_model.py:
as returned: Functional, count_params() = 612, 9 weights, unbuilt: none
after call: count_params() = 612, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 9 trainable weights: ['main_output/kernel_2', 'main_output/bias_2']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'main_output': 22}
second call: 0 variables watched that the first call did not use
python _probe_deepar_fit.py (compile with loss=gaussian_likelihood(theta[1]) as instantiate_and_fit does, one train_on_batch):
compile: ok
raised ValueError: Tried to convert 'x' to a tensor and failed. Error: A KerasTensor cannot be used as input to a TensorFlow function. A KerasTensor is a symbolic placeholder for a shape and dtype, used when constructin"""

import tensorflow as tf
from keras import ops as K_ops
from keras.initializers import glorot_normal
from keras.layers import LSTM, Dense, Input, Layer
from keras.models import Model


class GaussianLayer(Layer):
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        self.kernel_1, self.kernel_2, self.bias_1, self.bias_2 = [], [], [], []
        super(GaussianLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        n_weight_rows = input_shape[2]
        self.kernel_1 = self.add_weight(name='kernel_1',
                                        shape=(n_weight_rows, self.output_dim),
                                        initializer=glorot_normal(),
                                        trainable=True)
        self.kernel_2 = self.add_weight(name='kernel_2',
                                        shape=(n_weight_rows, self.output_dim),
                                        initializer=glorot_normal(),
                                        trainable=True)
        self.bias_1 = self.add_weight(name='bias_1',
                                      shape=(self.output_dim,),
                                      initializer=glorot_normal(),
                                      trainable=True)
        self.bias_2 = self.add_weight(name='bias_2',
                                      shape=(self.output_dim,),
                                      initializer=glorot_normal(),
                                      trainable=True)
        super(GaussianLayer, self).build(input_shape)

    def call(self, x):
        output_mu = K_ops.matmul(x, self.kernel_1) + self.bias_1
        output_sig = K_ops.matmul(x, self.kernel_2) + self.bias_2
        output_sig_pos = K_ops.log(1 + K_ops.exp(output_sig)) + 1e-06
        return [output_mu, output_sig_pos]

    def compute_output_shape(self, input_shape):
        """
        The assumption is the output ts is always one-dimensional
        """
        return [(input_shape[0], self.output_dim), (input_shape[0], self.output_dim)]


def gaussian_likelihood(sigma):
    def gaussian_loss(y_true, y_pred):
        return tf.reduce_mean(0.5*tf.math.log(sigma) + 0.5*tf.math.divide(tf.square(y_true - y_pred), sigma)) + 1e-6
    return gaussian_loss


def basic_structure():
    input_shape = (20, 1)
    inputs = Input(shape=input_shape)
    x = LSTM(10, return_sequences=True, dropout=0.2)(inputs)
    x = Dense(10, activation='relu')(x)
    loc, scale = GaussianLayer(1, name='main_output')(x)
    return input_shape, inputs, [loc, scale]


def build_model():
    input_shape, inputs, theta = basic_structure()
    model = Model(inputs, theta[0])
    return model
