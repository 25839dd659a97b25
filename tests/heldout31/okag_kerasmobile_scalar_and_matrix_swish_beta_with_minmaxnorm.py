"""keras-mobile's learnable Swish activations: `ScalarSwish` (one trainable beta) and `MatrixSwish`
(a beta per input element, shaped from `input_shape[1:]`), each made with `add_weight` in `build()`
with a `MinMaxNorm` constraint, `self.built = True` set by hand instead of `super().build()`, and no
`trainable=` on the scalar one.

From the keras-mobile 1.0.2 package (`keras_mobile/layers/activations.py`), as stored in the
pypi-data/pypi-mirror-51 repository. Looks like the learnable-activation traps (a weight the
activation reads through the sigmoid, build state set by hand, a per-element parameter shaped from
the build-time shape), but on Keras 3 both betas are tracked, counted and trained, and the
variables carry their MinMaxNorm constraint (which the optimizer applies after each step).

Porting edits: `keras.backend.sigmoid` -> `keras.ops.sigmoid` (Keras 3 has no backend math); a
small MobileNet-style head (Input 4x4x3 -> Conv2D 4 -> ScalarSwish -> Conv2D 4 -> MatrixSwish ->
GlobalAveragePooling2D -> Dense 2) stands in for the package's models.
"""

SOURCE = "https://github.com/pypi-data/pypi-mirror-51/blob/cb13813d50da5b597adb97519feebf172f45d62d/packages/keras-mobile/keras_mobile-1.0.2.tar.gz/keras_mobile-1.0.2/keras_mobile/layers/activations.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okag_kerasmobile_scalar_and_matrix_swish_beta_with_minmaxnorm.py:
as returned: Functional, count_params() = 335, 8 weights, unbuilt: none
after call: count_params() = 335, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'scalar_swish': 1, 'matrix_swish': 64}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine31a/fitprobe.py, SGD(0.1)/mse, one fit step): fit ok; 8/8 weights changed,
scalar_swish/beta and matrix_swish/beta (4*4*4 = 64) included; both beta variables report
constraint MinMaxNorm."""

import keras
from keras.layers import Layer
from keras.initializers import Ones
from keras.constraints import MinMaxNorm
from keras import ops as K


class ScalarSwish(Layer):
    # creating a layer class in keras
    def __init__(self, **kwargs):
        super(ScalarSwish, self).__init__(**kwargs)

    def build(self, input_shape):
        # initialize weight matrix for each capsule in lower layer
        self.beta = self.add_weight(shape = [1], initializer = Ones(), name = 'beta', constraint=MinMaxNorm(-0.2, 2.0, 0.8))
        self.built = True

    def call(self, inputs):
        inputs = K.sigmoid(inputs * self.beta) * inputs
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape


class MatrixSwish(Layer):
    # creating a layer class in keras
    def __init__(self, **kwargs):
        super(MatrixSwish, self).__init__(**kwargs)

    def build(self, input_shape):
        # initialize weight matrix for each capsule in lower layer
        self.beta = self.add_weight(shape=list(input_shape)[1:], name = 'beta', initializer=Ones(), constraint=MinMaxNorm(-0.1, 2.0, 0.8), trainable=True)
        self.built = True

    def call(self, inputs):
        inputs = K.sigmoid(inputs * self.beta) * inputs
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model():
    inputs = keras.Input((4, 4, 3))
    x = keras.layers.Conv2D(4, 3, padding="same")(inputs)
    x = ScalarSwish()(x)
    x = keras.layers.Conv2D(4, 3, padding="same")(x)
    x = MatrixSwish()(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    outputs = keras.layers.Dense(2)(x)
    return keras.Model(inputs, outputs)
