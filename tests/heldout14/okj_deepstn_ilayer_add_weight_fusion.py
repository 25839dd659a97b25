"""DeepSTN's port of the ST-ResNet fusion layer: `iLayer` makes its element-wise weight with
`self.add_weight(shape=(input_shape[1:]))` in `build()` and multiplies the branch output by it; one
`iLayer` per branch (closeness, period, trend) before the branches are added.

Next to the original DeepST file (`K.variable` plus `self.trainable_weights = [self.W]`, which Keras 3
rejects) this port looks the same at a glance - a weight of the full input shape, no output-dimension
argument, `super().build()` called at the end, and the Keras 1 `get_output_shape_for` left in place -
but it is correct: `add_weight` registers `W`, every branch gets its own layer instance, and all
fusion weights are counted and trained. `get_output_shape_for` is simply an unused method on Keras 3.

Porting edits: `tensorflow.python.keras` imports -> `keras`; the residual-unit branches reduced to
one Conv2D each on a 4x4 grid with 2 flows; three branches kept.
"""

SOURCE = "https://github.com/uZeroJ/DeepSTN/blob/master/BikeNYC/DST_network/ilayer.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okj_deepstn_ilayer_add_weight_fusion.py:
as returned: Functional, count_params() = 210, 9 weights, unbuilt: none
after call: count_params() = 210, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'i_layer': 32, 'i_layer_1': 32, 'i_layer_2': 32}
second call: 0 variables watched that the first call did not use"""

import keras
from keras.layers import Layer, Input, Conv2D, Add, Activation
from keras.initializers import RandomNormal


class iLayer(Layer):
    def __init__(self, **kwargs):
        # self.output_dim = output_dim
        super(iLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        self.W = self.add_weight(name='W',
                                 shape=(input_shape[1:]),
                                 # initializer='uniform',
                                 initializer=RandomNormal(),
                                 trainable=True)
        super(iLayer, self).build(input_shape)

    def call(self, x, mask=None):
        return x * self.W

    def get_output_shape_for(self, input_shape):
        return input_shape


def build_model():
    c_input, p_input, t_input = Input((4, 4, 2)), Input((4, 4, 2)), Input((4, 4, 2))
    new_outputs = []
    for branch in (c_input, p_input, t_input):
        out = Conv2D(2, 3, padding="same")(branch)
        new_outputs.append(iLayer()(out))
    main_output = Activation("tanh")(Add()(new_outputs))
    return keras.Model([c_input, p_input, t_input], main_output)
