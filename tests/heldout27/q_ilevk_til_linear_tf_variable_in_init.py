"""A Korean study-notes translation of the TF "custom layers and models" guide: a `Linear` layer whose
kernel and bias are `tf.Variable`s made in `__init__` from a hand-given `input_dim`.

From Ilevk/TIL (a Jupyter notebook of notes on the guide, "케라스 모델과 레이어를 맞춤형으로 사용하기"):
`Linear(units=32, input_dim=32)` stores `self.w = tf.Variable(w_init(shape=(input_dim, units)))` and
`self.b = tf.Variable(b_init(shape=(units,)))`, then `call` returns `tf.matmul(inputs, self.w) + self.b`.
On tf.keras 2 the variables were tracked; on Keras 3 a `tf.Variable` on a layer is not tracked: the
layer reports no weights, counts 0 parameters, and a model that contains it trains nothing there.

Porting edits: `tf.keras` -> `keras` for the layer base class (the notes' `tf.Variable`s and
`tf.random_normal_initializer` / `tf.zeros_initializer` kept); units 32 -> 4, input_dim 32 -> 6;
`build_model()` wires the layer into a small functional model as the guide then does.
"""

SOURCE = "https://github.com/Ilevk/TIL"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/q_ilevk_til_linear_tf_variable_in_init.py:
as returned: Functional, count_params() = 5, 2 weights, unbuilt: none
after call: count_params() = 5, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['Variable:0', 'Variable:0']
params of the case's own layers: {'linear': 0}
second call: 0 variables watched that the first call did not use
(the 5 counted parameters are the Dense head; the Linear layer's kernel and bias are untracked.)"""

import keras
import tensorflow as tf
from keras import layers


class Linear(layers.Layer):

    def __init__(self, units=32, input_dim=32):
        super(Linear, self).__init__()
        w_init = tf.random_normal_initializer()
        self.w = tf.Variable(initial_value=w_init(shape=(input_dim, units),
                                                  dtype='float32'),
                             trainable=True)
        b_init = tf.zeros_initializer()
        self.b = tf.Variable(initial_value=b_init(shape=(units,),
                                                  dtype='float32'),
                             trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


def build_model():
    inputs = keras.Input((6,))
    x = Linear(4, 6)(inputs)
    outputs = layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
