"""A quantization-style `CustomDense(tf.keras.layers.Dense)` whose `call()` temporarily replaces
`self.kernel` with a projected copy (`self.kernel = projection(self.kernel)`), calls
`super().call(inputs)` so the stock Dense math uses the projected kernel, then puts the original
variable back (`self.kernel = original_kernel`); a subclassed `MyModel` holds one such layer.

From Zenasj/HBTGen-artifact (`data/tensorflow-issue/issue_32210.py`, a reproduction of TensorFlow
issue #32210, where the same swap broke under tf.function in tf.keras 2). The kernel variable
attribute is overwritten by a tensor derived from it. On Keras 3 `Dense.kernel` is a read-only
property (the variable is `_kernel`), so the first call raises `AttributeError: property 'kernel' of
'CustomDense' object has no setter`; the model cannot be called or trained.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); width 32 -> 8; `build_model()` returns
`my_model_function()` with the file's `GetInput()` batch (4 x 8 instead of 4 x 32), after one call as
the file's harness does (so it raises).
"""

SOURCE = "https://github.com/Zenasj/HBTGen-artifact/blob/c71ac3c246eb4aa845cc164c7065bc333512cdd7/data/tensorflow-issue/issue_32210.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/aa_hbtgen_tfissue32210_customdense_kernel_swapped_for_projection_in_call.py:
build_model() raised AttributeError: Exception encountered when calling CustomDense.call().
Own probe (/tmp/mine28/a/p5.py, full message): "property 'kernel' of 'CustomDense' object has no setter"
(raised at `self.kernel = projection(self.kernel)`; the layer's kernel and bias were built, but no call
ever completes, so the model can be neither used nor trained)."""

import tensorflow as tf
import keras


def projection(x):
    # Simulates a quantizer function that modifies kernels
    return 2 * x


class CustomDense(keras.layers.Dense):
    def call(self, inputs):
        original_kernel = self.kernel
        # Temporarily replace self.kernel with a projected (quantized) kernel
        self.kernel = projection(self.kernel)
        outputs = super().call(inputs)
        # Reset to original kernel after computation to not break eager mode
        self.kernel = original_kernel
        return outputs


class MyModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.custom_dense = CustomDense(8)

    def call(self, inputs):
        return self.custom_dense(inputs)


def my_model_function():
    return MyModel()


def GetInput():
    return tf.random.uniform((4, 8), dtype=tf.float32)


def build_model():
    model = my_model_function()
    inputs = GetInput()
    model(inputs)
    return model, inputs
