"""An identity `tf.numpy_function` wrapped in a Lambda after a VGG16 backbone: every backbone weight loses its gradient.

keras#9130: the reporter adds "a couple of simple layers after VGG16": a Lambda that sums the
1000-way output to one value, then a Lambda wrapping a Python identity through `tf.py_func`
(today `tf.numpy_function`), with `set_shape` so Keras knows the output shape. Training fails
with "None values not supported" on tf.keras 2. On Keras 3 the model builds and runs, but the
NumPy call is a hole in the graph: no gradient flows back through it, so none of the backbone's
weights (all of them trainable) are ever updated, silently.
"""

SOURCE = "https://github.com/keras-team/keras/issues/9130"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py a_lambda_numpy_function_identity_after_vgg.py:
as returned: Functional, count_params() = 14714688, 26 weights, unbuilt: none
after call: count_params() = 14714688, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 26 of 26 trainable weights: ['block1_conv1/kernel', 'block1_conv1/bias', 'block1_conv2/kernel', 'block1_conv2/bias', 'block2_conv1/kernel', 'block2_conv1/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf
from keras.layers import Lambda
from keras.models import Model


def py_func(x):
    # The identity py_func of the report; tf.py_func is tf.numpy_function in TF 2.
    tensor = tf.numpy_function(lambda y: y, [x], tf.float32)
    tensor.set_shape(x.shape)
    return tensor


def build_model():
    # weights=None and a 32x32 input keep the case offline and small; the graph is the report's.
    net = keras.applications.VGG16(include_top=False, weights=None, input_shape=(32, 32, 3), pooling="avg")
    out1 = Lambda(lambda x: tf.reduce_sum(x, axis=-1, keepdims=True), name="sums")(net.outputs[0])
    out2 = Lambda(py_func, name="py_func")(out1)
    return Model(net.inputs, out2)
