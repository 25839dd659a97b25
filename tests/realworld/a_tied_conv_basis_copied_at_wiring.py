"""A Conv1D's kernel copied into a new variable while wiring, then reused as a "basis" for the decoder.

The reporter (a learned-basis source-separation model) wanted one layer's weights as another
layer's input: `basis = K.variable(l.get_weights()[0])` right after calling the Conv1D, then
`Lambda(lambda x: tf.transpose(x, [1, 0, 2]))(basis)`. The copy is a snapshot: an untracked
variable detached from the conv kernel, and the Lambda called on it runs eagerly and produces a
constant. Ported to Keras 3 (keras.Variable, keras.ops); the basis is used in a final matmul.
"""

SOURCE = "https://github.com/keras-team/keras/issues/12333"
CODES = ("LD012", "LD011")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.layers == [InputLayer, Conv1D, Lambda], weights == ['conv1d/kernel'] (count_params() == 128);
the copied `basis` variable is untracked and the first Lambda ran eagerly on it at wiring time, so
the decoder uses a constant: after conv.kernel.assign(2 * kernel) the output doubles (through the
features only) instead of quadrupling as a tied basis would; no warning or error."""

import keras
from keras import ops
from keras.layers import Conv1D, Input, Lambda

N, L = 16, 8


def build_model():
    inputs = Input((64, 1))
    l = Conv1D(filters=N, kernel_size=L, strides=L // 2, use_bias=False)
    feature = l(inputs)                                   # (None, 15, N)
    basis = keras.Variable(l.get_weights()[0])            # (L, 1, N) copy of the kernel
    bss = Lambda(lambda x: ops.transpose(x, [1, 0, 2]))(basis)   # (1, L, N)
    frames = Lambda(lambda t: ops.einsum("btn,oln->btl", t[0], t[1]))([feature, bss])
    return keras.Model(inputs, frames)
