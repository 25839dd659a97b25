"""A study repository's "定义网络层" (defining layers) script, following the TF 2.0 Keras guide of the
time: `MyLayer.__init__` makes its weight and bias with `tf.Variable(initial_value=w_init(...),
trainable=True)` and `call()` returns `tf.matmul(inputs, self.weight) + self.bias`.

On tf.keras 2 a `tf.Variable` attribute is tracked. On Keras 3 it is not: the layer reports 0 weights,
`count_params()` is 0, and `fit` never updates the variables (they are not in `trainable_weights`).

Porting edits: `tensorflow.keras` -> `keras` (the variables stay `tf.Variable`, as written); the stored
copy of the file stops after the weight, so the bias (`b_init = tf.zeros_initializer()`, shape (unit,))
and `call()` are completed the way the guide it follows wrote them; `build_model()` puts the layer in a
small Sequential model as the guide's next section does.
"""

SOURCE = "https://github.com/YHCodes/CS-Box/blob/2f3e1dd11b30692aa0c587c1dd134a5044a346eb/deep-learning/Master-Keras/Learn_By_Doc/%E5%AE%9A%E4%B9%89%E7%BD%91%E7%BB%9C%E5%B1%82.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/y_csbox_mylayer_tf_variable_weight_and_bias.py:
as returned: Sequential, count_params() = 5, 2 weights, unbuilt: none
after call: count_params() = 5, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'my_layer': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine18a/probe9.py): MyLayer.weights == [] (0 of its 12+4 params counted; count_params 5 is the head Dense only); after compile + 2 epochs of SGD fit the tf.Variable weight is unchanged (not in trainable_weights, so the optimizer never sees it). No warning printed."""

import keras
import tensorflow as tf

layers = keras.layers


class MyLayer(layers.Layer):
    def __init__(self, input_dim=32, unit=32):
        super(MyLayer, self).__init__()

        w_init = tf.random_normal_initializer()

        self.weight = tf.Variable(initial_value=w_init(
            shape=(input_dim, unit), dtype=tf.float32), trainable=True)

        b_init = tf.zeros_initializer()

        self.bias = tf.Variable(initial_value=b_init(
            shape=(unit,), dtype=tf.float32), trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.weight) + self.bias


def build_model():
    return keras.Sequential([keras.Input(shape=(3,)), MyLayer(3, 4), layers.Dense(1)])
