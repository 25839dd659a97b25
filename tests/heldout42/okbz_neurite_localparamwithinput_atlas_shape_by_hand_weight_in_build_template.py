"""neurite's `LocalParamWithInput` (the learnable atlas of VoxelMorph's template construction) takes the shape of its
weight by hand (`shape=(*inshape, atlas_feats)`), stores it before `super().__init__()`, and makes `tf.zeros`/
`tf.ones` inside `call()`: it looks like LD004 (a hand-typed dimension), LD013 (a setting before super) and LD002
(tensors made in `call()`), but it is correct. The hand-typed shape is the shape of the parameter itself (the
template image), not the width of the input, and the weight is created in `build()` with `add_weight`; the input is
only read for its batch size; `shape`, `initializer` and `biasmult` are plain settings `Layer.__init__` does not
touch; the `tf.zeros((1,))`/`tf.ones((1,))` are arithmetic constants, not state. The atlas gets a gradient and is
counted.

From adalca/neurite (neural networks for medical image analysis, the library under VoxelMorph),
`neurite/tf/layers.py` at d931ac7 (2023-12-16). `LocalParamWithInput(shape, initializer='RandomNormal', mult=1.0)`
prints a hint to use `LocalParam`, builds `kernel` with `add_weight(shape=self.shape)` and in `call(x)` broadcasts
it to the batch through `K.batch_flatten(x)[:, 0:1] * tf.zeros((1,)) + tf.ones((1,))`. VoxelMorph's
`TemplateCreation` (voxelmorph/tf/networks.py) builds `ne.layers.LocalParamWithInput(shape=(*inshape, atlas_feats),
mult=1.0, initializer=KI.RandomNormal(mean=0.0, stddev=1e-7), name='atlas')` on the source image input and registers
the atlas to each subject, learning the population template of brain MRI scans.

Porting edits: the layer is copied as written (the print kept); `K` is `tensorflow.keras.backend`. build_model() keeps
the atlas part of `TemplateCreation(inshape=(64, 64))`: the source input, the `atlas` layer on it, and, standing in
for the `VxmDense` registration network that follows (U-Net, flow, SpatialTransformer; not ported), a concatenation
of atlas and source into two Conv2D layers predicting a 2-channel flow field; the outputs are the atlas and the flow.
"""

SOURCE = "https://github.com/adalca/neurite/blob/d931ac70b12914a80f7e95c486d716d510c1be2c/neurite/tf/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/bz/okbz_neurite_localparamwithinput_atlas_shape_by_hand_weight_in_build_template.py:
LocalParamWithInput: Consider using neuron.layers.LocalParam()
as returned: Functional, count_params() = 4690, 5 weights, unbuilt: none
after call: count_params() = 4690, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'atlas': 4096}
second call: 0 variables watched that the first call did not use
(The print is the layer's own hint; the UserWarning about the structure of inputs comes from passing one array to a
model declared with inputs=[source_input], as TemplateCreation declares it.)
probe_atlas.py: after construction the setting shape == (64, 64, 1) (not reset by Layer.__init__); the kernel is a
trainable (64, 64, 1) weight; a batch of 3 gives an atlas output (3, 64, 64, 1), and the gradient of an
atlas-to-image loss w.r.t. the kernel is non-zero (norm 0.0164)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Layer
import tensorflow.keras.initializers as KI
import tensorflow.keras.layers as KL


class LocalParamWithInput(Layer):
    """ 
    Update 9/29/2019 - TODO: should try ne.layers.LocalParam() again after update.

    The neuron.layers.LocalParam has an issue where _keras_shape 
        gets lost upon calling get_output :(

    tried using call() but this requires an input (or i don't know how to fix it)
    the fix was that after the return, for every time that tensor would be used i would 
        need to do something like
        new_vec._keras_shape = old_vec._keras_shape
    which messed up the code. 
        Instead, we'll do this quick version where we need an input, but we'll ignore it.

    this doesn't have the _keras_shape issue since we built on the input and use call()
    """

    def __init__(self, shape, initializer='RandomNormal', mult=1.0, **kwargs):
        self.shape = shape
        self.initializer = initializer
        self.biasmult = mult
        print('LocalParamWithInput: Consider using neuron.layers.LocalParam()')
        super().__init__(**kwargs)

    def get_config(self):
        config = super().get_config().copy()
        config.update({
            'shape': self.shape,
        })
        return config

    def build(self, input_shape):
        self.kernel = self.add_weight(name='kernel',
                                      shape=self.shape,  # input_shape[1:]
                                      initializer=self.initializer,
                                      trainable=True)
        super().build(input_shape)  # Be sure to call this somewhere!

    def call(self, x):
        # want the x variable for it's keras properties and the batch.
        xslice = K.batch_flatten(x)[:, 0:1]
        b = xslice * tf.zeros((1,), dtype=x.dtype) + tf.ones((1,), dtype=x.dtype)
        # b = K.batch_flatten(0 * x)[:, 0:1] + 1
        params = K.flatten(self.kernel * self.biasmult)[tf.newaxis, ...]
        return K.reshape(K.dot(b, params), [-1, *self.shape])

    def compute_output_shape(self, input_shape):
        return (input_shape[0], *self.shape)


def build_model(inshape=(64, 64), atlas_feats=1, src_feats=1):
    # configure inputs
    source_input = tf.keras.Input(shape=[*inshape, src_feats], name='source_input')

    # pre-warp (atlas) model
    atlas_layer = LocalParamWithInput(
        shape=(*inshape, atlas_feats),
        mult=1.0,
        initializer=KI.RandomNormal(mean=0.0, stddev=1e-7),
        name='atlas'
    )
    atlas_tensor = atlas_layer(source_input)

    # stand-in for VxmDense(inshape, bidir=True, input_model=warp_input_model): a flow from (atlas, source)
    x = KL.concatenate([atlas_tensor, source_input])
    x = KL.Conv2D(16, 3, padding='same', activation='relu')(x)
    flow = KL.Conv2D(len(inshape), 3, padding='same', name='flow')(x)
    return tf.keras.Model(inputs=[source_input], outputs=[atlas_tensor, flow])
