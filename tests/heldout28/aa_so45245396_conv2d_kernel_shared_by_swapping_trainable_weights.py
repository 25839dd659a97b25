"""Two `Conv2D` layers that should share one kernel but differ in padding ('same' vs 'valid'): both
are built by hand, then `conv2.kernel`/`conv2.bias` are replaced by `conv1.kernel`/`conv1.bias`, and
`conv2._trainable_weights` is emptied and refilled with the shared variables, before both layers
are called in a functional model.

From the accepted answer of Stack Overflow question 45245396 ("Can I share weights between keras
layers but have other parameters differ?"), which lists exactly these five steps (build conv1, build
conv2, replace kernel and bias, remove them from `conv2._trainable_weights`, append conv1's). The trick
juggles the private weight list. On Keras 3 the layer's tracker is locked once the layer is built:
`conv2.kernel = conv1.kernel` already raises `ValueError: You cannot add new elements of state
(variables or sub-layers) to a layer that is already built`, and so does
`conv2._trainable_weights.append(...)`; the shared-weight model cannot be made this way (the
assignment `conv2._trainable_weights = []` itself passes silently and just hides an attribute).

Porting edits: 64 filters -> 4, the input 8x8x3; the snippet's statements put in `build_model()`,
which then wires `Model(inp, [conv1(inp), conv2(inp)])` as the question intends.
"""

SOURCE = "https://stackoverflow.com/questions/45245396/can-i-share-weights-between-keras-layers-but-have-other-parameters-differ/45258859"
CODES = ("LD006",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout28/_measure.py tests/heldout28/aa_so45245396_conv2d_kernel_shared_by_swapping_trainable_weights.py:
build_model() raised ValueError: You cannot add new elements of state (variables or sub-layers) to a layer that is already built. All state must be created in the `__init__()` method or in the `build()` method.
Own probe (/tmp/mine28/a/p4.py, each statement in its own try): 'conv2.kernel = conv1.kernel' ValueError (same message),
'conv2.bias = conv1.bias' ValueError, 'conv2._trainable_weights = []' ok (silently sets a plain attribute),
'conv2._trainable_weights.append(conv1.kernel)' ValueError (same message); conv2 keeps its own kernel and bias."""

import keras
from keras.layers import Input, Conv2D
from keras.models import Model


def build_model():
    input_shape = (None, 8, 8, 3)

    conv1 = Conv2D(4, 3, padding='same')
    conv1.build(input_shape)
    conv2 = Conv2D(4, 3, padding='valid')
    conv2.build(input_shape)

    conv2.kernel = conv1.kernel
    conv2.bias = conv1.bias
    conv2._trainable_weights = []
    conv2._trainable_weights.append(conv2.kernel)
    conv2._trainable_weights.append(conv2.bias)

    inp = Input(shape=input_shape[1:])
    x1 = conv1(inp)
    x2 = conv2(inp)
    model = Model(inp, [x1, x2])
    return model
