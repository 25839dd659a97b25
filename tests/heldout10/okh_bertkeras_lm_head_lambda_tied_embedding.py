"""BERT-keras LM head: a Lambda that reads the token-embedding matrix of a layer already in the model (tied weights).

Separius/BERT-keras (a Keras port of BERT / the OpenAI transformer) builds the masked-LM decoder in
`train_model()` as `Lambda(lambda x: K.dot(x, K.transpose(base_model.get_layer('TokenEmbedding').weights[0])))`
wrapped in TimeDistributed: the logits reuse the input embedding matrix. It also has two other
shapes that look wrong: its `Embedding` wrapper overrides `__call__` instead of `call` (so the
wrapper itself is never built and its four sublayers are wired into the functional graph
directly), and its `LayerNormalization` sets `self.eps` before `super().__init__()`.
On Keras 3 all three are harmless here: the captured variable belongs to `TokenEmbedding`, which is
itself a node of the same functional model, so it is tracked, counted once and trained through both
paths (input lookup and tied output projection); `eps` is a plain float. Ported as the author's
code with `K.dot/K.transpose` -> `keras.ops` (Keras 3 has no `keras.backend.dot`).
"""

SOURCE = "https://github.com/Separius/BERT-keras/blob/76bd737c593e7bd7660189a5dbe5547f9fa6168e/transformer/train.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okh_bertkeras_lm_head_lambda_tied_embedding.py:
as returned: Functional, count_params() = 6976, 11 weights, unbuilt: none
after call: count_params() = 6976, 11 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 11 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'layer_normalization': 64, 'ln_2': 64}
second call: 0 variables watched that the first call did not use
own script (/tmp/mine10c/tied_check.py): 6976 = 64 segment + 512 position + 2080 token embedding + 2x64 layer norm + 2112 + 2080 dense,
the token matrix is in model.weights once; the gradient of an LM loss reaches all 43 embedding rows whose ids are absent
from the input batch (only the tied Lambda decoder touches them), so the captured matrix is trained through the Lambda."""

import numpy as np
import keras
from keras import ops
from keras.layers import Dropout, Input, Lambda, TimeDistributed, Dense, Layer
from keras.initializers import Ones, Zeros


class TextEncoder:
    PAD_OFFSET = 0
    MSK_OFFSET = 1
    BOS_OFFSET = 2
    SPECIAL_COUNT = 5
    NUM_SEGMENTS = 2


# ---------------------------------------------------------------- transformer/layers.py
class LayerNormalization(Layer):
    def __init__(self, eps: float = 1e-5, **kwargs) -> None:
        self.eps = eps
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.gamma = self.add_weight(name='gamma', shape=input_shape[-1:], initializer=Ones(), trainable=True)
        self.beta = self.add_weight(name='beta', shape=input_shape[-1:], initializer=Zeros(), trainable=True)
        super().build(input_shape)

    def call(self, x, **kwargs):
        u = ops.mean(x, axis=-1, keepdims=True)
        s = ops.mean(ops.square(x - u), axis=-1, keepdims=True)
        z = (x - u) / ops.sqrt(s + self.eps)
        return self.gamma * z + self.beta

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = {'eps': self.eps}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


# ---------------------------------------------------------------- transformer/embedding.py
class Embedding(keras.layers.Layer):
    def __init__(self, output_dim: int = 32, dropout: float = 0.1, vocab_size: int = 60 + TextEncoder.SPECIAL_COUNT,
                 max_len: int = 16, use_one_dropout: bool = False, use_embedding_layer_norm: bool = True,
                 layer_norm_epsilon: float = 1e-5, **kwargs):
        super().__init__(**kwargs)
        self.max_len = max_len
        self.use_one_dropout = use_one_dropout
        self.output_dim = output_dim
        self.dropout = dropout
        self.vocab_size = vocab_size
        self.segment_emb = keras.layers.Embedding(TextEncoder.NUM_SEGMENTS, output_dim, name='SegmentEmbedding')
        self.pos_emb = keras.layers.Embedding(max_len, output_dim, name='PositionEmbedding')
        self.token_emb = keras.layers.Embedding(vocab_size, output_dim, name='TokenEmbedding')
        self.embedding_dropout = keras.layers.Dropout(dropout, name='EmbeddingDropOut')
        self.add_embeddings = keras.layers.Add(name='AddEmbeddings')
        self.use_embedding_layer_norm = use_embedding_layer_norm
        if self.use_embedding_layer_norm:
            self.embedding_layer_norm = LayerNormalization(layer_norm_epsilon)
        else:
            self.embedding_layer_norm = None
        self.layer_norm_epsilon = layer_norm_epsilon

    def compute_output_shape(self, input_shape):
        return input_shape[0][0], input_shape[0][1], self.output_dim

    def __call__(self, inputs, **kwargs):
        tokens, segment_ids, pos_ids = inputs
        segment_embedding = self.segment_emb(segment_ids)
        pos_embedding = self.pos_emb(pos_ids)
        token_embedding = self.token_emb(tokens)
        if self.use_one_dropout:
            summation = self.add_embeddings([segment_embedding, pos_embedding, token_embedding])
            if self.embedding_layer_norm:
                summation = self.embedding_layer_norm(summation)
            return self.embedding_dropout(summation)
        summation = self.add_embeddings(
            [self.embedding_dropout(segment_embedding), self.embedding_dropout(pos_embedding),
             self.embedding_dropout(token_embedding)])
        if self.embedding_layer_norm:
            summation = self.embedding_layer_norm(summation)
        return summation


# ---------------------------------------------------------------- transformer/model.py (one block, trimmed)
def create_transformer(embedding_dim=32, vocab_size=60 + TextEncoder.SPECIAL_COUNT, max_len=16, d_hid=64):
    tokens = Input(batch_shape=(None, max_len), name='token_input', dtype='int32')
    segment_ids = Input(batch_shape=(None, max_len), name='segment_input', dtype='int32')
    pos_ids = Input(batch_shape=(None, max_len), name='position_input', dtype='int32')
    x = Embedding(embedding_dim, 0.1, vocab_size, max_len, name='Embedding')([tokens, segment_ids, pos_ids])
    h = Dense(d_hid, activation='gelu', name='ffn_c_fc')(x)
    h = Dense(embedding_dim, name='ffn_c_ffn_proj')(h)
    x = LayerNormalization(name='ln_2')(keras.layers.Add()([x, h]))
    return keras.Model(inputs=[tokens, segment_ids, pos_ids], outputs=[x], name='Transformer')


# ---------------------------------------------------------------- transformer/train.py (lm task only)
class TaskMetadata:
    def __init__(self, name, is_token_level, num_classes, dropout):
        self.name = name
        self.is_token_level = is_token_level
        self.num_classes = num_classes
        self.dropout = dropout


def train_model(base_model: keras.Model, tasks_meta_data):
    all_logits = []
    for task in tasks_meta_data:
        if task.is_token_level:
            if task.name == 'lm':
                decoder = Lambda(lambda x: ops.matmul(x, ops.transpose(base_model.get_layer('TokenEmbedding').weights[0])),
                                 name='lm_logits')
            else:
                decoder = Dense(units=task.num_classes, name=task.name + '_logits')
            logits = TimeDistributed(decoder, name=task.name + '_logits_time_distributed')(
                Dropout(task.dropout)(base_model.outputs[0]))
            all_logits.append(logits)
    return keras.Model(inputs=base_model.inputs, outputs=all_logits)


def build_model():
    base = create_transformer()
    model = train_model(base, [TaskMetadata('lm', True, None, 0.1)])
    rng = np.random.default_rng(0)
    inputs = [rng.integers(5, 65, size=(2, 16)).astype('int32'),
              rng.integers(0, 2, size=(2, 16)).astype('int32'),
              np.tile(np.arange(16, dtype='int32'), (2, 1))]
    return model, inputs
