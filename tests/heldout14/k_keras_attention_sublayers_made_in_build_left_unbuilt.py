"""keras-attention (philipperemy): Attention layer makes its Dense sublayers in build() but never builds them there.

The library's many-to-one `Attention` layer creates all of its sublayers (three Dense score matrices
for the Bahdanau score, the Dense `attention_vector`, a `Lambda` slicing the last hidden state,
Dot/Activation/Concatenate/RepeatVector/Add) inside build(), calls `super().build()`, and declares
`compute_output_shape`. On Keras 3 a layer with compute_output_shape is wired into a functional model
without tracing call(), and build() only instantiates the sublayers: right after construction the
model summary shows `attention (Attention) ... 0` params, and `load_weights` into a freshly built model
fails with "Layer 'bahdanau_v' was never built ... The layer is owned by a parent layer that
implements a build() method, but calling the parent's build() method did NOT create the state of the
child layer". The sublayers only get weights on the first call on data.

Port: `tensorflow.keras` -> `keras`; `K.name_scope` -> `keras.name_scope`, `K.squeeze` -> `keras.ops.squeeze`;
the KERAS_ATTENTION_DEBUG switch (Attention as a plain object) is left out together with the
`__call__` override that exists only for it (kept, it makes Keras 3 raise "got multiple values for
argument 'training'" on the first call, before anything is built).
"""

SOURCE = "https://github.com/philipperemy/keras-attention/blob/3944c330253a0f954a98515789ec5ad661bdf37b/attention/attention.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py k_keras_attention_sublayers_made_in_build_left_unbuilt.py:
as returned: Functional, count_params() = 1185, 5 weights, unbuilt: ['Dense:attention_vector', 'Concatenate:attention_output', 'Dot:context_vector', 'Lambda:last_hidden_state', 'Add:add', 'RepeatVector:repeat_vector', 'Dense:bahdanau_w2', 'Dense:bahdanau_w1', 'Dense:bahdanau_v']
after call: count_params() = 2737, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
params of the case's own layers: {'attention': 1552}
Own script: model.summary() right after build_model() shows "attention (Attention) (None, 32) 0" and Total params 1,185;
save_weights() of a called model then load_weights() into a fresh build_model() raises ValueError "A total of 4 objects
could not be loaded ... Layer 'bahdanau_v' was never built and thus it doesn't have any variables. However the weights
file lists 1 variables for this layer." (the 1,552 attention params appear only after a first call on data).
With the library's __call__ override kept, the first call raises TypeError "Attention.__call__() got multiple values
for argument 'training'" and the sublayers stay unbuilt for good."""

import keras
from keras.layers import Activation, Add, Concatenate, Dense, Dot, Input, Lambda, Layer, LSTM, RepeatVector


class Attention(Layer):
    SCORE_LUONG = 'luong'
    SCORE_BAHDANAU = 'bahdanau'

    def __init__(self, units: int = 128, score: str = 'luong', **kwargs):
        super(Attention, self).__init__(**kwargs)
        if score not in {self.SCORE_LUONG, self.SCORE_BAHDANAU}:
            raise ValueError(f'Possible values for score are: [{self.SCORE_LUONG}] and [{self.SCORE_BAHDANAU}].')
        self.units = units
        self.score = score

    # noinspection PyAttributeOutsideInit
    def build(self, input_shape):
        input_dim = int(input_shape[-1])
        with keras.name_scope(self.name):
            # W in W*h_S.
            if self.score == self.SCORE_LUONG:
                self.luong_w = Dense(input_dim, use_bias=False, name='luong_w')
                # dot : last hidden state H_t and every hidden state H_s.
                self.luong_dot = Dot(axes=[1, 2], name='attention_score')
            else:
                # Dense implements the operation: output = activation(dot(input, kernel) + bias)
                self.bahdanau_v = Dense(1, use_bias=False, name='bahdanau_v')
                self.bahdanau_w1 = Dense(input_dim, use_bias=False, name='bahdanau_w1')
                self.bahdanau_w2 = Dense(input_dim, use_bias=False, name='bahdanau_w2')
                self.bahdanau_repeat = RepeatVector(input_shape[1])
                self.bahdanau_tanh = Activation('tanh', name='bahdanau_tanh')
                self.bahdanau_add = Add()

            self.h_t = Lambda(lambda x: x[:, -1, :], output_shape=(input_dim,), name='last_hidden_state')

            # exp / sum(exp) -> softmax.
            self.softmax_normalizer = Activation('softmax', name='attention_weight')

            # dot : score * every hidden state H_s.
            self.dot_context = Dot(axes=[1, 1], name='context_vector')

            # [Ct; ht]
            self.concat_c_h = Concatenate(name='attention_output')

            # x -> tanh(w_c(x))
            self.w_c = Dense(self.units, use_bias=False, activation='tanh', name='attention_vector')
        super(Attention, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        return input_shape[0], self.units


    # noinspection PyUnusedLocal
    def call(self, inputs, training=None, **kwargs):
        h_s = inputs
        h_t = self.h_t(h_s)
        if self.score == self.SCORE_LUONG:
            # Luong's multiplicative style.
            score = self.luong_dot([h_t, self.luong_w(h_s)])
        else:
            # Bahdanau's additive style.
            self.bahdanau_w1(h_s)
            a1 = self.bahdanau_w1(h_t)
            a2 = self.bahdanau_w2(h_s)
            a1 = self.bahdanau_repeat(a1)
            score = self.bahdanau_tanh(self.bahdanau_add([a1, a2]))
            score = self.bahdanau_v(score)
            score = keras.ops.squeeze(score, axis=-1)

        alpha_s = self.softmax_normalizer(score)
        context_vector = self.dot_context([h_s, alpha_s])
        a_t = self.w_c(self.concat_c_h([context_vector, h_t]))
        return a_t

    def get_config(self):
        config = super(Attention, self).get_config()
        config.update({'units': self.units, 'score': self.score})
        return config


def build_model(time_steps=10, input_dim=1):
    """The README's example: LSTM(return_sequences=True) -> Attention(units=32, score='bahdanau') -> Dense(1)."""
    model_input = Input(shape=(time_steps, input_dim))
    x = LSTM(16, return_sequences=True)(model_input)
    x = Attention(units=32, score='bahdanau')(x)
    x = Dense(1)(x)
    return keras.Model(model_input, x)
