"""A quantization-compatible layer deletes its float kernel and adds int8 weights after it was built.

The Keras guide on quantization-compatible layers writes a `SimpleScale` layer whose `quantize()`
reads the trained float kernel, `del self._kernel`, then calls `_int8_build()` which creates a new
int8 `_kernel` and a `scale` with `add_weight` -- weights created outside `__init__`/`build`, on an
already-built layer, kept under a private name. It looks like state created late, yet Keras 3
unlocks the layer for `quantize()` and tracks the new variables: after `model.quantize("int8")` the
model holds the int8 kernel and the scale, non-trainable by design, and `call()` is routed to
`_int8_call`.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/guides/writing_quantization_compatible_layers.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py okc_quantizable_scale_layer_rebuilds_weights_in_quantize.py:
warning: Layer InputLayer does not have a `quantize` method implemented.
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
as returned: Sequential, count_params() = 5, 2 weights, unbuilt: none
after call: count_params() = 5, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'simple_scale': 5}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import dtype_policies, ops, quantizers
from keras.layers import Input, Layer


@keras.saving.register_keras_serializable()
class SimpleScale(Layer):
    """A layer that learns a per-feature scaling factor."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if self.quantization_mode:
            if self.quantization_mode == "int8":
                self._int8_build((input_dim,))
        else:
            self._kernel = self.add_weight(
                name="kernel",
                shape=(input_dim,),
                initializer="random_uniform",
            )

    def call(self, inputs, training=None):
        return ops.multiply(inputs, self._kernel)

    def quantize(self, mode, **kwargs):
        if mode != "int8":
            raise NotImplementedError(f"Unsupported quantization mode: {mode}")

        quantized_kernel, scale = quantizers.abs_max_quantize(self._kernel, axis=0, dtype="int8", to_numpy=True)
        scale = ops.squeeze(scale, axis=0)
        kernel_shape = self._kernel.shape

        del self._kernel
        self._int8_build(kernel_shape)
        self._kernel.assign(quantized_kernel)
        self.scale.assign(scale)

        # set before changing the dtype policy, so that the setter knows the int8 variables exist
        self._is_quantized = True
        if self.dtype_policy.quantization_mode is None:
            policy = dtype_policies.get(f"{mode}_from_{self.dtype_policy.name}")
            self.dtype_policy = policy

    def _int8_build(self, kernel_shape):
        (input_dim,) = kernel_shape
        self._kernel = self.add_weight(
            name="kernel",
            shape=(input_dim,),
            initializer="zeros",
            dtype="int8",
            trainable=False,
        )
        self.scale = self.add_weight(
            name="scale",
            initializer="ones",
            trainable=False,
        )

    def _int8_call(self, inputs, training=None):
        x = ops.multiply(inputs, self._kernel)
        x = ops.divide(x, self.scale)
        return x


def build_model():
    model = keras.Sequential([Input(shape=(4,)), SimpleScale()])
    model.build((None, 4))
    model.quantize("int8")
    return model
