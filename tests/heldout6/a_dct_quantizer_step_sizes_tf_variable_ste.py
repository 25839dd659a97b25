"""A learned-quantization layer (DCT of the input through `tf.py_function`, divide by learned step sizes, floor with a straight-through trick) keeps its step sizes in a `tf.Variable`: Keras 3 never tracks or trains them.

The reporter (TF 1.14, eager) wrote `MyDenseLayer`: `build()` creates
`self.w = tf.Variable(initial_value=self.w_mat, trainable=True)`; `call()` takes the 1-D DCT of
the input with SciPy (here a NumPy DCT-II) through `tf.py_function`, divides by `w`, floors, and keeps a gradient with
`dcts_q - (tf.stop_gradient(dcts_q) - tf.floor(dcts_q))`. Every gradient-cutting op in that
call is placed where it does no harm (the NumPy DCT runs on the input, before any weight; the
floor is bypassed by the straight-through estimator), but on Keras 3 a raw `tf.Variable` on a
layer is not a Keras weight: the layer reports 0 parameters, the optimizer of `fit()` never sees
the step sizes, and they are not saved. The reporter's multiplication back by `w` (de-quantize)
stands in for the rest of their call.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/40717"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py a_dct_quantizer_step_sizes_tf_variable_ste.py:
as returned: Functional, count_params() = 11, 2 weights, unbuilt: none
after call: count_params() = 11, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 1 variables the model does not track: ['my_dense_layer/Variable:0']
params of the case's own layers: {'my_dense_layer': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf


def dct(a, norm="ortho"):
    # stands in for scipy.fftpack.dct (type II, orthonormal), which the reporter imported
    n = a.shape[-1]
    k = np.arange(n)[:, None]
    basis = np.cos(np.pi * (2 * np.arange(n)[None, :] + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    basis[0] /= np.sqrt(2.0)
    return a @ basis.T


def fdct(a):
    return dct(a.T, norm="ortho").T


def fdct_top(inp):
    return tf.convert_to_tensor(np.array([fdct(in_) for in_ in list(inp.numpy())]), dtype=tf.float32)


class MyDenseLayer(tf.keras.layers.Layer):
    def __init__(self, y_mat):
        super(MyDenseLayer, self).__init__()
        self.w_mat = y_mat

    def build(self, input_shape):
        self.w = tf.Variable(initial_value=self.w_mat, trainable=True)

    def call(self, input):
        dct_i = tf.py_function(fdct_top, (input,), "float32")
        dct_i.set_shape(tf.TensorShape((None, 10)))

        dcts_q = tf.multiply(dct_i, 1 / self.w)
        z_floored_NOT_differentiable = tf.floor(dcts_q)
        z_floored_differentiable = dcts_q - (tf.stop_gradient(dcts_q) - z_floored_NOT_differentiable)
        return z_floored_differentiable * self.w


def build_model():
    y_mat = np.full((10,), 0.5, dtype="float32")
    inputs = tf.keras.Input(shape=(10,))
    x = MyDenseLayer(y_mat)(inputs)
    outputs = tf.keras.layers.Dense(1)(x)
    model = tf.keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="mse")
    return model
