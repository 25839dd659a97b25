"""Time-series regression model: `call()` ends with `return layers.Dense(1, activation='relu')(x)` and adds a fresh Dropout when training.

From a course project's forecasting models (kuuwange/models.py). `TSBaseModel(keras.Model)` creates
dense1..dense4 in `__init__`, but `call()` passes dense4's output through a new
`layers.Dense(1, activation='relu')` built on every call (and, when `training`, a new `Dropout(0.2)`).
The real output layer is therefore re-initialised at each call: its weights are never tracked by the
model, never trained, and predictions change from call to call; in `fit` the traced training step
tries to create a variable inside the function.
Ported to Keras 3 as written (`from tensorflow import keras` resolves to Keras 3); input of 6 features.
"""

SOURCE = "https://github.com/shellcodesniper/ML_FinalExam/blob/717b9d18a932ef7bd5d8cd592278d06479d8b5bf/kuuwange/models.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py g_timeseries_tsbasemodel_output_dense_made_in_call.py:
as returned: TSBaseModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3']
after call: count_params() = 11265, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 2 variables the model does not track: ['ts_base_model/dense_5/kernel:0', 'ts_base_model/dense_5/bias:0']
second call: 2 variables watched that the first call did not use
Own script (/tmp/mine14c/ts_check.py): model.weights stays at the 8 weights of dense1..dense4 after eager calls (the
output Dense made in call() is never counted); model.fit raises ValueError "tf.function only supports singleton
tf.Variables created on the first call" from TSBaseModel.call()."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
import tensorflow.keras.layers as layers


class TSBaseModel(keras.Model):
  def __init__(self):
    super().__init__()
    self.dense1 = layers.Dense(128, activation = 'relu')
    self.dense2 = layers.Dense(64, activation = 'relu')
    self.dense3 = layers.Dense(32, activation = 'relu')
    self.dense4 = layers.Dense(1, activation = 'relu')



  def call(self, inputs, training = False):
    x = self.dense1(inputs)
    x = self.dense2(x)
    if training:
      x = layers.Dropout(0.2)(x)
    x = self.dense3(x)
    x = self.dense4(x)
    return layers.Dense(1, activation = 'relu')(x)


def build_model():
    model = TSBaseModel()
    x = np.random.default_rng(0).random((2, 6)).astype("float32")
    return model, x
