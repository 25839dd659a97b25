"""The functional-API guide's `CustomDense`, typed in as a study note: unnamed `add_weight` calls in a
`build()` that never calls `super().build()`, `tf.matmul` on the raw weights in `call()`, and the
layer dropped into a functional model (`keras.Model(keras.Input((4,)), CustomDense(10)(inputs))`).

From hjl150505/tfGatling (`src/functionalAPI/test20211107_13.py`, "custom layers used in a model").
Looks like the "build() without super().build() leaves the layer unbuilt / weights untracked" myth and
like "TensorFlow ops on a KerasTensor in a functional model". On Keras 3 the build wrapper marks the
layer built, both weights are tracked and counted (50 parameters), the `tf.matmul` runs inside the
layer's own `call()` (so functional tracing works), and both weights get gradients.

Porting edits: `from tensorflow import keras` -> `import keras`; the script's module-level model is
made in `build_model()`.
"""

SOURCE = "https://github.com/hjl150505/tfGatling/blob/e995d69aab2aa2da1160bbcfbc68fa74205e5658/src/functionalAPI/test20211107_13.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/oke_tfgatling_customdense_build_without_super_in_functional_model.py:
as returned: Functional, count_params() = 50, 2 weights, unbuilt: none
after call: count_params() = 50, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_dense': 50}
second call: 0 variables watched that the first call did not use
Own script /tmp/mine21b/fitprobe.py (compile SGD(0.1)/mse, fit one epoch): fit ok; 2 of 2 trainable weights changed"""

import tensorflow as tf
import keras
from keras import layers


class CustomDense(layers.Layer):
    def __init__(self, units=32):
        super(CustomDense, self).__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer="random_normal",
            trainable=True,
        )
        self.b = self.add_weight(
            shape=(self.units,), initializer="random_normal", trainable=True
        )

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


def build_model():
    inputs = keras.Input((4,))
    outputs = CustomDense(10)(inputs)

    model = keras.Model(inputs, outputs)
    return model
