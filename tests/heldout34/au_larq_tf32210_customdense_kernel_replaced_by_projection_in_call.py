"""A binarized-network library's Dense subclass swaps `self.kernel` for a projected tensor inside
`call()` (`self.kernel = projection(self.kernel)`), calls `Dense.call`, then puts the variable back: the
kernel variable attribute is overwritten by a tensor derived from it, and on Keras 3 the layer cannot
even be called.

From tensorflow/tensorflow#32210 (2019, TF 2.0.0-rc0), filed by the larq maintainers: larq's quantized
layers "modify (i.e. quantize) the layers kernel ... prior to the computation", simplified in the report
as `projection(x) = 2 * x` and `CustomDense(keras.layers.Dense)` whose `call` saves
`original_kernel = self.kernel`, assigns `self.kernel = projection(self.kernel)`, runs
`super().call(inputs)` and restores the original. On TF 2.0.0-rc0 the assignment made Keras track the
projected tensor as a dependency (the reported regression); the pattern itself is the catalog's LD010:
the variable attribute is replaced by a tensor derived from it, so everything that reads `self.kernel`
between the two assignments (and anything that runs if the restore is skipped by an exception) sees a
constant. On Keras 3, `Dense.kernel` is a read-only property (the layer keeps the variable in
`self._kernel`), so the first assignment raises and the layer, written for tf.keras 2, is unusable.

Porting edits: none; the excerpt of the report stops at `outputs = super().call(`, and the two closing
lines (`inputs)`, restore `self.kernel = original_kernel`, `return outputs`) are completed as the
report's description says. `build_model()` wires `CustomDense(10)` functionally on a (784,) input, as a
Dense classifier head would be (the report gives no model). Building succeeds on Keras 3 (the symbolic
pass falls back to `Dense.compute_output_shape`); the first real call (predict, fit) raises, which is
where the user meets it.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/32210"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/au/au_larq_tf32210_customdense_kernel_replaced_by_projection_in_call.py:
as returned: Functional, count_params() = 7850, 2 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling CustomDense.call().
probe (probe_larq.py): the message is "property 'kernel' of 'CustomDense' object has no setter" (inputs=tf.Tensor(shape=(2, 784)));
the layer keeps its Variable kernel and bias ('custom_dense/kernel', 'custom_dense/bias'), but no forward pass, predict or fit can run."""

from tensorflow import keras


# For our use case this would be a quantizer with a custom gradient
def projection(x):
    return 2 * x


class CustomDense(keras.layers.Dense):
    def call(self, inputs):
        original_kernel = self.kernel
        self.kernel = projection(self.kernel)
        outputs = super().call(inputs)
        self.kernel = original_kernel
        return outputs


def build_model():
    inputs = keras.Input(shape=(784,))
    outputs = CustomDense(10)(inputs)
    return keras.Model(inputs, outputs)
