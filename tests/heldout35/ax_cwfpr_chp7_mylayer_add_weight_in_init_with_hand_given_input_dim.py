"""A learner's chapter-7 exercise: `MyLayer.__init__(input_dim=32, uint=32)` creates its kernel with
`add_weight(shape=(input_dim, uint))` from a hand-given input size; it works only while that size matches.

From cwf86/cwf_pr, `keras/tensorflow_study/cwf_tf_test26.py` ("#Chp7", a study script that follows a book's
custom-layer chapter, itself the TF guide's first `Linear` example): the weight and bias are made with
`self.add_weight(...)` in `__init__`, the kernel's first dimension taken from the `input_dim` argument (default
32), and the script calls `MyLayer(5, 4)` on a (3, 5) tensor. The weights are Keras variables and are tracked,
counted and trained, but the input dimension is fixed by hand at construction: the layer cannot adapt to its
input, and any call on another width fails in the matmul (LD004). The measurement also feeds the default
`MyLayer()` (input_dim=32) a width-5 input, as a reader dropping the arguments would.

Porting edits: none (the `ssl`/`SVG`/matplotlib imports unused by the layer dropped). `build_model()` wires
`MyLayer(5, 4)` functionally on a width-5 input, as the script calls it.
"""

SOURCE = "https://github.com/cwf86/cwf_pr/blob/a4b2b566a4e1a5de4a667c51bcc133cd89bc1c94/keras/tensorflow_study/cwf_tf_test26.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ax/ax_cwfpr_chp7_mylayer_add_weight_in_init_with_hand_given_input_dim.py:
as returned: Functional, count_params() = 24, 2 weights, unbuilt: none
after call: count_params() = 24, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_layer': 24}
second call: 0 variables watched that the first call did not use
probe (probe_ax.py):
MyLayer(5,4) on (3,5): (3, 4) weights built in __init__: [(5, 4), (4,)] built before call: False
MyLayer() (input_dim=32) on (3,5): InvalidArgumentError Exception encountered when calling MyLayer.call().
MyLayer(5,4) on (3,7): InvalidArgumentError Exception encountered when calling MyLayer.call()."""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class MyLayer(layers.Layer):
    def __init__(self,input_dim=32,uint=32):
        super(MyLayer,self).__init__()
        
        self.weight=self.add_weight(shape=(input_dim,uint),
        initializer=keras.initializers.RandomNormal(),trainable=True)
        
        self.bias=self.add_weight(shape=(uint,),
        initializer=keras.initializers.Zeros(),trainable=True)
    def call(self,inputs):
        return tf.matmul(inputs,self.weight)+self.bias


def build_model():
    inputs = keras.Input((5,))
    outputs = MyLayer(5, 4)(inputs)
    return keras.Model(inputs, outputs)
