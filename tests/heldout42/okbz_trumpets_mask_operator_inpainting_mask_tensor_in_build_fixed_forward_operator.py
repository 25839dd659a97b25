"""Trumpets' inverse-problem `Mask` operator keeps its mask as a plain tensor on `self`
(`self.mask = tf.convert_to_tensor(mask)`, built in `build()` from a NumPy array) and multiplies by it in `call()`:
looks like LD001, but the mask is the fixed forward operator of an inpainting problem (a centred square of zeros
whose size is a constructor setting), not a weight. It is recomputed identically from `size` and the input shape on
every build, nothing is meant to learn it, and 0 parameters is the intended count.

From swing-research/trumpets (Kothari et al., "Trumpets: Injective Flows for Inference and Inverse Problems", UAI
2021; TF 2 code whose datasets include 128x128 chest X-rays), `operators.py`. The module defines a Keras `Operator`
base layer (`call`, its adjoint `T`, `save`) and the forward operators the paper's solvers invert: `CT` (a Radon
matrix), `SuperResolution`, `RandomMask`, `Mask` and `RandomGaussian`. `Mask.build(input_shape)` makes a (1, h, w, 1)
NumPy array of ones, zeroes a `size` x `size` square in the centre and keeps it as a tensor; `call(x)` and `T(x)`
return `x * self.mask`; `save(path)` writes it with `np.save` next to the results. The solvers then fit latent codes
with `tf.GradientTape` through `self.op(x)`, so the operator must be differentiable in its input, not trainable.

Porting edits: only `Operator` and `Mask` are kept (the other operators need scikit-image's `radon` or are random and
out of scope); the imports of tqdm/cv2/skimage are dropped. The model is ours: the measurement step of the paper's
chest-X-ray inpainting, `keras.Input((128, 128, 1))` -> `Mask(size=20)`, followed by a small Conv2D reconstruction
head (the repository reconstructs with its flow model instead), so the model has trainable weights to contrast with.
"""

SOURCE = "https://github.com/swing-research/trumpets/blob/c6c4f3e6b9b1b8e565d6c7391540894519d69dd6/operators.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/bz/okbz_trumpets_mask_operator_inpainting_mask_tensor_in_build_fixed_forward_operator.py:
as returned: Functional, count_params() = 305, 4 weights, unbuilt: none
after call: count_params() = 305, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mask': 0}
second call: 0 variables watched that the first call did not use
probe_mask.py: Mask.mask is an EagerTensor (1, 128, 128, 1) with 400 zeros (the 20x20 hole), identical in two
independently built models; a GradientTape through mask(x) w.r.t. an input tf.Variable (the solvers' pattern)
gives a gradient that is zero exactly inside the hole. No warning printed."""

import numpy as np
import os
import tensorflow as tf
import tensorflow.keras.layers as layers


class Operator(layers.Layer):
    """Base class of operators"""
    def __init__(self):
        super(Operator, self).__init__()
        self.opname = 'opname'

    def call(self, x):
        return x

    def T(self, x):
        return x

    def save(self, path):
        return None


class Mask(Operator):
    """Builds a square mask operator in the center of the image"""

    def __init__(self, size=20):
        super(Mask, self).__init__()
        self.size = size
        self.opname = 'mask_size_%f'%self.size

    def build(self, input_shape):
        h,w = input_shape[1:3]
        shape = (1,h,w,1)
        sh = h//2 - self.size//2
        eh = sh + self.size 
        sw = w//2 - self.size//2
        ew = sw + self.size 
        mask = np.ones(shape, dtype=np.float32)
        mask[0,sh:eh, sw:ew,0] *= 0.0

        self.mask = tf.convert_to_tensor(mask, dtype=tf.float32)

    def call(self, x):
        return x*self.mask

    def T(self, x):
        return x*self.mask

    def save(self, path):
        np.save(os.path.join(path, 'mask'), self.mask.numpy())
        return None


def build_model():
    image = tf.keras.Input((128, 128, 1))
    measurement = Mask(size=20)(image)
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(measurement)
    recon = layers.Conv2D(1, 3, padding="same")(h)
    return tf.keras.Model(image, recon)
