"""Course notes for the DeepLearning.AI "Advanced TensorFlow" custom-layer lesson build a `SimpleDense` whose weights
are named `tf.Variable`s made in `build()`, then print `my_dense.variables`: on Keras 3 that list is empty, because the
layer tracks no `tf.Variable`.

From damiansp/neuralNet (`coursera/deepLearningAI/TFAdvanced/3_lambda_layers/my_dense.py`), one learner's notes of
the lesson "Extending TF's Layer class": `self.w = tf.Variable(name='weights', initial_value=w_init(...),
trainable=True)`, `self.b = tf.Variable(name='bias', ...)`, then `my_dense = SimpleDense(units=1); y =
my_dense(tf.ones((1, 1))); print(my_dense.variables)`, which on tf.keras 2 printed the two variables. On Keras 3 the
call works (the variables are used) but the layer owns nothing (LD003). Same lesson as the ahmasoum case of this
collection, written down independently (named variables, bare layer instead of a Sequential).

Porting edits: the notes lack imports (added: `tensorflow`, `Layer`), and build() has the typo `slef.units`, which
raises NameError before anything else on any version; corrected to `self.units` to reach the lesson's point. The
module-level demo lines go into build_model(), which returns (layer, X) without printing.
"""

SOURCE = "https://github.com/damiansp/neuralNet/blob/102bf15c7bdd89d6895c486e77dd6569010cf750/coursera/deepLearningAI/TFAdvanced/3_lambda_layers/my_dense.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bl/bl_damiansp_coursera_tfadvanced_my_dense_variables_empty.py:
as returned: SimpleDense, count_params() = count_params() raised ValueError, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['simple_dense/weights:0', 'simple_dense/bias:0']
second call: 0 variables watched that the first call did not use
probe (probe_bl.py): the notes' own check, print(my_dense.variables) after y = my_dense(tf.ones((1, 1))), prints []."""

import tensorflow as tf
from tensorflow.keras.layers import Layer


# Extending TF's Layer class example
class SimpleDense(Layer):
    def __init__(self, units=32):
        super(SimpleDense, self).__init__()
        self.units = units

    def build(self, input_shape):
        # Create the state of the layer (weights)
        w_init = tf.random_normal_initializer()
        self.w = tf.Variable(
            name='weights',
            initial_value=w_init(shape=(input_shape[-1], self.units),
                                 dtype='float32'),
            trainable=True)
        b_init = tf.zeros_initializer()
        self.b = tf.Variable(
            name='bias',
            initial_value=b_init(shape=(self.units,), dtype='float32'),
            trainable=True)

    def call(self, inputs):
        # Computations in forward pass
        return tf.matmul(inputs, self.w) + self.b


def build_model():
    my_dense = SimpleDense(units=1)
    X = tf.ones((1, 1))
    return my_dense, X
