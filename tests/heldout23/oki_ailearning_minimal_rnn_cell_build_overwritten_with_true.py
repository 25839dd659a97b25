"""The Keras-docs MinimalRNNCell as retyped in a study repository: `state_size` set before
`super().__init__()`, both weights named 'kernel', and `self.build = True` at the end of `build()`
(a typo for `self.built = True`), used alone and stacked in `keras.layers.RNN`.

From jiangzhangpeng/AILearning (`learn-keras/layers/recurrent/recurrent-start.py`, `test1()`). Three
things look wrong: (1) attributes are set before the base constructor runs; (2) the recurrent kernel
reuses the name 'kernel'; (3) `self.build = True` shadows the `build` method with a bool, which looks
as if the cell could never be built again or would be left unbuilt. On Keras 3 none of them matters:
plain Python attributes before `super().__init__()` are allowed, weight names need not be unique, and
Keras marks the layer built itself after `build()` returns (the instance attribute `build = True` is
never called again, since `built` is already True). Both cells are tracked through the RNN and all
four weights get gradients.

Porting edits: `import keras as K` + `K.dot` -> `keras.ops.dot` (Keras 3 has no top-level `dot`);
units 32/64 -> 4/6; `test1()`'s second, stacked construction is what `build_model()` returns, wrapped
in a functional model.
"""

SOURCE = "https://github.com/jiangzhangpeng/AILearning/blob/c263ee0435e6381f158b73cffab39e6d03b70c26/learn-keras/layers/recurrent/recurrent-start.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/oki_ailearning_minimal_rnn_cell_build_overwritten_with_true.py:
as returned: Functional, count_params() = 96, 4 weights, unbuilt: none
after call: count_params() = 96, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'minimal_rnn_cell_1': 60, 'minimal_rnn_cell': 36}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine23b/rnnprobe2.py): both cells built (cell.build is the bool True afterwards),
count_params() = 96 = 5*4+4*4 + 4*6+6*6 as intended; every one of the 4 weights gets a non-None,
non-zero gradient (recurrent kernels ~2e-4: small because of the 'uniform' +-0.05 init) and one SGD
fit step changes all 4 weights."""

import keras
from keras import ops
from keras.layers import RNN


# 定义一个RNN单元在，作为网络层子类
class MinimalRNNCell(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        self.units = units
        self.state_size = units
        super(MinimalRNNCell, self).__init__(**kwargs)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer='uniform', name='kernel')
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units), initializer='uniform', name='kernel')
        self.build = True

    def call(self, inputs, states):
        prev_output = states[0]
        h = ops.dot(inputs, self.kernel)
        output = h + ops.dot(prev_output, self.recurrent_kernel)
        return output, [output]


def build_model():
    # 以下是使用单元格构建堆叠的RNN
    cells = [MinimalRNNCell(4), MinimalRNNCell(6)]
    x = keras.Input((None, 5))
    layer = RNN(cells)
    y = layer(x)
    return keras.Model(x, y)
