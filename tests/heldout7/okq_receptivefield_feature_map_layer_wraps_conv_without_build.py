"""A `MyLayer` that only wraps a `Conv2D` created in `__init__` (no `build()`) and declares its own `compute_output_shape`, wired by a `model_build_func` factory for receptivefield: correct on Keras 3, the wrapped conv is built and trained.

shelfwise/receptivefield#19: the reporter's receptive-field computation warned "Setting weights for
layer <class 'MyLayer'> is not supported" for a custom layer that contains a convolution. The minimal
example is a layer whose `__init__` creates `self.conv = Conv2D(1, 3, name='conv')`, whose `call()`
applies it, and which defines `compute_output_shape` by hand; `model_build_func(input_shape)` wires
`Input -> MyLayer -> Model` and is handed to `KerasReceptiveField`. The warning came from the
receptivefield tool copying weights layer by layer. In Keras the sublayer is tracked through the
attribute and built when the outer layer is first called (no `build()` needed): the conv's kernel
and bias are counted and get gradients. (The hand-written output shape drops the spatial axes, so
the symbolic output is `(None, 1)`; the weights are not affected.)
"""

SOURCE = "https://github.com/shelfwise/receptivefield/issues/19"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okq_receptivefield_feature_map_layer_wraps_conv_without_build.py:
as returned: Functional, count_params() = 28, 2 weights, unbuilt: none
after call: count_params() = 28, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'feature_map': 28}
second call: 0 variables watched that the first call did not use"""

from tensorflow.keras.layers import Conv2D, Input, Layer
from tensorflow.keras.models import Model


class MyLayer(Layer):
    def __init__(self, **kwargs):
        super(MyLayer, self).__init__(**kwargs)
        self.conv = Conv2D(1, 3, name="conv")

    def call(self, inputs):
        return self.conv(inputs)

    def compute_output_shape(self, input_shape):
        return [*input_shape[:1], 1]


def model_build_func(input_shape=[224, 224, 3]):
    im = Input(input_shape, name="image")
    conv_im = MyLayer(name="feature_map")(im)
    model = Model(im, conv_im)
    return model


def build_model():
    # KerasReceptiveField(model_build_func, init_weights=True).compute(input_shape=[224, 224, 3], ...)
    return model_build_func(input_shape=[32, 32, 3])
