"""A TF2 "custom layer" study script creates `weight` and `bias` as `tf.Variable`s in `__init__` from a hand-given
`input_dim`: on Keras 3 the layer tracks neither, so it has no weights, nothing to train and nothing to save.

From 774799513/learngit (`keras/a_simple.py`), a study copy of the Chinese TF 2.0 Keras tutorial's first custom
layer (`MyLayer(input_dim=32, unit=32)`, `w_init = tf.random_normal_initializer()`, `self.weight =
tf.Variable(initial_value=w_init(shape=(input_dim, unit), dtype=tf.float32), trainable=True)`, the bias from
`tf.zeros_initializer()`), then `my_layer = MyLayer(5, 4); out = my_layer(tf.ones((3, 5)))`. The tutorial's point
was "weights are created automatically tracked"; on Keras 3 (`tf.keras` with TF 2.16+) the `tf.Variable`s are not
(LD003). The hand-given input_dim would be LD004's concern if these were `add_weight` calls; the root defect here is
the foreign variable.

Porting edits: none to the class (the commented-out imports of the script are dropped). build_model() returns
(layer, inputs) as the script does: MyLayer(5, 4) and a (3, 5) batch of ones.
"""

SOURCE = "https://github.com/774799513/learngit/blob/54bcb3e657eb245eeca2ad0b2dfa9307620a015e/keras/a_simple.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bl/bl_learngit_keras_mylayer_tf_variables_in_init_untracked.py:
as returned: MyLayer, count_params() = count_params() raised ValueError, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
second call: 0 variables watched that the first call did not use
(the ValueError before the call is Keras refusing count_params() on a layer that is not built yet; after the call
the layer is built and owns 0 weights: the 5x4 weight and the bias are used but untracked.)"""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class MyLayer(layers.Layer):
    def __init__(self,input_dim=32,unit=32):
        super(MyLayer,self).__init__()

        w_init = tf.random_normal_initializer()
        self.weight = tf.Variable(initial_value=w_init(
            shape = (input_dim,unit),dtype=tf.float32
            ),trainable=True)
        b_init = tf.zeros_initializer()
        self.bias = tf.Variable(initial_value=b_init(
            shape=(unit,),dtype=tf.float32
            ),trainable=True)
    def call(self,inputs):
        return tf.matmul(inputs,self.weight)+self.bias


def build_model():
    """As the script: MyLayer(5, 4) called on tf.ones((3, 5))."""
    x = tf.ones((3,5))
    my_layer = MyLayer(5,4)
    return my_layer, x
