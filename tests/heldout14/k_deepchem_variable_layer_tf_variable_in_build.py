"""deepchem's `Variable` layer: a layer whose only state is a `tf.Variable` made in build().

deepchem.models.layers.Variable is documented as "Output a trainable value" (you pass any input only
because Keras wants a parent): build() does `self.var = tf.Variable(self.initial_value, dtype=self.dtype)`
and call() returns `self.var`. On Keras 3 a backend tf.Variable on a layer is not tracked: the layer
has no weights, the model's parameter count leaves it out, the optimizer never sees it, and the
"trainable value" keeps its initial value forever (here a learned per-task offset added to a Dense head).

Port: `tf.keras.layers.Layer` -> `keras.layers.Layer`; get_config kept; the surrounding model (a Dense
regression head plus the learned per-task offset) is written for the case.
"""

SOURCE = "https://github.com/deepchem/deepchem/blob/014251321e02f1551577acaee3caa48671aeda68/deepchem/models/layers.py#L771"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py k_deepchem_variable_layer_tf_variable_in_build.py:
as returned: Functional, count_params() = 195, 4 weights, unbuilt: none
after call: count_params() = 195, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 1 variables the model does not track: ['variable/Variable:0']
params of the case's own layers: {'variable': 0}
Own script: 3 epochs of fit (SGD, mse) towards targets offset by +5: the Variable layer's `var` is still [0. 0. 0.],
`layer.weights == []`, the model has 4 weights (the two Dense layers only); no warning printed."""

import numpy as np
import tensorflow as tf
import keras


class Variable(keras.layers.Layer):
  """Output a trainable value.

  Due to a quirk of Keras, you must pass an input value when invoking
  this layer.  It doesn't matter what value you pass.  Keras assumes
  every layer that is not an Input will have at least one parent, and
  violating this assumption causes errors during evaluation.
  """

  def __init__(self, initial_value, **kwargs):
    """Construct a variable layer.

    Parameters
    ----------
    initial_value: array or Tensor
      the initial value the layer should output
    """
    super(Variable, self).__init__(**kwargs)
    self.initial_value = initial_value

  def get_config(self):
    config = super(Variable, self).get_config()
    config['initial_value'] = self.initial_value
    return config

  def build(self, input_shape):
    self.var = tf.Variable(self.initial_value, dtype=self.dtype)
    self.built = True

  def call(self, inputs):
    return self.var


def build_model(n_features=8, n_tasks=3):
  """Regression head whose per-task offset is a deepchem Variable layer fed with the features."""
  features = keras.Input(shape=(n_features,))
  hidden = keras.layers.Dense(16, activation='relu')(features)
  mean = keras.layers.Dense(n_tasks)(hidden)
  offset = Variable(np.zeros(n_tasks, dtype=np.float32))(features)
  output = keras.layers.Add()([mean, offset])
  return keras.Model(features, output)
