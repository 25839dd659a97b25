"""A course-style `SimpleDense` layer makes its kernel and bias as `tf.Variable`s in `build()`: on Keras 3 the layer
tracks neither, so the model reports 0 parameters and `fit` has nothing to train.

From ahmasoum/my_work (`SimpleDense_keras.py`), a personal copy of the "Building a Custom Dense Layer" ungraded lab of
the DeepLearning.AI "Custom Models, Layers, and Loss Functions with TensorFlow" course (the lab's class verbatim:
`w_init = tf.random_normal_initializer()`, `self.w = tf.Variable(initial_value=w_init(...), trainable=True)`,
likewise `self.b` from `tf.zeros_initializer()`). Under tf.keras 2 the variables were auto-tracked; with TF 2.16+
`tf.keras` is Keras 3 and a `tf.Variable` on a layer is invisible to it (LD003).

Porting edits: the file uses `tf` without importing it (it ran in the notebook after `import tensorflow as tf`);
the import is added. build_model() wires the layer the way the lab does: a Sequential of `SimpleDense(units=1)` on
one feature (the lab fits xs -> 2x-1).
"""

SOURCE = "https://github.com/ahmasoum/my_work/blob/02f3d13049d7430c564a66e41415527b201bc69b/SimpleDense_keras.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bl/bl_ahmasoum_mywork_simpledense_tf_variables_in_build_untracked.py:
as returned: Sequential, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['sequential/simple_dense/Variable:0', 'sequential/simple_dense/Variable:0']
params of the case's own layers: {'simple_dense': 0}
second call: 0 variables watched that the first call did not use
probe (probe_bl.py): compile(sgd, mse) + fit(xs, 2*xs-1, epochs=5) runs, warns "UserWarning: The model does not have
any trainable weights.", and leaves layer.w unchanged; model.trainable_weights is empty."""

import tensorflow as tf
from tensorflow.keras.layers import Layer


class SimpleDense(Layer):

  def __init__(self, units=32):
      super(SimpleDense, self).__init__()
      self.units = units

  def build(self, input_shape):  # Create the state of the layer (weights)
    w_init = tf.random_normal_initializer()
    self.w = tf.Variable(
        initial_value=w_init(shape=(input_shape[-1], self.units),
                             dtype='float32'),
        trainable=True)
    b_init = tf.zeros_initializer()
    self.b = tf.Variable(
        initial_value=b_init(shape=(self.units,), dtype='float32'),
        trainable=True)

  def call(self, inputs):  # Defines the computation from inputs to outputs
      return tf.matmul(inputs, self.w) + self.b


def build_model():
    """The lab's model: one SimpleDense unit on a single input feature."""
    return tf.keras.Sequential([tf.keras.Input(shape=(1,)), SimpleDense(units=1)])
