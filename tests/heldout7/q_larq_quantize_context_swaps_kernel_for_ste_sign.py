"""larq's early quantized layers overwrite `self.kernel` with its `ste_sign` binarisation inside `call()` (a `utils.quantize` context manager) and put the variable back afterwards: on Keras 3 the first real call raises AttributeError.

larq/larq#176 asks where `self.kernel` comes from in `layers_base.py` and notes that the code
"quantizes a tensor using utils.quantize() and sets the quantized tensor as the weights", leaving
the forward and backward pass to the upstream Keras layer. The maintainer explains that
`QuantDense` inherits from larq's `QuantizerBase` and from `tf.keras.layers.Dense`; the base class
quantizes the input, replaces the layer's kernel attribute by `kernel_quantizer(kernel)` while
`Dense.call` runs, and restores the variable; the quantizer's straight-through gradient reaches the
full-precision kernel. That swap relied on `kernel` being a plain attribute (tf.keras 2). In Keras 3
`Dense.kernel` is a read-only property, so `setattr(layer, "kernel", quantized)` raises. Building
the Sequential model does not run `call()` (Dense's `compute_output_shape` is used), so the model
looks fine, counts 55,050 parameters, and fails at the first batch. Reproduced with the Keras 3
spelling of larq 0.2's pieces (`tf.custom_gradient` quantizer, `weight_clip` constraint) in the
README's MNIST model.
"""

SOURCE = "https://github.com/larq/larq/issues/176"
CODES = ("LD010",)
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/q_larq_quantize_context_swaps_kernel_for_ste_sign.py:
as returned: Sequential, count_params() = 55050, 6 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling QuantDense.call().
extra check (python: model(np.random.rand(2, 28, 28), training=True), full message): "property 'kernel' of 'QuantDense'
object has no setter", raised by setattr(layer, "kernel", quantized_kernel) in quantize(). (The quantizer reads the
variable through tf.identity before tf.custom_gradient: passing the Keras variable itself makes TF demand a
`variables` argument in grad_fn, an error of the port, not of the case.)"""

from contextlib import contextmanager

import tensorflow as tf


def sign(x):
    """A sign function that will never be zero"""
    return tf.sign(tf.sign(x) + 0.1)


def ste_sign(x, clip_value=1.0):
    @tf.custom_gradient
    def _call(x):
        def grad(dy):
            zeros = tf.zeros_like(dy)
            mask = tf.math.less_equal(tf.math.abs(x), clip_value)
            return tf.where(mask, dy, zeros)

        return sign(x), grad

    # read the (Keras) variable once, outside the custom-gradient function
    return _call(tf.identity(x))


class WeightClip(tf.keras.constraints.Constraint):
    def __init__(self, clip_value=1):
        self.clip_value = clip_value

    def __call__(self, x):
        return tf.clip_by_value(x, -self.clip_value, self.clip_value)


_QUANTIZERS = {"ste_sign": ste_sign}


def get_quantizer(identifier):
    if identifier is None or callable(identifier):
        return identifier
    return _QUANTIZERS[identifier]


@contextmanager
def quantize(layer, kernel_name, quantizer):
    # larq.utils.quantize: swap the full precision kernel for its quantized version while the
    # upstream layer's call() runs, then put it back
    if quantizer is None:
        yield getattr(layer, kernel_name)
        return
    full_precision_kernel = getattr(layer, kernel_name)
    quantized_kernel = quantizer(full_precision_kernel)
    setattr(layer, kernel_name, quantized_kernel)
    try:
        yield quantized_kernel
    finally:
        setattr(layer, kernel_name, full_precision_kernel)


class QuantizerBase(tf.keras.layers.Layer):
    """Base class for defining quantized layers"""

    def __init__(self, *args, input_quantizer=None, kernel_quantizer=None, **kwargs):
        self.input_quantizer = get_quantizer(input_quantizer)
        self.kernel_quantizer = get_quantizer(kernel_quantizer)
        super().__init__(*args, **kwargs)

    def call(self, inputs):
        if self.input_quantizer:
            inputs = self.input_quantizer(inputs)
        with quantize(self, "kernel", self.kernel_quantizer):
            return super().call(inputs)


class QuantDense(QuantizerBase, tf.keras.layers.Dense):
    """Just your regular densely-connected quantized NN layer."""


def build_model():
    kwargs = dict(input_quantizer="ste_sign", kernel_quantizer="ste_sign", kernel_constraint=WeightClip())
    return tf.keras.models.Sequential([
        tf.keras.Input(shape=(28, 28)),
        tf.keras.layers.Flatten(),
        QuantDense(64, kernel_quantizer="ste_sign", kernel_constraint=WeightClip()),
        QuantDense(64, **kwargs),
        QuantDense(10, **kwargs),
        tf.keras.layers.Activation("softmax"),
    ])
