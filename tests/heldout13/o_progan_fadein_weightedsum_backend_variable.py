"""Progressive-GAN fade-in: a WeightedSum(Add) merge layer keeps its alpha as `K.variable`.

The code follows the widely copied progressive-growing-GAN tutorial: a `WeightedSum` subclass of
`keras.layers.Add` whose constructor does `self.alpha = K.variable(alpha, name='ws_alpha')`, overrides
`_merge_function` to blend the old (upsampled) and the new block, and a callback that moves alpha from
0 to 1 with `K.set_value` during the fade-in phase.  The generator is built by helper functions that add
one block at a time.  With Keras 3, `tensorflow.keras.backend.variable` still returns a raw
`tf.Variable` (a ResourceVariable), which a Keras 3 layer does not track: the merge layer has no
weights, alpha is not saved with the model, and because `K.variable` is trainable by default the tape
watches a variable the model does not know about.
"""

SOURCE = ("https://github.com/diegobonilla98/FlowerGAN-HQ/blob/"
          "c7ddb0f1df7985761e2660a0931681453d997f3d/WeightedSum.py")
CODES = ("LD003",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py o_progan_fadein_weightedsum_backend_variable.py:
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
warning: Argument `alpha` is deprecated. Use `negative_slope` instead.
as returned: Functional, count_params() = 21030, 10 weights, unbuilt: none
after call: count_params() = 21030, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 1 variables the model does not track: ['ws_alpha:0']
params of the case's own layers: {'weighted_sum': 0}
second call: 0 variables watched that the first call did not use
Own script: type(WeightedSum().alpha) is tensorflow ResourceVariable; the merge layer reports
weights == [] so alpha is neither counted, trainable through Keras, nor saved by model.save()."""

from tensorflow import keras
from tensorflow.keras import backend as K
from tensorflow.keras.layers import (Add, Conv2D, Input, LeakyReLU, UpSampling2D)
from tensorflow.keras.models import Model


# --- WeightedSum.py ---------------------------------------------------------
class WeightedSum(Add):
    def __init__(self, alpha=0.0, **kwargs):
        super(WeightedSum, self).__init__(**kwargs)
        self.alpha = K.variable(alpha, name='ws_alpha')

    def _merge_function(self, inputs):
        assert (len(inputs) == 2)
        output = ((1.0 - self.alpha) * inputs[0]) + (self.alpha * inputs[1])
        return output


# --- FlowerGAN.py (generator growing helpers) -------------------------------
def base_generator_block(in_image, filters=32):
    g = Conv2D(filters, (3, 3), padding='same', kernel_initializer='he_normal')(in_image)
    g = LeakyReLU(alpha=0.2)(g)
    return g


def add_generator_block(old_image, filters=32):
    upsampling = UpSampling2D()(old_image)
    g = Conv2D(filters, (3, 3), padding='same', kernel_initializer='he_normal')(upsampling)
    g = LeakyReLU(alpha=0.2)(g)
    g = Conv2D(filters, (3, 3), padding='same', kernel_initializer='he_normal')(g)
    g = LeakyReLU(alpha=0.2)(g)
    out_old = Conv2D(3, (1, 1), padding='same')(upsampling)
    out_new = Conv2D(3, (1, 1), padding='same')(g)
    merged = WeightedSum()([out_old, out_new])
    return merged


def update_fadein(models, step, n_steps):
    alpha = step / float(n_steps - 1)
    for model in models:
        for layer in model.layers:
            if isinstance(layer, WeightedSum):
                K.set_value(layer.alpha, alpha)


def build_model():
    in_image = Input(shape=(4, 4, 8))
    x = base_generator_block(in_image)
    out = add_generator_block(x)
    return Model(in_image, out, name='generator_fadein_8x8')
