"""kattention's hand-written multi-head attention: each `SelfAttention` head sets its q/k/v Dense
attributes to None in `__init__` and creates them in `build()` from the input width, scales the
scores with a `Lambda(lambda x: x * scaling_factor)` closing over a Python float, and
`MultiHeadAttention` keeps its heads in a plain Python list built in `__init__` and its output
projection as another Dense made in `build()`; the `Transformer` block does the same for its
feed-forward Dense.

From sofienealouini/kattention (`kattention/layers/self_attention.py`, `multi_head_attention.py`,
`transformer.py`). Looks like several traps at once (heads in a list, sublayers that start as None
and appear only in `build()`, a Lambda capturing outside state, merge layers shared), but on
Keras 3 lists of layers assigned in `__init__` are tracked, sublayers assigned in `build()` are
tracked and built by their first call, and the Lambda captures a constant, not a variable or a
layer: every Dense of every head is counted and gets a gradient.

Porting edits: `tensorflow.keras` / `tensorflow.python.keras` -> `keras`; the three files put in
one module; `build_model()` wires Input(8 tokens of width 12) -> Transformer(attention_heads=2) ->
GlobalAveragePooling1D -> Dense(3), as the README's usage does with an embedding in front.
"""

SOURCE = "https://github.com/sofienealouini/kattention/blob/7b4a780a96da2ca31ffa0770617f25917f00bc00/kattention/layers/self_attention.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/okae_kattention_heads_in_list_dense_in_build_lambda_scale.py:
as returned: Functional, count_params() = 1479, 22 weights, unbuilt: none
after call: count_params() = 1479, 22 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 22 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'transformer': 1440, 'multi_head_attention': 1236, 'self_attention_1': 468, 'self_attention': 468}
second call: 0 variables watched that the first call did not use
Both heads of the list, their q/k/v Dense made in build(), the output Dense and the feed-forward Dense are tracked (22 trainable weights) and all get gradients; the Lambda holds only a Python float."""

import keras
from keras.layers import Layer, Dense, Dot, Softmax, Concatenate, Add, LayerNormalization
from keras.layers import Lambda


class SelfAttention(Layer):

    def __init__(self, **kwargs):
        super(SelfAttention, self).__init__(**kwargs)
        self.dense_q = None
        self.dense_k = None
        self.dense_v = None
        self.dot_context = Dot(axes=(2, 2))
        self.scale = None
        self.normalize = Softmax()
        self.reweight_v = Dot(axes=(2, 1))

    def build(self, input_shape):
        embedding_size = input_shape[-1]
        self.dense_q = Dense(units=embedding_size, activation='linear')
        self.dense_k = Dense(units=embedding_size, activation='linear')
        self.dense_v = Dense(units=embedding_size, activation='linear')
        scaling_factor = 1 / embedding_size
        self.scale = Lambda(lambda x: x * scaling_factor)

    def call(self, inputs, **kwargs):
        queries = self.dense_q(inputs)
        keys = self.dense_k(inputs)
        values = self.dense_v(inputs)
        context_weights = self.dot_context([queries, keys])
        scaled_context_weights = self.scale(context_weights)
        normalized_context_weights = self.normalize(scaled_context_weights)
        return self.reweight_v([normalized_context_weights, values])


class MultiHeadAttention(Layer):

    def __init__(self, heads, **kwargs):
        super(MultiHeadAttention, self).__init__(**kwargs)
        self.heads = heads
        self.attention_heads = [SelfAttention() for _ in range(self.heads)]
        self.concat_heads = Concatenate()
        self.embed = None

    def build(self, input_shape):
        embedding_size = input_shape[-1]
        self.embed = Dense(units=embedding_size, activation='linear')

    def call(self, inputs, **kwargs):
        self_attention_outputs = [attention_head(inputs) for attention_head in self.attention_heads]
        concatenated_heads = self.concat_heads(self_attention_outputs)
        return self.embed(concatenated_heads)


class Transformer(Layer):

    def __init__(self, attention_heads, **kwargs):
        super(Transformer, self).__init__(**kwargs)
        self.attention_heads = attention_heads
        self.attend = MultiHeadAttention(heads=self.attention_heads)
        self.add_1 = Add()
        self.normalize_1 = LayerNormalization()
        self.dense = None
        self.add_2 = Add()
        self.normalize_2 = LayerNormalization()

    def build(self, input_shape):
        embedding_size = input_shape[-1]
        self.dense = Dense(units=embedding_size, activation='linear')

    def call(self, inputs, **kwargs):
        inputs_with_attention = self.attend(inputs)
        inputs_with_attention_and_residual = self.add_1([inputs_with_attention, inputs])
        normalized_embeddings_with_attention = self.normalize_1(inputs_with_attention_and_residual)
        new_embeddings = self.dense(normalized_embeddings_with_attention)
        new_embeddings_with_residual = self.add_2([normalized_embeddings_with_attention, new_embeddings])
        return self.normalize_2(new_embeddings_with_residual)


def build_model():
    inputs = keras.Input((8, 12))
    x = Transformer(attention_heads=2)(inputs)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = Dense(3)(x)
    return keras.Model(inputs, outputs)
