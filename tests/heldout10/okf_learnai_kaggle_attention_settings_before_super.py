"""The Kaggle-classic `Attention(step_dim)` layer sets all its options before `super().__init__(**kwargs)`.

A study notebook of custom Keras layers ("301_Attention_base") copies the attention-pooling layer
made popular by Kaggle text-classification kernels: `__init__` assigns `supports_masking`, the
initializer, regularizers, constraints, `bias`, `step_dim` and `features_dim` first and only then
calls `super().__init__(**kwargs)`; `build()` creates `W`/`b` with `add_weight` and sets
`self.built = True` by hand. Calling `super().__init__()` late looks like the late-super bug, but
only plain Python settings precede it (no sublayers, no `trainable`/`name`), and `supports_masking`
is recomputed to True because the class overrides `compute_mask`. Ported from `keras.backend` to
`keras.ops`; on Keras 3 `W` and `b` are tracked and get gradients.
"""

SOURCE = "https://github.com/CLOVEXCWZ/Learn_AI/blob/master/101_库学习/203_Keras/201_自定义层/301_Attention_base.ipynb"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okf_learnai_kaggle_attention_settings_before_super.py:
as returned: Functional, count_params() = 70889, 13 weights, unbuilt: none
after call: count_params() = 70889, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention': 72}
second call: 0 variables watched that the first call did not use
"""

import keras
from keras import ops, initializers, regularizers, constraints
from keras.layers import Layer, Input, Embedding, Bidirectional, LSTM, Dense
from keras.models import Model


class Attention(Layer):
    '''
        返回值：返回的不是attention权重，而是每个timestep乘以权重后相加得到的向量。
        输入: 输入是rnn的timesteps，也是最长输入序列的长度。
    '''
    def __init__(self, step_dim,
                 W_regularizer=None, b_regularizer=None,
                 W_constraint=None, b_constraint=None,
                 bias=True, **kwargs):
        self.supports_masking = True
        self.init = initializers.get('glorot_uniform')

        self.W_regularizer = regularizers.get(W_regularizer)
        self.b_regularizer = regularizers.get(b_regularizer)

        self.W_constraint = constraints.get(W_constraint)
        self.b_constraint = constraints.get(b_constraint)

        self.bias = bias
        self.step_dim = step_dim
        self.features_dim = 0
        super(Attention, self).__init__(**kwargs)

    def build(self, input_shape):
        assert len(input_shape) == 3

        self.W = self.add_weight(shape=(input_shape[-1],),
                                 initializer=self.init,
                                 name='{}_W'.format(self.name),
                                 regularizer=self.W_regularizer,
                                 constraint=self.W_constraint)
        self.features_dim = input_shape[-1]

        if self.bias:
            self.b = self.add_weight(shape=(input_shape[1],),
                                     initializer='zero',
                                     name='{}_b'.format(self.name),
                                     regularizer=self.b_regularizer,
                                     constraint=self.b_constraint)
        else:
            self.b = None

        self.built = True

    def compute_mask(self, input, input_mask=None):
        return None

    def call(self, x, mask=None):
        features_dim = self.features_dim
        step_dim = self.step_dim

        eij = ops.reshape(ops.matmul(ops.reshape(x, (-1, features_dim)),
                                     ops.reshape(self.W, (features_dim, 1))), (-1, step_dim))
        if self.bias:
            eij += self.b
        eij = ops.tanh(eij)
        a = ops.exp(eij)
        if mask is not None:
            a *= ops.cast(mask, "float32")
        a /= ops.cast(ops.sum(a, axis=1, keepdims=True) + keras.config.epsilon(), "float32")
        a = ops.expand_dims(a, axis=-1)
        weighted_input = x * a
        return ops.sum(weighted_input, axis=1)

    def compute_output_shape(self, input_shape):
        return input_shape[0], self.features_dim


def build_model(maxlen=40, max_features=2000, embed_size=32):
    inp = Input(shape=(maxlen,), dtype="int32")
    x = Embedding(max_features, embed_size, mask_zero=True)(inp)
    x = Bidirectional(LSTM(16, return_sequences=True))(x)
    x = Attention(maxlen)(x)
    x = Dense(16, activation="relu")(x)
    out = Dense(1, activation="sigmoid")(x)
    return Model(inputs=inp, outputs=out)
