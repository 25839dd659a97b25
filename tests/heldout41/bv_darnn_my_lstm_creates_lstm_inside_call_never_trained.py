"""A DA-RNN time-series repository's `My_LSTM` layer builds `LSTM(self.output_dim, return_sequences=True)` inside
`call()` and applies it (LD002): the LSTM's weights belong to no layer of the model, 0 parameters are counted,
and every call on data runs a fresh, randomly initialised LSTM that is never trained.

From chensvm/A-Dual-Stage-Attention-Based-Recurrent-Neural-Network-for-Time-Series-Prediction (a Keras port of
DA-RNN for NASDAQ-100 forecasting), `DARNN/layer_definition.py`. The file defines `My_Dot` (an `add_weight` kernel in
`build()`, correct), `My_Transpose` (no state) and `My_LSTM`, whose `build()` only calls `super().build()` and whose
`call(inputs)` is `output_sequence = LSTM(self.output_dim, return_sequences=True)(inputs); return
output_sequence`. The module ends with the author's own check, `a = Input(shape=(10,50)); b =
My_LSTM(output_dim=5)(a); model = Model(inputs=a, outputs=b)`, which build_model() reproduces. (The repository's
issue #2 asks how `My_Dot` differs from `Dense`; nobody noticed `My_LSTM`.)

Porting edits: `from keras.engine.topology import Layer` -> `from keras.layers import Layer`, and `Merge` (removed in
Keras 2.2) dropped from the import; the `print(a)`/`print(b)` lines are left out. The author's
`compute_output_shape` returns `(input_shape[0], self.output_dim)`, which is wrong (the LSTM returns sequences); it
is kept as written, so the functional model's declared output shape is (None, 5) while a real call returns
(batch, 10, 5).
"""

SOURCE = "https://github.com/chensvm/A-Dual-Stage-Attention-Based-Recurrent-Neural-Network-for-Time-Series-Prediction/blob/30bf43ec9a21e977ea850adcd08d0b0355eefc2c/DARNN/layer_definition.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bv/bv_darnn_my_lstm_creates_lstm_inside_call_never_trained.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 3 variables the model does not track: ['functional/my_lstm/lstm/lstm_cell/kernel:0', 'functional/my_lstm/lstm/lstm_cell/recurrent_kernel:0', 'functional/my_lstm/lstm/lstm_cell/bias:0']
params of the case's own layers: {'my_lstm': 0}
second call: 3 variables watched that the first call did not use
probe (probe_calls.py): declared output shape (None, 5); two calls on the same (2, 10, 50) input return (2, 10, 5)
outputs that differ (max abs diff 0.635: a new random LSTM each call); the tape watched 3 variables while
model.trainable_weights has 0 and count_params() is 0. No warning or exception printed."""

from keras import backend as K
from keras.layers import Layer
from keras.layers import Input, LSTM, Add
from keras.models import Model


class My_LSTM(Layer):
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(My_LSTM, self).__init__(**kwargs)

    def build(self, input_shape):
        super(My_LSTM, self).build(input_shape)

    def call(self, inputs, **kwargs):
        output_sequence = LSTM(self.output_dim, return_sequences=True)(inputs)
        #output = K.sum(output_sequence,axis=1)
        return output_sequence

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)


def build_model():
    a = Input(shape=(10, 50))
    b = My_LSTM(output_dim=5)(a)
    model = Model(inputs=a, outputs=b)
    return model
