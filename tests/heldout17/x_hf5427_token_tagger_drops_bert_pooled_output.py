"""A BERT token tagger (huggingface/transformers#5427): the user wires `TFBertModel` into a
functional model and keeps only the sequence output, `Bert_model(ip1, ...)[0][:, 1:-1, :]`, feeding
a BiLSTM and two Dense layers. The BERT main layer still computes its pooler (a Dense on the [CLS]
vector) whose result is dropped, so the pooler's kernel and bias are counted as trainable weights
of the model but get no gradient and never train ("Gradients do not exist for variables
['tf_bert_model/bert/pooler/dense/kernel:0', ...bias:0]" at every `fit`).

The report's model trains otherwise; the warning names exactly the two pooler variables. The
pooler is part of the pretrained model's state (saved and restored with it), but in this model it
only adds dead trainable parameters: nothing downstream reads `[1]`.

Porting edits: `TFBertModel.from_pretrained('bert-base-uncased')` (a download, and a
`transformers` TF class) replaced by a small subclassed stand-in with the same call signature and
the same `(sequence_output, pooled_output)` result: word + token-type + position embeddings, one
self-attention encoder block, and the `pooler` Dense(tanh) on the first token; hidden size 16
instead of 768, `max_length` 8, BiLSTM(16) instead of 768; the user's functional head as written.
"""

SOURCE = "https://github.com/huggingface/transformers/issues/5427"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/x_hf5427_token_tagger_drops_bert_pooled_output.py:
as returned: Functional, count_params() = 10297, 33 weights, unbuilt: none
after call: count_params() = 10297, 33 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 33 trainable weights: ['mini_tf_bert_model/pooler/kernel', 'mini_tf_bert_model/pooler/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mini_tf_bert_model': 5728}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17b/fitcheck.py: compile SGD 0.1 + mse, fit 2 steps, int inputs all ones): warning "Gradients do
not exist for variables ['mini_tf_bert_model/pooler/kernel', 'mini_tf_bert_model/pooler/bias'] when minimizing the
loss" (the report's warning); 30/33 trainable weights changed, unchanged: pooler/kernel, pooler/bias and
attention/key/bias (the last one gets an exactly-zero, not None, gradient: softmax is invariant to a key bias - a
property of attention, not of this bug)."""

import keras
from keras import layers
from keras.layers import Bidirectional, Dense, Dropout, Input, LSTM
from keras.models import Model


class MiniTFBertModel(keras.Model):
    """Stand-in for TFBertModel: returns (sequence_output, pooled_output) like the real one."""

    def __init__(self, vocab_size=100, hidden_size=16, max_position=32, **kwargs):
        super().__init__(**kwargs)
        self.word_embeddings = layers.Embedding(vocab_size, hidden_size, name="word_embeddings")
        self.token_type_embeddings = layers.Embedding(2, hidden_size, name="token_type_embeddings")
        self.position_embeddings = layers.Embedding(max_position, hidden_size, name="position_embeddings")
        self.embeddings_norm = layers.LayerNormalization(name="embeddings_LayerNorm")
        self.attention = layers.MultiHeadAttention(num_heads=2, key_dim=hidden_size // 2, name="attention")
        self.attention_norm = layers.LayerNormalization(name="attention_LayerNorm")
        self.intermediate = layers.Dense(hidden_size * 4, activation="gelu", name="intermediate")
        self.output_dense = layers.Dense(hidden_size, name="output_dense")
        self.output_norm = layers.LayerNormalization(name="output_LayerNorm")
        self.pooler = layers.Dense(hidden_size, activation="tanh", name="pooler")

    def call(self, input_ids, attention_mask=None, token_type_ids=None):
        positions = keras.ops.arange(keras.ops.shape(input_ids)[1])
        x = (self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
             + self.position_embeddings(positions)[None, :, :])
        x = self.embeddings_norm(x)
        mask = keras.ops.cast(attention_mask[:, None, :], "bool")
        x = self.attention_norm(x + self.attention(x, x, attention_mask=mask))
        x = self.output_norm(x + self.output_dense(self.intermediate(x)))
        sequence_output = x
        pooled_output = self.pooler(sequence_output[:, 0, :])
        return sequence_output, pooled_output


def build_model():
    max_length = 6
    ip1 = Input(shape=(max_length + 2,), dtype="int32")
    ip2 = Input(shape=(max_length + 2,), dtype="int32")
    ip3 = Input(shape=(max_length + 2,), dtype="int32")
    Bert_model = MiniTFBertModel()
    ip = Bert_model(ip1, attention_mask=ip2, token_type_ids=ip3)[0][:, 1:-1, :]
    out = Bidirectional(LSTM(units=16))(ip)
    out = Dense(8, activation='relu')(out)
    out = Dropout(0.2)(out)
    out = Dense(units=9, activation="softmax")(out)
    model = Model([ip1, ip2, ip3], out)
    return model
