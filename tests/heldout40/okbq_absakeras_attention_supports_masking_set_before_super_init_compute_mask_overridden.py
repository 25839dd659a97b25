"""ABSA_Keras's HAN-style `Attention` sets `self.supports_masking = True` and all its settings before calling `super().__init__(**kwargs)`; Keras 3's base init resets `supports_masking`, but to True because the layer overrides `compute_mask`, so the mask is consumed as intended and the weights are tracked and trained.

From AlexYangLi/ABSA_Keras (aspect-based sentiment analysis models in Keras), `custom_layers.py`, class `Attention`
(modified from cbaziotis' AttentionWithContext gist): a context-vector attention over LSTM states, with W, u
(and optionally b) made in `build()`. Setting layer settings before the base `__init__` is the LD013 shape ("called
late: settings are silently reset"): Keras 3's `Layer.__init__` does overwrite `_supports_masking`, with
`not is_default(self.compute_mask)`, which is True here since the class defines `compute_mask` (returning None).
The other attributes set early (initializers, regularizers, flags) are plain Python values the base init does not
touch. A layer of the same shape without a `compute_mask` override would lose masking (Keras 3 warns "this layer
does not support masking and will therefore destroy the mask information").

Porting edits: `keras.engine.topology.Layer` is `keras.layers.Layer`; the Keras 2 backend functions the author
calls (`K.dot`, `K.tanh`, `K.squeeze`, `K.expand_dims`, `K.exp`, `K.cast`, `K.sum`, `K.epsilon`, `K.floatx`,
`K.backend`) are mapped onto `keras.ops` by a small `K` shim. The class body is as written. build_model() wires it
as the repository's models do: Embedding(mask_zero=True) -> LSTM(return_sequences=True) -> Attention(use_W=True,
return_self_attend=True, return_attend_weight=False) -> Dense(3, softmax), on (None, 12) int token ids.
"""

SOURCE = "https://github.com/AlexYangLi/ABSA_Keras/blob/277394a7139ad9f7379f5a04339779221113d74f/custom_layers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bq/okbq_absakeras_attention_supports_masking_set_before_super_init_compute_mask_overridden.py:
as returned: Functional, count_params() = 1043, 8 weights, unbuilt: none
after call: count_params() = 1043, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention': 72}
second call: 0 variables watched that the first call did not use
probe (probe_absa.py): Attention().supports_masking == True after __init__; a call on a zero-padded batch (mask from
Embedding(mask_zero=True)) prints no "does not support masking" warning."""

import keras
from keras import initializers, regularizers, constraints, ops
from keras.layers import Layer


class K:  # porting edit: Keras 2 backend functions on keras.ops
    dot = staticmethod(ops.matmul)
    tanh = staticmethod(ops.tanh)
    squeeze = staticmethod(ops.squeeze)
    exp = staticmethod(ops.exp)
    cast = staticmethod(ops.cast)
    epsilon = staticmethod(keras.config.epsilon)
    floatx = staticmethod(keras.config.floatx)
    backend = staticmethod(keras.config.backend)

    @staticmethod
    def expand_dims(x, axis=-1):
        return ops.expand_dims(x, axis)

    @staticmethod
    def sum(x, axis=None, keepdims=False):
        return ops.sum(x, axis=axis, keepdims=keepdims)


class Attention(Layer):
    def __init__(self, W_regularizer=None, u_regularizer=None, b_regularizer=None, W_constraint=None,
                 u_constraint=None, b_constraint=None, use_W=True, use_bias=False, return_self_attend=False,
                 return_attend_weight=True, **kwargs):
        self.supports_masking = True

        self.init = initializers.get('glorot_uniform')

        self.W_regularizer = regularizers.get(W_regularizer)
        self.u_regularizer = regularizers.get(u_regularizer)
        self.b_regularizer = regularizers.get(b_regularizer)

        self.W_constraint = constraints.get(W_constraint)
        self.u_constraint = constraints.get(u_constraint)
        self.b_constraint = constraints.get(b_constraint)

        self.use_W = use_W
        self.use_bias = use_bias
        self.return_self_attend = return_self_attend    # whether perform self attention and return it
        self.return_attend_weight = return_attend_weight    # whether return attention weight
        super(Attention, self).__init__(**kwargs)

    def build(self, input_shape):
        assert len(input_shape) == 3

        if self.use_W:
            self.W = self.add_weight(shape=(input_shape[-1], input_shape[-1],),  initializer=self.init,
                                     name='{}_W'.format(self.name), regularizer=self.W_regularizer,
                                     constraint=self.W_constraint)
        if self.use_bias:
            self.b = self.add_weight(shape=(input_shape[1],), initializer='zero', name='{}_b'.format(self.name),
                                     regularizer=self.b_regularizer, constraint=self.b_constraint)

        self.u = self.add_weight(shape=(input_shape[-1],), initializer=self.init, name='{}_u'.format(self.name),
                                 regularizer=self.u_regularizer, constraint=self.u_constraint)

        super(Attention, self).build(input_shape)

    def compute_mask(self, input, input_mask=None):
        # do not pass the mask to the next layers
        return None

    def call(self, x, mask=None):
        if self.use_W:
            x = K.tanh(K.dot(x, self.W))

        ait = Attention.dot_product(x, self.u)
        if self.use_bias:
            ait += self.b

        a = K.exp(ait)

        if mask is not None:
            a *= K.cast(mask, K.floatx())

        a /= K.cast(K.sum(a, axis=1, keepdims=True) + K.epsilon(), K.floatx())

        if self.return_self_attend:
            attend_output = K.sum(x * K.expand_dims(a), axis=1)
            if self.return_attend_weight:
                return attend_output, a
            else:
                return attend_output
        else:
            return a

    def compute_output_shape(self, input_shape):
        if self.return_self_attend:
            if self.return_attend_weight:
                return [(input_shape[0], input_shape[-1]), (input_shape[0], input_shape[1])]
            else:
                return input_shape[0], input_shape[-1]
        else:
            return input_shape[0], input_shape[1]

    @staticmethod
    def dot_product(x, kernel):
        if K.backend() == 'tensorflow':
            return K.squeeze(K.dot(x, K.expand_dims(kernel)), axis=-1)
        else:
            return K.dot(x, kernel)


def build_model():
    tokens = keras.Input(shape=(12,), dtype="int32")
    x = keras.layers.Embedding(50, 8, mask_zero=True)(tokens)
    x = keras.layers.LSTM(8, return_sequences=True)(x)
    x = Attention(use_W=True, return_self_attend=True, return_attend_weight=False)(x)
    out = keras.layers.Dense(3, activation="softmax")(x)
    return keras.Model(tokens, out)
