"""A second model reads the attention scores of a trained attention layer through a Lambda that calls its method.

The HAN (hierarchical attention network) implementation exposes `predict_sentence_attention` by wrapping
the attention layer's own scoring method in a `Lambda` on top of the encoder output. TensorFlow warned
that the Lambda's call used variables (`sentence_attention/W`, `context_vector`) absent from its tracked
objects; the maintainers answered that the Lambda model is never trained or saved.
"""

SOURCE = "https://github.com/FlorisHoogenboom/keras-han-for-docla/issues/7"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py a_lambda_han_attention_scores.py:
as returned: Functional, count_params() = 1248, 6 weights, unbuilt: none
after call: count_params() = 1248, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 3 variables the model does not track: ['sentence_attention/W:0', 'sentence_attention/b:0', 'sentence_attention/context_vector:0']
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


class AttentionLayer(layers.Layer):
    def __init__(self, context_dim, **kwargs):
        super().__init__(**kwargs)
        self.context_dim = context_dim

    def build(self, input_shape):
        self.W = self.add_weight(name="W", shape=(input_shape[-1], self.context_dim), initializer="glorot_uniform")
        self.b = self.add_weight(name="b", shape=(self.context_dim,), initializer="zeros")
        self.context_vector = self.add_weight(name="context_vector", shape=(self.context_dim, 1),
                                              initializer="glorot_uniform")

    def attention_scores(self, x):
        u = ops.tanh(ops.matmul(x, self.W) + self.b)
        return ops.softmax(ops.squeeze(ops.matmul(u, self.context_vector), axis=-1), axis=-1)

    def call(self, x):
        scores = self.attention_scores(x)
        return ops.sum(x * ops.expand_dims(scores, -1), axis=1)


def build_model(n_sentences=6, dim=16):
    inputs = keras.Input((n_sentences, dim))
    encoded = layers.Bidirectional(layers.GRU(8, return_sequences=True))(inputs)
    attention = AttentionLayer(10, name="sentence_attention")
    document = attention(encoded)
    classifier = keras.Model(inputs, layers.Dense(3, activation="softmax")(document))
    classifier.compile("adam", "sparse_categorical_crossentropy")
    # the inspection model: the scores of the same attention layer, through a Lambda
    scores = layers.Lambda(lambda t: attention.attention_scores(t), output_shape=(n_sentences,))(encoded)
    return keras.Model(inputs, scores)
