"""A segmentation GAN feeds the generator's 2-class softmax mask through `Lambda(lambda x: K.cast(K.expand_dims(
K.argmax(x)), "float32"))` into a frozen discriminator: in the combined model every generator weight is
trainable and counted, but argmax/cast cut the graph, so none of them ever gets a gradient.

From eriklindernoren/Keras-GAN issue #61 ("argmax between generator and discriminator", stefat77, 2018): the
user describes `input(h,w,c) --> [GEN] --> out1(h,w,2) --> [LambdaLayer] --> out2(h,w,1) --> [DISCRIMINATOR]
--> val` and quotes the Lambda line kept verbatim below, noting that "the backprop is not working correctly".
The generator and discriminator are written in the style of the repository's own GANs (pix2pix-like: a
small conv generator producing a per-pixel softmax, a PatchGAN-ish conv discriminator); the combined model is
wired the way Keras-GAN wires every GAN: `self.discriminator.trainable = False`, then
`Model(img, valid)` over the generator and the frozen discriminator. The two networks themselves are not in
the issue and are reconstructed small; the defect is the quoted Lambda. Label: LD009 (the generator's
trainable weights reach the loss only through argmax and an int->float cast).

Porting edits: `K` is `keras.ops` (Keras 3's `keras.backend` no longer exports `argmax`/`cast`/`expand_dims`),
and `keras.ops.argmax`/`expand_dims` default to other axes than `K.argmax`/`K.expand_dims` did (-1 for
both), so `axis=-1` is written out;
`LeakyReLU(alpha=...)` is `negative_slope=...`; image size 32x32x3 instead of the user's unknown h,w,c; no
fit. `build_model()` returns the combined model and one batch of 2 images.
"""

SOURCE = "https://github.com/eriklindernoren/Keras-GAN/issues/61"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bj/bj_kerasgan_issue61_argmax_lambda_between_segmentation_generator_and_discriminator_no_gradient.py:
as returned: Functional, count_params() = 11811, 12 weights, unbuilt: none
after call: count_params() = 11811, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 6 of 6 trainable weights: ['conv2d/kernel', 'conv2d/bias', 'conv2d_1/kernel', 'conv2d_1/bias', 'conv2d_2/kernel', 'conv2d_2/bias']
tape watched 6 variables the model does not track: ['conv2d_3/kernel:0', 'conv2d_3/bias:0', 'conv2d_4/kernel:0', 'conv2d_4/bias:0', 'conv2d_5/kernel:0', 'conv2d_5/bias:0']
second call: 0 variables watched that the first call did not use
The 6 trainable weights are the generator's three convolutions, all with a None gradient; the 6 watched
variables are the frozen discriminator's (trainable=False, so outside the trainable list on purpose). No
warning from Keras about the argmax at build or call time."""

import numpy as np
import keras
from keras import ops as K
from keras.layers import Input, Conv2D, LeakyReLU, Lambda, Activation
from keras.models import Model

IMG_SHAPE = (32, 32, 3)


def build_generator():
    img = Input(shape=IMG_SHAPE)
    x = Conv2D(16, kernel_size=3, padding="same")(img)
    x = LeakyReLU(negative_slope=0.2)(x)
    x = Conv2D(16, kernel_size=3, padding="same")(x)
    x = LeakyReLU(negative_slope=0.2)(x)
    x = Conv2D(2, kernel_size=1, padding="same")(x)
    out1 = Activation("softmax")(x)  # per-pixel probability over 2 classes
    return Model(img, out1, name="generator")


def build_discriminator():
    mask = Input(shape=IMG_SHAPE[:2] + (1,))
    d = Conv2D(16, kernel_size=4, strides=2, padding="same")(mask)
    d = LeakyReLU(negative_slope=0.2)(d)
    d = Conv2D(32, kernel_size=4, strides=2, padding="same")(d)
    d = LeakyReLU(negative_slope=0.2)(d)
    validity = Conv2D(1, kernel_size=4, strides=1, padding="same")(d)
    return Model(mask, validity, name="discriminator")


def build_model():
    generator = build_generator()
    discriminator = build_discriminator()
    discriminator.compile(loss="mse", optimizer="adam")

    # The combined model (stacked generator and discriminator)
    img = Input(shape=IMG_SHAPE)
    out1 = generator(img)
    # the line from the issue
    out2 = Lambda(lambda x: K.cast(K.expand_dims(K.argmax(x, axis=-1), axis=-1), dtype="float32"))(out1)

    # For the combined model we will only train the generator
    discriminator.trainable = False
    valid = discriminator(out2)
    combined = Model(img, valid)

    x = np.random.default_rng(0).uniform(-1, 1, (2,) + IMG_SHAPE).astype("float32")
    return combined, x
