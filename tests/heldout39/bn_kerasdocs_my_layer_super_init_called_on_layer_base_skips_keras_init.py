"""An early draft of the Keras "Writing your own Keras layers" guide calls `super(Layer, self).__init__(**kwargs)` inside `my_layer.__init__`: the lookup starts above `Layer`, so `Layer.__init__` never runs, and Keras 3 refuses the layer on its first call ("you forgot to call `super().__init__()`").

From keras-team/keras, `docs/templates/layers/writing-your-own-keras-lqyers.md` (the misspelt first version of the
guide, May 2016). Besides the wrong class in `super()`, the snippet sets `self.output_dim` before the super call (a
plain setting, harmless by itself) and registers its weight by assigning `self.trainable_weights` (LD006, not reached
on Keras 3 because the missing base init is caught first). Labelled LD013 (super().__init__ of the layer never
effectively called); the trainable_weights assignment is a separate defect, see the companion case from the later
revision of the guide.

Porting edits: `from keras.engine.topology import Layer` -> `from keras.layers import Layer`; `import numpy as np`
added (the draft uses `np` without importing it); `K.variable` / `K.dot` become `keras.Variable` / `keras.ops.dot`;
the bare `output_dim` in `build()` is kept as written (never reached). build_model() wires my_layer(8) on a
16-feature Input and raises what Keras 3 raises.
"""

SOURCE = "https://github.com/keras-team/keras/blob/36cc50803021b21deefb053ad53e39e8442184e5/docs/templates/layers/writing-your-own-keras-lqyers.md"
CODES = ("LD013",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bn/bn_kerasdocs_my_layer_super_init_called_on_layer_base_skips_keras_init.py:
build_model() raised RuntimeError: In layer 'my_layer', you forgot to call `super().__init__()` as the first statement in the `__init__()` method. Go add it!
probe (inline): my_layer(8) itself constructs without error; the RuntimeError comes at the first call, before build() runs (so neither the bare `output_dim` nor the trainable_weights assignment is reached)."""

import keras
from keras.layers import Layer
import numpy as np


class my_layer(Layer):
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(Layer, self).__init__(**kwargs)

    def build(self, input_shape):
        input_dim = input_shape[1]
        initial_weight_value = np.random.random((input_dim, output_dim))  # noqa: F821 - as in the guide
        self.W = keras.Variable(initial_weight_value)
        self.trainable_weights = [self.W]

    def call(self, x, mask=None):
        return keras.ops.dot(x, self.W)

    def get_output_shape_for(self, input_shape):
        return (input_shape[0] + self.output_dim)


def build_model():
    inputs = keras.Input((16,))
    outputs = my_layer(8)(inputs)
    return keras.Model(inputs, outputs)
