"""The Keras 1 "Writing your own Keras layers" guide's `MyLayer` creates its kernel with `K.variable(...)` in `build()` and registers it by assigning `self.trainable_weights = [self.W]`; on Keras 3 `trainable_weights` is a read-only property, so the first call raises AttributeError.

From keras-team/keras, `docs/templates/layers/writing-your-own-keras-layers.md` as of May 2016 (the skeleton every
Keras 1 custom layer was copied from; the guide moved to `self.add_weight` in 2017). The defect is the catalog's
LD006: registering weights through the weight lists (here by assigning the public property) instead of
`add_weight`. On Keras 3 the layer builds its `keras.Variable`, then the assignment fails.

Porting edits (to reach the defect on Keras 3): `from keras.engine.topology import Layer` -> `from keras.layers
import Layer`; `K.variable(v)` -> `keras.Variable(v)` and `K.dot` -> `keras.ops.dot` (Keras 3's `keras.backend` has
neither); the guide's `np.random.random((input_dim, output_dim))` reads an undefined bare `output_dim` (a typo of the
guide, NameError before the defect) and reads `self.output_dim` here; `get_output_shape_for` (Keras 1 name) kept
as written. build_model() wires MyLayer(8) on a 16-feature Input, as the guide's users did, and raises what Keras 3
raises.
"""

SOURCE = "https://github.com/keras-team/keras/blob/fc470db7ab915d0e5f8be46c095937b297296fbb/docs/templates/layers/writing-your-own-keras-layers.md"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bn/bn_kerasdocs_mylayer_assigns_trainable_weights_list_in_build.py:
build_model() raised AttributeError: property 'trainable_weights' of 'MyLayer' object has no setter
probe (inline): MyLayer(8) constructs fine; the error is raised inside build(), after keras.Variable(...) was created, by `self.trainable_weights = [self.W]`."""

import keras
from keras.layers import Layer
import numpy as np


class MyLayer(Layer):
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(MyLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        input_dim = input_shape[1]
        initial_weight_value = np.random.random((input_dim, self.output_dim))
        self.W = keras.Variable(initial_weight_value)
        self.trainable_weights = [self.W]

    def call(self, x, mask=None):
        return keras.ops.dot(x, self.W)

    def get_output_shape_for(self, input_shape):
        return (input_shape[0], self.output_dim)


def build_model():
    inputs = keras.Input((16,))
    outputs = MyLayer(8)(inputs)
    return keras.Model(inputs, outputs)
