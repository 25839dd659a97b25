"""A low-rank (DLRT) classification head on a frozen VGG16 backbone: the model's `build_model()` builds the
two low-rank blocks by hand but not the output `Linear`, whose weights are made only in its own
`build_model()`; the first call of the model fails on the missing `self.w`.

From uiag/DLRT-Testing (`src/networks/conv_dlra_nets.py`, class `VGG15DLRANHead`, with `Linear` and the
low-rank block from `src/networks/dense_layers.py`). The author's layers create their weights in a method
named `build_model()` (not Keras's `build()`), so Keras never builds them; the model's own
`build_model()` calls it for `dlraBlock1` and `dlraBlock2` only. `self.dlraBlockOutput = Linear(...)` is
never built: its `add_weight` calls never run, and calling the model raises AttributeError on
`self.w` (Keras 3 wraps it as "Exception encountered when calling Linear.call()").

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); `VGG16(weights='imagenet')` ->
`weights=None` with a 32x32x3 input (no download); the adaptive low-rank block (`DLRALayerAdaptive`,
k/l/s steps, QR updates, rank adaption) reduced to the fixed-rank `DLRTLayer` of the same file with its
k-step call (`step=0`) and only the weights that step reads plus the ones it builds; widths 512/4096/4096
-> 512/16/16, rank 20 -> 4; `@tf.function` on `call` dropped; the save/load/step helpers left out.
`build_model()` builds the model the author's way (constructor, then `model.build_model()`) and returns
it with two 32x32 images.
"""

SOURCE = "https://github.com/uiag/DLRT-Testing/blob/c394cab00054582cc8265d43a02dfa5ee08b7c41/src/networks/conv_dlra_nets.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/ad_dlrt_vgg16_head_linear_output_never_built.py:
as returned: VGG15DLRANHead, count_params() = count_params() raised ValueError, 38 weights, unbuilt: ['Flatten:flatten', 'DLRTLayer:dlrt_layer', 'DLRTLayer:dlrt_layer_1', 'Linear:linear']
call 1 raised AttributeError: Exception encountered when calling Linear.call().
Own probe (/tmp/mine29b/probe1.py): after model.build_model(): dlraBlock1 has 6 weights (built flag False,
its build_model() never calls build()); dlraBlockOutput has 0 weights, built False, hasattr(w) False;
model(x) -> AttributeError "'Linear' object has no attribute 'w'"."""

import numpy as np
import tensorflow as tf
import keras
from keras.applications.vgg16 import VGG16


class Linear(keras.layers.Layer):
    # same as denseLinear, but without activation
    def __init__(self, units=32, input_dim=32, name="linear", **kwargs):
        super(Linear, self).__init__(**kwargs)
        self.units = units
        self.input_dim = input_dim

    def build_model(self):
        self.w = self.add_weight(shape=(self.input_dim, self.units), initializer="random_normal", trainable=True, )
        self.b = self.add_weight(shape=(self.units,), initializer="random_normal", trainable=True)
        super(Linear, self).build(self.input_dim)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


class DLRTLayer(keras.layers.Layer):
    def __init__(self, input_dim: int, units=32, low_rank=10, name="dlra_block", **kwargs):
        super(DLRTLayer, self).__init__(**kwargs)
        self.units = units
        self.low_rank = low_rank
        self.input_dim = input_dim

    def build_model(self):
        self.k = self.add_weight(shape=(self.input_dim, self.low_rank), initializer="random_normal",
                                 trainable=True, name="k_")
        self.l_t = self.add_weight(shape=(self.low_rank, self.units), initializer="random_normal",
                                   trainable=True, name="lt_")
        self.s = self.add_weight(shape=(self.low_rank, self.low_rank), initializer="random_normal",
                                 trainable=True, name="s_")
        self.b = self.add_weight(shape=(self.units,), initializer="random_normal", trainable=True, name="b_")
        # auxiliary variables
        self.aux_b = self.add_weight(shape=(self.units,), initializer="random_normal", trainable=False, name="aux_b")
        self.aux_b.assign(self.b)  # non trainable bias or k and l step
        self.aux_Vt = self.add_weight(shape=(self.low_rank, self.units), initializer="random_normal",
                                      trainable=False, name="aux_Vt")
        return 0

    def call(self, inputs, step: int = 0):
        if step == 0:  # k-step
            z = tf.matmul(tf.matmul(inputs, self.k), self.aux_Vt) + self.aux_b
        else:  # s-step (l-step and its auxiliary matrices left out)
            z = tf.matmul(tf.matmul(inputs, self.k), self.s) @ self.l_t + self.b
        return tf.keras.activations.relu(z)


class VGG15DLRANHead(keras.Model):

    def __init__(self, low_rank=4, image_dims=(32, 32, 3), output_dim=10, name="VGG15DLRANHead", **kwargs):
        super(VGG15DLRANHead, self).__init__(name=name, **kwargs)

        # vgg16_body
        self.vgg16_body = VGG16(weights=None, include_top=False, input_shape=image_dims)
        # deactivate training for that
        self.vgg16_body.trainable = False

        self.flatten_layer = keras.layers.Flatten()

        self.dlraBlock1 = DLRTLayer(input_dim=512, units=16, low_rank=low_rank)
        self.dlraBlock2 = DLRTLayer(input_dim=16, units=16, low_rank=low_rank)
        self.dlraBlockOutput = Linear(input_dim=16, units=output_dim)

    def build_model(self):
        self.dlraBlock1.build_model()
        self.dlraBlock2.build_model()

        return 0

    def call(self, inputs, step: int = 0):
        z = self.vgg16_body(inputs)
        z = self.flatten_layer(z)
        z = self.dlraBlock1(z, step=step)
        z = self.dlraBlock2(z, step=step)
        z = self.dlraBlockOutput(z)

        return z


def build_model():
    model = VGG15DLRANHead(low_rank=4, image_dims=(32, 32, 3), output_dim=10)
    model.build_model()
    images = np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32")
    return model, images
