"""DeepST's fusion layer `iLayer` makes its parametric-matrix weight with `K.variable` in `build()` and
registers it by assigning `self.trainable_weights = [self.W]`.

ST-ResNet (DeepST, `deepst/models/iLayer.py`) fuses the closeness / period / trend branches with one
`iLayer` each: `x * W` with `W` of the input's shape. The Keras 1 idiom of making a backend variable and
listing it in `trainable_weights` by hand is copied widely (Chinese traffic-prediction repositories
carry the same file). On Keras 3 `trainable_weights` is a read-only property: building the layer
raises `AttributeError ... has no setter`, so the fusion model cannot even be wired.

Porting edits: `K.variable(...)` became `keras.Variable(...)` (Keras 3 has no `keras.backend.variable`);
`get_output_shape_for` renamed `compute_output_shape`; the three-branch fusion reduced to two small
branches (4x4 grid, 2 flows).
"""

SOURCE = "https://github.com/amirkhango/DeepST/blob/master/deepst/models/iLayer.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py j_deepst_ilayer_variable_assigned_to_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'iLayer' object has no setter
Own script (/tmp/mine14b/p4.py): iLayer()(keras.Input((4, 4, 2))) raises
AttributeError: property 'trainable_weights' of 'iLayer' object has no setter."""

import numpy as np
import keras
from keras.layers import Layer, Input, Conv2D, Add, Activation


class iLayer(Layer):
    def __init__(self, **kwargs):
        # self.output_dim = output_dim
        super(iLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        initial_weight_value = np.random.random(input_shape[1:])
        self.W = keras.Variable(initial_weight_value)
        self.trainable_weights = [self.W]

    def call(self, x, mask=None):
        return x * self.W

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model():
    closeness = Input((4, 4, 2))
    trend = Input((4, 4, 2))
    outputs = []
    for branch in (closeness, trend):
        conv = Conv2D(2, 3, padding="same")(branch)
        outputs.append(iLayer()(conv))
    main_output = Activation("tanh")(Add()(outputs))
    return keras.Model([closeness, trend], main_output)
