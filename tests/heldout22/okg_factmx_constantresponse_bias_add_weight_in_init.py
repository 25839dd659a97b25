"""FACTMx's `ConstantResponse` layer (a trainable intercept put in a Sequential model) creates its only
weight with `self.add_weight(shape=(units,))` in `__init__`, takes an `input_dim=None` argument it
never uses, ignores its inputs in `call()`, and reports no prunable weights to the TF Model
Optimization pruning wrapper (`get_prunable_weights()` returns `[]`).

From KazikOrzechowski/FACTMx (`FACTMx/custom_keras_layers.py`, the version that imports keras from
`tensorflow_model_optimization` so that the model can be pruned). Looks like a fixed-input-dimension
weight in `__init__` and like a weight that gets no gradient because the input is ignored; on Keras 3
the bias has shape `(units,)` (the output size, not an input dimension), is tracked, counted and
receives a gradient through the output, which is the bias itself passed through the activation.

Porting edits: `from tensorflow_model_optimization.python.core.keras.compat import keras` (and its
`tensorflow.keras` fallback) -> `import keras`; `build_model()` builds the repository's "linear" scale
head (`tf.keras.Sequential([Input((dim_latent,)), ConstantResponse(units=dim, activation='sigmoid',
bias_initializer={'class_name': 'Constant', ...log(eps)}), Rescaling(scale=.5)])`) with dim_latent 2,
dim 3. The head returns one scale vector of shape (dim,), not one per sample, as in the repository (which
repository trains it in a custom loop over the model's variables, not with `fit()`).
"""

SOURCE = "https://github.com/KazikOrzechowski/FACTMx/blob/030e02bd4e13bd7bd8b71b30c4f5105292250e7f/FACTMx/custom_keras_layers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/okg_factmx_constantresponse_bias_add_weight_in_init.py:
as returned: Sequential, count_params() = 3, 1 weights, unbuilt: none
after call: count_params() = 3, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'constant_response': 3}
second call: 0 variables watched that the first call did not use
Own check: the bias starts at log(1e-3) from the dict initializer config, is the layer's only weight (3 params) and gets a gradient through the sigmoid and Rescaling."""

import numpy as np
import keras


@keras.utils.register_keras_serializable()
class ConstantResponse(keras.layers.Layer):
  def __init__(self,
               units,
               input_dim=None,
               bias_initializer='zeros',
               trainable=True,
               activation='linear',
               **kwargs):
    super().__init__()
    self.b = self.add_weight(shape=(units,),
                             initializer=bias_initializer,
                             trainable=trainable)
    self.activation = keras.activations.get(activation)

  def call(self, inputs):
    return self.activation(self.b)

  def get_prunable_weights(self):
    return []


def build_model():
    dim_latent, dim, eps = 2, 3, 1e-3
    # the "linear" scale head of the repository's encoder heads (see the docstring)
    return keras.Sequential(
        [keras.Input(shape=(dim_latent,)),
         ConstantResponse(units=dim,
                          activation='sigmoid',
                          bias_initializer={'class_name': 'Constant', 'config': {'value': np.log(eps)}}),
         keras.layers.Rescaling(scale=.5)])
