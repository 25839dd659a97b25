"""A custom layer stores its `output_dim` on `self` before calling `super().__init__(**kwargs)`.

The repository's `MyLayer` follows the old Keras 2 "writing your own layers" template:
`self.output_dim = output_dim` comes first and `super(MyLayer, self).__init__(**kwargs)` second,
then `build()` adds the kernel and calls `super().build()`. Setting attributes before the base
constructor looks like the late-`super().__init__()` bug, but only a plain int is set, not
`trainable`, `name` or a sublayer: on Keras 3 the layer is initialised normally, its kernel is
tracked and trained, and the functional model counts it.
"""

SOURCE = "https://github.com/MarkovSc/nlp_basic/blob/master/keras_basic_cell/MyLayer.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py okc_mylayer_output_dim_set_before_super_init.py:
as returned: Functional, count_params() = 100, 1 weights, unbuilt: none
after call: count_params() = 100, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_layer': 100}
second call: 0 variables watched that the first call did not use"""

from keras import ops
from keras.layers import Input, Layer
from keras.models import Model


class MyLayer(Layer):
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(MyLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel",
            shape=(input_shape[-1], self.output_dim),
            initializer="uniform",
            trainable=True,
        )
        super(MyLayer, self).build(input_shape)

    def call(self, x):
        return [ops.dot(x, self.kernel)]

    def compute_output_shape(self, input_shape):
        return [(input_shape[0], self.output_dim)]


def build_model():
    inp = Input(shape=(10,), name="test")
    output = MyLayer(10)(inp)
    model = Model(inputs=inp, outputs=output)
    return model
