"""keras-complex's `ComplexDense`: the real and imaginary kernels are `add_weight`s whose initializers are
two closures defined inside `build()` (`init_w_real` / `init_w_imag`) that ignore the requested dtype and
return float64 NumPy draws from a `RandomState` seeded in `__init__`; `call()` rebuilds the full
real-valued block matrix [[Re, -Im], [Im, Re]] with `K.concatenate` on every call and `build()` sets
`self.built = True` by hand.

From JesperDramsch/keras-complex (`complexnn/dense.py`, the maintained TF2 port of Trabelsi et al.'s
Deep Complex Networks). Looks like the "kernel replaced by a derived tensor" trap (`-self.imag_kernel`,
the concatenated block kernel) and the "NumPy state in build" trap. On Keras 3 both kernels and the
bias are `add_weight` variables (the NumPy values only initialise them, cast to float32), the block
kernel is a local tensor rebuilt from the variables each call, and all three get gradients and train.

Porting edits: `from .utils import _compute_fans` replaced by the inlined function (same formula for the
2-D case used here); everything else kept; sizes trimmed (4 complex inputs = 8 real features, 3 complex
units); `build_model()` stacks two ComplexDense layers and a Dense head in a functional model, the way the
repository's tests wire the layer on real/imag-concatenated features.
"""

SOURCE = "https://github.com/JesperDramsch/keras-complex/blob/e254f27893b97a3fe991aad75d842d237bad8308/complexnn/dense.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okaj_kerascomplex_complexdense_numpy_closure_initializers.py:
as returned: Functional, count_params() = 51, 8 weights, unbuilt: none
after call: count_params() = 51, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'complex_dense': 30, 'complex_dense_1': 16}
second call: 0 variables watched that the first call did not use
Own probes: /tmp/mine31d/p_cplx.py -- real_kernel is a (4, 3) float32 variable filled from the NumPy
closure (30 = 2 x 4 x 3 kernels + 6 bias); /tmp/mine31d/p_fit.py (SGD(0.1), one fit step): fit ok,
changed 8 of 8 (both kernels and the bias of each ComplexDense, and the Dense head)."""

import numpy as np
from numpy.random import RandomState
import tensorflow as tf
from tensorflow.keras import activations
from tensorflow.keras import backend as K
from tensorflow.keras import constraints
from tensorflow.keras import initializers
from tensorflow.keras import regularizers
from tensorflow.keras.layers import InputSpec
from tensorflow.keras.layers import Layer


def _compute_fans(shape, data_format="channels_last"):
    if len(shape) == 2:
        fan_in = shape[0]
        fan_out = shape[1]
    else:
        receptive_field_size = np.prod(shape[:-2])
        fan_in = shape[-2] * receptive_field_size
        fan_out = shape[-1] * receptive_field_size
    return fan_in, fan_out


class ComplexDense(Layer):
    """Regular complex densely-connected NN layer (real and imaginary parts concatenated on the last axis)."""

    def __init__(
        self,
        units,
        activation=None,
        use_bias=True,
        init_criterion="he",
        kernel_initializer="complex",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        seed=None,
        **kwargs,
    ):
        if "input_shape" not in kwargs and "input_dim" in kwargs:
            kwargs["input_shape"] = (kwargs.pop("input_dim"),)
        super(ComplexDense, self).__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.init_criterion = init_criterion
        if kernel_initializer == "complex":
            self.kernel_initializer = kernel_initializer
        else:
            self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        if seed is None:
            self.seed = np.random.randint(1, 10e6)
        else:
            self.seed = seed
        self.input_spec = InputSpec(ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        assert len(input_shape) == 2
        assert input_shape[-1] % 2 == 0
        input_dim = input_shape[-1] // 2
        data_format = K.image_data_format()
        kernel_shape = (input_dim, self.units)
        fan_in, fan_out = _compute_fans(kernel_shape, data_format=data_format)
        if self.init_criterion == "he":
            s = np.sqrt(1.0 / fan_in)
        elif self.init_criterion == "glorot":
            s = np.sqrt(1.0 / (fan_in + fan_out))
        rng = RandomState(seed=self.seed)

        # Initialization using euclidean representation:
        def init_w_real(shape, dtype=None):
            return rng.normal(
                size=kernel_shape,
                loc=0,
                scale=s,
            )  # .astype(dtype)

        def init_w_imag(shape, dtype=None):
            return rng.normal(size=kernel_shape, loc=0, scale=s)  # .astype(dtype)

        if self.kernel_initializer == "complex":
            real_init = init_w_real
            imag_init = init_w_imag
        else:
            real_init = self.kernel_initializer
            imag_init = self.kernel_initializer

        self.real_kernel = self.add_weight(
            shape=kernel_shape,
            initializer=real_init,
            name="real_kernel",
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        self.imag_kernel = self.add_weight(
            shape=kernel_shape,
            initializer=imag_init,
            name="imag_kernel",
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )

        if self.use_bias:
            self.bias = self.add_weight(
                shape=(2 * self.units,),
                initializer=self.bias_initializer,
                name="bias",
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.bias = None

        self.input_spec = InputSpec(ndim=2, axes={-1: 2 * input_dim})
        self.built = True

    def call(self, inputs, **kwargs):
        input_shape = K.shape(inputs)
        input_dim = input_shape[-1] // 2
        real_input = inputs[:, :input_dim]
        imag_input = inputs[:, input_dim:]

        cat_kernels_4_real = K.concatenate([self.real_kernel, -self.imag_kernel], axis=-1)
        cat_kernels_4_imag = K.concatenate([self.imag_kernel, self.real_kernel], axis=-1)
        cat_kernels_4_complex = K.concatenate([cat_kernels_4_real, cat_kernels_4_imag], axis=0)

        output = K.dot(inputs, cat_kernels_4_complex)

        if self.use_bias:
            output = K.bias_add(output, self.bias)
        if self.activation is not None:
            output = self.activation(output)

        return output

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) == 2
        assert input_shape[-1]
        output_shape = list(input_shape)
        output_shape[-1] = 2 * self.units
        return tuple(output_shape)


def build_model():
    inputs = tf.keras.Input(shape=(8,))  # 4 complex features: [real parts, imaginary parts]
    x = ComplexDense(3, activation="tanh", seed=1)(inputs)
    x = ComplexDense(2, seed=2)(x)
    outputs = tf.keras.layers.Dense(1)(x)
    return tf.keras.Model(inputs, outputs)
