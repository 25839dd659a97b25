"""A pruning `pruned_Dense` layer that keeps a non-trainable 0/1 `mask` next to its kernel and, in
`build()`, hands Keras the trainable list itself: `self.trainable_weights = [self.weight, self.bias]`.

From tarujg/keras-deep-compression (`tensor-decomposition/utils/pruned_layers.py`, the layer the
repository's Deep Compression pruning experiments use). Written for Keras 2, where a `trainable_weights`
setter did not exist either but the old base layer let the attribute through; on Keras 3
`trainable_weights` is a read-only property of `Layer` and the assignment raises, so the layer cannot
be built.

Porting edits: `keras.engine.topology.Layer` -> `keras.layers.Layer`; `K.dot` -> `keras.ops.dot`;
the author's `self.dtype = 'float32'` before `super().__init__()` -> `kwargs.setdefault('dtype', 'float32')`
(Keras 3's `dtype` is a read-only property: as written, the constructor raises "property 'dtype' of
'pruned_Dense' object has no setter" before the bug is reached; `self.dtype` is still 'float32');
`K.get_value(self.mask)` -> `keras.ops.convert_to_numpy(self.mask)` and `K.set_value(self.mask, mask)`
-> `self.mask.assign(mask)` in the two helper methods (not called here); a Sequential of
`pruned_Dense(8)` and `pruned_Dense(2)` on 4 features, as in the repository's LeNet-300-100 scaled down.
"""

SOURCE = "https://github.com/tarujg/keras-deep-compression/blob/65052de8945c673fd666fdf128c06a78377d19bf/tensor-decomposition/utils/pruned_layers.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/ag_deepcompression_pruned_dense_assigns_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'pruned_Dense' object has no setter
(raised from `self.trainable_weights = [self.weight, self.bias]` in build(), while the Sequential is
built from its Input: no model comes back.)
Before the dtype porting edit, the same command on the author's constructor printed:
build_model() raised AttributeError: property 'dtype' of 'pruned_Dense' object has no setter"""

import keras
from keras import ops
from keras.layers import Layer


class pruned_Dense(Layer):
    def __init__(self, output_neurons, **kwargs):
        self.num_output = output_neurons
        kwargs.setdefault('dtype', 'float32')
        super(pruned_Dense, self).__init__(**kwargs)

    def build(self, input_shape):
        num_input = input_shape[1]
        shape = (num_input, self.num_output)

        # initialize the weight matrix and bias, i.e., trainable variables
        self.weight = self.add_weight(shape=shape, initializer="glorot_normal", dtype=self.dtype,
                                      name='weight', trainable=True)
        self.bias = self.add_weight(shape=(self.num_output,), initializer="zeros", name='bias', trainable=True)

        self.trainable_weights = [self.weight, self.bias]

        # non-trainable weight for pruning (only 0 or 1, where 0 is for pruning)
        self.mask = self.add_weight(shape=shape, initializer="ones", dtype=self.dtype, name='mask', trainable=False)

        super(pruned_Dense, self).build(input_shape)

    def call(self, x):
        # forward pass of layer
        pruned_weight = self.weight * self.mask
        out = ops.dot(x, pruned_weight) + self.bias
        return out

    def compute_output_shape(self, input_shape):
        # defines layers output shape
        return input_shape[0], self.num_output

    def get_mask(self):
        # get the mask values
        return ops.convert_to_numpy(self.mask)

    def set_mask(self, mask):
        # updates mask values for layer
        self.mask.assign(mask)


def build_model():
    model = keras.Sequential([
        keras.Input((4,)),
        pruned_Dense(8),
        pruned_Dense(2),
    ])
    return model
