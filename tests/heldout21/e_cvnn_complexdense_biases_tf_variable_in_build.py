"""cvnn's `ComplexDense` (a `Dense` subclass for complex-valued networks): the real and imaginary
kernels are made with `add_weight`, but the real and imaginary biases are plain `tf.Variable`s
created in `build()` (the kernels' own `tf.Variable` versions are left commented out next to them).

From NEGU93/cvnn (`cvnn/layers/core.py`); issue #49 is a user adding `ComplexDense` to a model under
Keras 3 and hitting `add_weight() got multiple values for argument 'shape'` first (the positional
'kernel_r' name). Once the `add_weight` calls pass `name=`, the layer builds, but Keras 3 does not
track the two `tf.Variable` biases: the layer counts only the kernels, the biases get gradients on the
tape yet are not in `trainable_weights` (never updated by `fit`, never saved).

Porting edits: `tensorflow.keras` -> `keras`; `add_weight('kernel_r', shape=...)` ->
`add_weight(name='kernel_r', shape=...)` (the issue's crash); cvnn's `ComplexGlorotUniform`/`Zeros`
initialisers replaced by Keras' `glorot_uniform`/`zeros` with the layer's own 'mirror' path (so the
kernel and bias dtypes are float32, as in the library for non-complex initialisers); the tf.print
warnings and `get_real_equivalent` dropped; `build_model()` feeds a complex input built from two real
inputs and ends in `tf.abs` so the output is real; it is called once on a batch before it is returned.
A side effect of the `tf.Variable` shows there: on the first call Keras 3 traces `call()` to build the
model, the bias `tf.Variable` "could not be lifted out of a tf.function", the trace is abandoned after
the two kernels were made, and the eager build makes them again, so the layer holds four kernels (two
orphans with no gradient) and still no bias.
"""

SOURCE = "https://github.com/NEGU93/cvnn/blob/024504d1fba48718e7029d7d7619a7457122aa9b/cvnn/layers/core.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/e_cvnn_complexdense_biases_tf_variable_in_build.py:
warning: Layer 'complex_net' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'complex_net', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, des
as returned: ComplexNet, count_params() = 48, 4 weights, unbuilt: none
after call: count_params() = 48, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 4 trainable weights: ['complex_net/complex_dense/kernel_r', 'complex_net/complex_dense/kernel_i']
tape watched 2 variables the model does not track: ['complex_net/complex_dense/bias_r:0', 'complex_net/complex_dense/bias_i:0']
params of the case's own layers: {'complex_dense': 48}
second call: 0 variables watched that the first call did not use
Own script /tmp/mine21b/fit2.py (compile SGD(0.5)/mse, fit 3 epochs): fit ok; kernel_r changed True ; bias_r changed False ;
weights the layer would save: ['kernel_r', 'kernel_i', 'kernel_r', 'kernel_i'] (no bias)."""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Dense

DEFAULT_COMPLEX_TYPE = tf.as_dtype(np.complex64)
INIT_TECHNIQUES = {'zero_imag', 'mirror'}


class ComplexDense(Dense):
    """Fully connected complex-valued layer: activation(input * weights + bias)."""

    def __init__(self, units, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform",
                 bias_initializer="zeros",
                 kernel_regularizer=None,
                 kernel_constraint=None,
                 dtype=DEFAULT_COMPLEX_TYPE,
                 init_technique='mirror',
                 **kwargs):
        if activation is None:
            activation = "linear"
        super(ComplexDense, self).__init__(units, activation=activation, use_bias=use_bias,
                                           kernel_initializer=kernel_initializer,
                                           bias_initializer=bias_initializer,
                                           kernel_constraint=kernel_constraint, kernel_regularizer=kernel_regularizer,
                                           **kwargs)
        # !Cannot override dtype of the layer because it has a read-only @property
        self.my_dtype = tf.dtypes.as_dtype(dtype)
        self.init_technique = init_technique.lower()

    def build(self, input_shape):
        if self.my_dtype.is_complex:
            i_kernel_dtype = self.my_dtype.real_dtype
            i_bias_dtype = self.my_dtype.real_dtype
            i_kernel_initializer = self.kernel_initializer
            i_bias_initializer = self.bias_initializer
            if self.init_technique in INIT_TECHNIQUES:
                if self.init_technique == 'zero_imag':
                    i_kernel_initializer = keras.initializers.Zeros()
                    i_bias_initializer = keras.initializers.Zeros()
            else:
                raise ValueError(f"Unsuported init_technique {self.init_technique}, "
                                 f"supported techniques are {INIT_TECHNIQUES}")

            self.w_r = self.add_weight(name='kernel_r',
                                       shape=(input_shape[-1], self.units),
                                       dtype=i_kernel_dtype,
                                       initializer=self.kernel_initializer,
                                       trainable=True,
                                       constraint=self.kernel_constraint, regularizer=self.kernel_regularizer)
            #self.w_r = tf.Variable(
            #    name='kernel_r',
            #    initial_value=self.kernel_initializer(shape=(input_shape[-1], self.units), dtype=i_kernel_dtype),
            #    trainable=True
            #)
            self.w_i = self.add_weight(name='kernel_i',
                                       shape=(input_shape[-1], self.units),
                                       dtype=i_kernel_dtype,
                                       initializer=self.kernel_initializer,
                                       trainable=True,
                                       constraint=self.kernel_constraint, regularizer=self.kernel_regularizer)
            if self.use_bias:
                self.b_r = tf.Variable(
                    name='bias_r',
                    initial_value=self.bias_initializer(shape=(self.units,), dtype=i_bias_dtype),
                    trainable=self.use_bias
                )
                self.b_i = tf.Variable(
                    name='bias_i',
                    initial_value=i_bias_initializer(shape=(self.units,), dtype=i_bias_dtype),
                    trainable=self.use_bias
                )
        else:
            self.w = self.add_weight(name='kernel',
                                     shape=(input_shape[-1], self.units),
                                     dtype=self.my_dtype,
                                     initializer=self.kernel_initializer,
                                     trainable=True,
                                     constraint=self.kernel_constraint, regularizer=self.kernel_regularizer)
            if self.use_bias:
                self.b = self.add_weight(name='bias', shape=(self.units,), dtype=self.my_dtype,
                                         initializer=self.bias_initializer, trainable=self.use_bias)

    def call(self, inputs):
        if inputs.dtype != self.my_dtype:
            inputs = tf.cast(inputs, self.my_dtype)
        if self.my_dtype.is_complex:
            w = tf.complex(self.w_r, self.w_i)
            if self.use_bias:
                b = tf.complex(self.b_r, self.b_i)
        else:
            w = self.w
            if self.use_bias:
                b = self.b
        out = tf.matmul(inputs, w)
        if self.use_bias:
            out = out + b
        return self.activation(out)


class ComplexNet(keras.Model):
    """Real and imaginary parts in, |ComplexDense(x)| out."""

    def __init__(self):
        super().__init__()
        self.dense = ComplexDense(3)

    def call(self, inputs):
        real, imag = inputs
        return tf.abs(self.dense(tf.complex(real, imag)))


def build_model():
    rng = np.random.default_rng(0)
    model = ComplexNet()
    inputs = [rng.random((2, 4)).astype("float32"), rng.random((2, 4)).astype("float32")]
    model(inputs)  # first batch, as in the library's examples
    return model, inputs
