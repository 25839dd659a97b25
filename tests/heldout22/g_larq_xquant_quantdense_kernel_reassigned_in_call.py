"""larq's first quantized layers (`xquant`): `QuantizerBase.call()` swaps the layer's kernel for its
quantized version by assigning `self.kernel = self.kernel_quantizer(self.kernel)`, calls the parent
`Dense.call()`, then assigns the full-precision kernel back; `build()` also stores the quantized
kernel tensor, computed once, in `self.quantized_weights`.

From larq/larq (`xquant/layers.py`, the package before it was renamed larq). The pattern overwrites a
weight attribute with a tensor derived from it. On Keras 3, `Dense.kernel` is a read-only property
over the `_kernel` variable, so the assignment in `call()` raises AttributeError ("property 'kernel' of
'QuantDense' object has no setter") on the first call (the Sequential model is returned built, its
layers built by `build()`); on tf.keras 2 the swap silently worked. The `quantized_weights` list keeps a
stale tensor computed in `build()` (never updated when the kernel trains).

Porting edits: `tensorflow.keras` -> `keras`; `utils.register_keras_custom_object` dropped;
`quantizers.get("ste_sign")` replaced by a straight-through sign estimator
(`x + stop_gradient(sign(x) - x)`; larq's `tf.custom_gradient` version refuses a Keras 3 variable as
input), and `quantizers.serialize` by the function name; the
logging warning kept; `QuantDense` docstring shortened; the docstring's usage (two QuantDense
layers on 16 features, `kernel_constraint` left at None, widths 32 -> 8).
"""

SOURCE = "https://github.com/larq/larq/blob/09ca1524f904828afaab81a37e63043bae35e45c/xquant/layers.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/g_larq_xquant_quantdense_kernel_reassigned_in_call.py:
as returned: Sequential, count_params() = 208, 4 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling QuantDense.call().
Own script (/tmp/mine22b/p2.py): the Sequential is returned built (both QuantDense built, 208 params), and the first eager call raises AttributeError "property 'kernel' of 'QuantDense' object has no setter" from `self.kernel = self.kernel_quantizer(self.kernel)` in QuantizerBase.call(). The logging warning about kernel_constraint is printed once per layer."""

import logging

import tensorflow as tf
import keras

log = logging.getLogger(__name__)


def ste_sign(x):
    # straight-through sign: forward sign(x), gradient of the identity
    x = tf.convert_to_tensor(x)
    return x + tf.stop_gradient(tf.sign(x) - x)


def _get_quantizer(identifier):
    return {"ste_sign": ste_sign}.get(identifier, identifier)


class QuantizerBase(keras.layers.Layer):
    """Base class for defining quantized layers

    `input_quantizer` and `kernel_quantizer` are the element-wise quantization
    functions to use. If both quantization functions are `None` this layer is
    equivalent to `Layer`.
    """

    def __init__(self, *args, input_quantizer=None, kernel_quantizer=None, **kwargs):
        super().__init__(*args, **kwargs)

        self.input_quantizer = _get_quantizer(input_quantizer)
        self.kernel_quantizer = _get_quantizer(kernel_quantizer)

        if kernel_quantizer and not self.kernel_constraint:
            log.warning(
                "Using a weight quantizer without setting `kernel_constraint` "
                "may result in starved weights (where the gradient is always zero)."
            )

        self.quantized_weights = []
        self.quantized_latent_weights = []

    def build(self, input_shape):
        super().build(input_shape)
        if self.kernel_quantizer:
            self.quantized_weights.append(self.kernel_quantizer(self.kernel))
            self.quantized_latent_weights.append(self.kernel)

    def call(self, inputs):
        if self.input_quantizer:
            inputs = self.input_quantizer(inputs)
        if self.kernel_quantizer:
            full_precision_kernel = self.kernel
            self.kernel = self.kernel_quantizer(self.kernel)

        output = super().call(inputs)
        if self.kernel_quantizer:
            # Reset the full precision kernel to make keras eager tests pass.
            # Is this a problem with our unit tests or a real bug?
            self.kernel = full_precision_kernel
        return output

    def get_config(self):
        config = {
            "input_quantizer": getattr(self.input_quantizer, "__name__", None),
            "kernel_quantizer": getattr(self.kernel_quantizer, "__name__", None),
        }
        return {**super().get_config(), **config}


class QuantDense(QuantizerBase, keras.layers.Dense):
    """Just your regular densely-connected quantized NN layer."""

    def __init__(
        self,
        units,
        activation=None,
        use_bias=True,
        input_quantizer=None,
        kernel_quantizer=None,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs
    ):
        super().__init__(
            units,
            activation=activation,
            use_bias=use_bias,
            input_quantizer=input_quantizer,
            kernel_quantizer=kernel_quantizer,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            **kwargs
        )


def build_model():
    model = keras.Sequential()
    model.add(keras.Input((16,)))
    model.add(QuantDense(8, input_quantizer="ste_sign", kernel_quantizer="ste_sign"))
    model.add(QuantDense(8, input_quantizer="ste_sign", kernel_quantizer="ste_sign"))
    return model
