"""A feature-selection `Mask` layer (one trainable weight per input feature, multiplied into the
input) that rewrites an `input_dim` keyword into `input_shape` before `super().__init__`, creates its
kernel with `add_weight(shape=input_shape[1:])` in `build()`, and ends `build()` with
`self.built = True` instead of calling `super().build()`; it sits in front of a small Dense classifier.

From braisCB/E2E-FS (`src/layers/mask.py`, the end-to-end feature selection mask). Looks like several
traps at once (a kernel written by hand into `self.kernel`, the built flag set by hand, no
`super().build()`, an `input_dim`/`input_shape` kwarg shuffle), but on Keras 3 the weight is made with
`add_weight` in `build()` and is tracked: it is counted, gets a gradient, and the `input_shape`
keyword is accepted (Keras only warns "Do not pass an `input_shape`/`input_dim` argument to a
layer", a style warning).

Porting edits: none to the class (it already imports from `keras`); `build_model()` wires
`Input(6) -> Mask(input_dim=6) -> Dense(4, relu) -> Dense(1, sigmoid)` (the repository trains the mask
in front of its own networks).
"""

SOURCE = "https://github.com/braisCB/E2E-FS/blob/0f9e20d4d3cc48049cdea6c41075c333d5a002c3/src/layers/mask.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/okaa_braiscb_e2efs_feature_mask_add_weight_built_flag_no_super_build.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Functional, count_params() = 39, 5 weights, unbuilt: none
after call: count_params() = 39, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mask': 6}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, initializers, regularizers, constraints


class Mask(layers.Layer):

    def __init__(self,
                 kernel_initializer='ones',
                 kernel_regularizer=None,
                 kernel_constraint=None,
                 **kwargs):
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super(Mask, self).__init__(**kwargs)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.supports_masking = True

    def build(self, input_shape):
        input_dim = input_shape[1:]
        self.kernel = self.add_weight(shape=input_dim,
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.built = True

    def call(self, inputs, **kwargs):
        output = inputs * self.kernel
        return output

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = {
            'kernel_initializer': initializers.serialize(self.kernel_initializer),
            'kernel_regularizer': regularizers.serialize(self.kernel_regularizer),
            'kernel_constraint': constraints.serialize(self.kernel_constraint),
        }
        base_config = super(Mask, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    inp = keras.Input(shape=(6,))
    x = Mask(input_dim=6)(inp)
    x = layers.Dense(4, activation='relu')(x)
    out = layers.Dense(1, activation='sigmoid')(x)
    return keras.Model(inp, out)
