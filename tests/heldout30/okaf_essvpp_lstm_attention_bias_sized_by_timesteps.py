"""An attention layer over LSTM outputs whose bias is sized by the number of time steps
(`input_shape[1]`), written with `tf.keras.backend` ops and a `build()` that never calls
`super().build()`.

From yousoo0920/ess-vpp-project (`utils/attention.py`), an energy-storage / virtual-power-plant
forecasting project that puts this `Attention` after an LSTM. Looks like the "weight shape tied to
the sequence length", "build without super().build()" and "backend ops on weights lose gradients"
traps. On Keras 3 both weights are tracked, counted and get gradients through tanh/softmax/sum.

Porting edits: `tf.keras.backend.tanh/dot/softmax/sum` (gone from Keras 3) -> `keras.ops.tanh`,
`keras.ops.matmul`, `keras.ops.softmax`, `keras.ops.sum`, one for one; `build_model()` wires the
author's use: `LSTM(8, return_sequences=True)` on 12 steps of 3 features, then `Attention()`, then
`Dense(1)`.
"""

SOURCE = "https://github.com/yousoo0920/ess-vpp-project/blob/05c1206cbb7239f412b8455382ac86d55f06f7c4/utils/attention.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/okaf_essvpp_lstm_attention_bias_sized_by_timesteps.py:
as returned: Functional, count_params() = 413, 7 weights, unbuilt: none
after call: count_params() = 413, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention': 20}
second call: 0 variables watched that the first call did not use
(20 = W (8, 1) + b (12, 1), the bias sized by the 12 time steps.)"""

import keras
from keras import ops
from keras.layers import Layer


class Attention(Layer):
    def __init__(self):
        super(Attention, self).__init__()

    def build(self, input_shape):
        self.W = self.add_weight(name='att_weight', shape=(input_shape[-1], 1),
                                 initializer='random_normal', trainable=True)
        self.b = self.add_weight(name='att_bias', shape=(input_shape[1], 1),
                                 initializer='zeros', trainable=True)

    def call(self, inputs):
        e = ops.tanh(ops.matmul(inputs, self.W) + self.b)
        alpha = ops.softmax(e, axis=1)
        context = inputs * alpha
        context = ops.sum(context, axis=1)
        return context


def build_model():
    inputs = keras.Input((12, 3))
    x = keras.layers.LSTM(8, return_sequences=True)(inputs)
    x = Attention()(x)
    outputs = keras.layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
