"""An attentional LSTM for answer selection (Tan et al. 2016) written as a `Wrapper` around an
`LSTM`: `build()` builds the wrapped LSTM, creates the attention parameters U_a, U_m, U_s,
b_a, b_m, b_s, then ends with `self.trainable_weights = [self.U_a, ..., self.b_s]`.

The report: "This statement overwrites the trainable_weights of the inner LSTM layer. It should
add to the weights of the LSTM Layer instead." On the Keras the code was written for, the
wrapped LSTM's kernels silently dropped out of training; on Keras 3 `trainable_weights` is a
read-only property, so the assignment raises in `build()` when the wrapper is first called.

Porting edits: Keras 1 `Wrapper`/`K.zeros`/`layer.inner_init(...)` -> Keras 3 `Wrapper` with
`add_weight` (orthogonal for U_*, zeros for b_*), keeping the author's names and the final
assignment; the attention vector, a symbolic tensor captured in `__init__` in Keras 1, is passed
as the second input of the call; the hand-written `K.rnn` step loop replaced by the vectorised
form of the same gate (LSTM sequences, then `m = tanh(h U_a * (a U_m + b_m) + b_a)`,
`s = sigmoid(m U_s + b_s)`, `h * s`); sizes shrunk (12 steps of 16 features, 8 units).
"""

SOURCE = "https://github.com/codekansas/keras-language-modeling/issues/33"
CODES = ("LD006",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/z_codekansas_attention_lstm_wrapper_assigns_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'AttentionLSTMWrapper' object has no setter
Own check (/tmp/mine18b/codekansas_fixed.py: the same file with the assignment's target renamed to
a local): Functional, count_params() = 953, 9 weights (LSTM kernel, recurrent_kernel, bias + the
six attention weights), unbuilt: none, gradient None for 0 of 9 - the assignment is the only
defect."""

import keras
from keras import activations, ops
from keras.layers import LSTM, Wrapper


class AttentionLSTMWrapper(Wrapper):
    def __init__(self, layer, attn_activation='tanh', single_attention_param=False, **kwargs):
        assert isinstance(layer, LSTM)
        self.attn_activation = activations.get(attn_activation)
        self.single_attention_param = single_attention_param
        super(AttentionLSTMWrapper, self).__init__(layer, **kwargs)
        self.supports_masking = True

    def build(self, input_shape):
        x_shape, attention_shape = input_shape
        assert len(x_shape) >= 3

        if not self.layer.built:
            self.layer.build(x_shape)

        attention_dim = attention_shape[-1]
        units = self.layer.units

        self.U_a = self.add_weight(shape=(units, units), initializer='orthogonal', name='{}_U_a'.format(self.name))
        self.b_a = self.add_weight(shape=(units,), initializer='zeros', name='{}_b_a'.format(self.name))

        self.U_m = self.add_weight(shape=(attention_dim, units), initializer='orthogonal', name='{}_U_m'.format(self.name))
        self.b_m = self.add_weight(shape=(units,), initializer='zeros', name='{}_b_m'.format(self.name))

        if self.single_attention_param:
            self.U_s = self.add_weight(shape=(units, 1), initializer='orthogonal', name='{}_U_s'.format(self.name))
            self.b_s = self.add_weight(shape=(1,), initializer='zeros', name='{}_b_s'.format(self.name))
        else:
            self.U_s = self.add_weight(shape=(units, units), initializer='orthogonal', name='{}_U_s'.format(self.name))
            self.b_s = self.add_weight(shape=(units,), initializer='zeros', name='{}_b_s'.format(self.name))

        self.trainable_weights = [self.U_a, self.U_m, self.U_s, self.b_a, self.b_m, self.b_s]

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape[0])

    def call(self, inputs, mask=None):
        x, attention_vec = inputs
        h = self.layer(x)
        attention = ops.matmul(attention_vec, self.U_m) + self.b_m
        m = self.attn_activation(ops.matmul(h, self.U_a) * ops.expand_dims(attention, 1) + self.b_a)
        s = ops.sigmoid(ops.matmul(m, self.U_s) + self.b_s)
        return h * s


def build_model():
    question = keras.Input(shape=(12, 16))
    answer_summary = keras.Input(shape=(8,))
    lstm = LSTM(8, return_sequences=True)
    out = AttentionLSTMWrapper(lstm, single_attention_param=True)([question, answer_summary])
    return keras.Model([question, answer_summary], out)
