"""A layer with no `build()` that creates its two weights with `add_weight` in `__init__`: looks like state made too
early, but the shapes are fixed (a scalar scale and bias, not input-dependent), so Keras 3 tracks and trains both.

From redouane-dziri/deep-music-classification (`models/affine_scalar_layer.py`, a student project on music-genre
classification): `AffineScalar` multiplies its input by a trainable `w` of shape (1,) and adds
a trainable `b` of shape (1,), both from `self.add_weight` right after `super().__init__()`. A checker keyed on
"weights in `__init__`" (LD004) or "no `build()`" would flag it; LD004 needs an input dimension passed by hand, and
here nothing depends on the input shape, so the layer works on any input.

Porting edits: none. build_model() puts it after a Dense on 10 features in a functional model, as a learned
affine rescaling of a score.
"""

SOURCE = "https://github.com/redouane-dziri/deep-music-classification/blob/108fae66d39c4dcf625cd6de3930e42650ad5291/models/affine_scalar_layer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bl/okbl_deepmusic_affinescalar_add_weight_in_init_fixed_shape.py:
as returned: Functional, count_params() = 13, 4 weights, unbuilt: none
after call: count_params() = 13, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'affine_scalar': 2}
second call: 0 variables watched that the first call did not use
probe (probe_bl.py): one epoch of fit (SGD 0.1, mse) changes all 4 trainable weights (Dense kernel/bias, w, b)."""

from tensorflow.keras import layers
import tensorflow as tf


class AffineScalar(layers.Layer):
    """[summary]

    Arguments:
        layers {[type]} -- [description]
    """

    def __init__(self):
        super(AffineScalar, self).__init__()
        self.w = self.add_weight(
            shape=(1,),
            initializer="random_normal",
            trainable=True
        )
        self.b = self.add_weight(
            shape=(1,),
            initializer="zeros",
            trainable=True
        )

    def call(self, inputs):
        return self.w * inputs + self.b


def build_model():
    inputs = tf.keras.Input(shape=(10,))
    x = layers.Dense(1)(inputs)
    outputs = AffineScalar()(x)
    return tf.keras.Model(inputs, outputs)
