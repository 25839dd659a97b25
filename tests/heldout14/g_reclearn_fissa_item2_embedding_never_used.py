"""FISSA sequential recommender: a second, non-shared item embedding is created in `__init__` ("item2 embedding, not share embedding") but `call()` only ever uses the first.

From RecLearn's FISSA ("Fusing item similarity models with self-attention networks for sequential
recommendation", RecSys 2020). `FISSA.__init__` creates `item_embedding`, `pos_embedding` and, with the
comment "item2 embedding, not share embedding", `self.item2_embedding`; the global (LBA) branch, the
gating branch and the candidate scores all look items up in `self.item_embedding`. The model has no
`build()`, so on Keras 3 the second embedding is never built: it shows as unbuilt in the model, holds
no weights, and the intended separate item table of the paper is silently absent (a checkpoint that
contains it cannot be loaded into this model).
Ported to Keras 3: `Embedding(..., input_length=1)` lost `input_length` (removed in Keras 3); the helper
functions, losses and layers FISSA uses (TransformerEncoder, LBA, Item_similarity_gating,
scaled_dot_product_attention, split_heads, get_loss) are copied from the same repository without their
docstrings; the `summary()` override is kept.
"""

SOURCE = "https://github.com/ZiyaoGeng/RecLearn/blob/4bbfb492b872c5a3290a2bce1ed5c160162558a3/reclearn/models/matching/fissa.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py g_reclearn_fissa_item2_embedding_never_used.py:
warning: `build()` was called on layer 'fissa', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite not being actually built, which may cause failures down the line.
as returned: FISSA, count_params() = count_params() raised ValueError, 0 weights, unbuilt: [all 16 sublayers before the first call]
after call: count_params() = 1152, 22 trainable weights, unbuilt: ['Embedding:embedding_2']; output dtypes ['float32']
gradient None for 0 of 22 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'transformer_encoder': 528, 'ffn': 280, 'multi_head_attention': 216, 'lba': 136, 'item_similarity_gating': 24}
second call: 0 variables watched that the first call did not use
embedding_2 is item2_embedding (50 x 8 = 400 params intended): never called, never built, absent from the 1152."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.layers import Layer, Dense, Dropout, Conv1D, Embedding, Input, LayerNormalization
from tensorflow.keras.regularizers import l2


def scaled_dot_product_attention(q, k, v, mask):
    mat_qk = tf.matmul(q, k, transpose_b=True)
    dk = tf.cast(k.shape[-1], dtype=tf.float32)
    scaled_att_logits = mat_qk / tf.sqrt(dk)
    paddings = tf.ones_like(scaled_att_logits) * (-2 ** 32 + 1)
    outputs = tf.where(tf.equal(mask, tf.zeros_like(mask)), paddings, scaled_att_logits)
    outputs = tf.nn.softmax(logits=outputs)
    outputs = tf.matmul(outputs, v)
    return outputs

def split_heads(x, seq_len, num_heads, depth):
    x = tf.reshape(x, (-1, seq_len, num_heads, depth))
    return tf.transpose(x, perm=[0, 2, 1, 3])

def get_loss(pos_scores, neg_scores, loss_name, gamma=None):
    pos_scores = tf.tile(pos_scores, [1, neg_scores.shape[1]])
    if loss_name == 'bpr_loss':
        loss = bpr_loss(pos_scores, neg_scores)
    elif loss_name == 'hinge_loss':
        loss = hinge_loss(pos_scores, neg_scores, gamma)
    else:
        loss = binary_cross_entropy_loss(pos_scores, neg_scores)
    return loss

def bpr_loss(pos_scores, neg_scores):
    loss = tf.reduce_mean(-tf.math.log(tf.nn.sigmoid(pos_scores - neg_scores)))
    return loss

def hinge_loss(pos_scores, neg_scores, gamma=0.5):
    loss = tf.reduce_mean(tf.nn.relu(neg_scores - pos_scores + gamma))
    return loss

def binary_cross_entropy_loss(pos_scores, neg_scores):
    loss = tf.reduce_mean(-tf.math.log(tf.nn.sigmoid(pos_scores)) - tf.math.log(1 - tf.nn.sigmoid(neg_scores))) / 2
    return loss

class MultiHeadAttention(Layer):

    def __init__(self, d_model, num_heads):
        super(MultiHeadAttention, self).__init__()
        self.d_model = d_model
        self.num_heads = num_heads
        self.wq = Dense(d_model, activation=None)
        self.wk = Dense(d_model, activation=None)
        self.wv = Dense(d_model, activation=None)

    def call(self, q, k, v, mask):
        q = self.wq(q)
        k = self.wk(k)
        v = self.wv(v)
        seq_len, d_model = (q.shape[1], q.shape[2])
        q = split_heads(q, seq_len, self.num_heads, q.shape[2] // self.num_heads)
        k = split_heads(k, seq_len, self.num_heads, k.shape[2] // self.num_heads)
        v = split_heads(v, seq_len, self.num_heads, v.shape[2] // self.num_heads)
        mask = tf.tile(tf.expand_dims(mask, axis=1), [1, self.num_heads, 1, 1])
        scaled_attention = scaled_dot_product_attention(q, k, v, mask)
        outputs = tf.reshape(tf.transpose(scaled_attention, [0, 2, 1, 3]), [-1, seq_len, d_model])
        return outputs

class FFN(Layer):

    def __init__(self, hidden_unit, d_model):
        super(FFN, self).__init__()
        self.conv1 = Conv1D(filters=hidden_unit, kernel_size=1, activation='relu', use_bias=True)
        self.conv2 = Conv1D(filters=d_model, kernel_size=1, activation=None, use_bias=True)

    def call(self, inputs):
        x = self.conv1(inputs)
        output = self.conv2(x)
        return output

class TransformerEncoder(Layer):

    def __init__(self, d_model, num_heads=1, ffn_hidden_unit=128, dropout=0.0, layer_norm_eps=1e-06):
        super(TransformerEncoder, self).__init__()
        self.mha = MultiHeadAttention(d_model, num_heads)
        self.ffn = FFN(ffn_hidden_unit, d_model)
        self.layernorm1 = LayerNormalization(epsilon=layer_norm_eps)
        self.layernorm2 = LayerNormalization(epsilon=layer_norm_eps)
        self.dropout1 = Dropout(dropout)
        self.dropout2 = Dropout(dropout)

    def call(self, inputs):
        x, mask = inputs
        att_out = self.mha(x, x, x, mask)
        att_out = self.dropout1(att_out)
        out1 = self.layernorm1(x + att_out)
        ffn_out = self.ffn(out1)
        ffn_out = self.dropout2(ffn_out)
        out2 = self.layernorm2(out1 + ffn_out)
        return out2

class LBA(Layer):

    def __init__(self, dnn_dropout=0.0):
        super(LBA, self).__init__()
        self.dropout = Dropout(dnn_dropout)

    def build(self, input_shape):
        self.dim = input_shape[0][-1]
        self.W = self.add_weight(shape=[self.dim, self.dim], name='att_weights', initializer='random_normal')
        self.W_2 = self.add_weight(shape=[self.dim, self.dim], name='att_weights2', initializer='random_normal')
        self.q = self.add_weight(shape=[1, self.dim], name='query weight', initializer='random_normal')

    def call(self, inputs):
        k, v, mask = inputs
        k = tf.matmul(k, self.W)
        mat_qk = tf.matmul(k, self.q, transpose_b=True)
        dk = tf.cast(self.dim, dtype=tf.float32)
        scaled_att_logits = mat_qk / tf.sqrt(dk)
        paddings = tf.ones_like(scaled_att_logits) * (-2 ** 32 + 1)
        outputs = tf.where(tf.equal(mask, 0), paddings, scaled_att_logits)
        outputs = tf.nn.softmax(logits=tf.transpose(outputs, [0, 2, 1]), axis=-1)
        outputs = tf.squeeze(tf.matmul(tf.matmul(outputs, v), self.W_2), axis=1)
        outputs = self.dropout(outputs)
        return outputs

class Item_similarity_gating(Layer):

    def __init__(self, dnn_dropout=0.0):
        self.dropout = Dropout(dnn_dropout)
        super(Item_similarity_gating, self).__init__()

    def build(self, input_shape):
        self.dim = input_shape[0][-1]
        self.W = self.add_weight(shape=[3 * self.dim, 1], name='att_weights', initializer='random_normal')

    def call(self, inputs):
        item_embed, global_info, candidate_embed = inputs
        inputs = tf.concat([item_embed, global_info, candidate_embed], -1)
        inputs = self.dropout(inputs)
        logits = tf.matmul(inputs, self.W)
        weights = tf.nn.sigmoid(logits)
        return weights

class FISSA(Model):

    def __init__(self, item_num, embed_dim, seq_len=100, blocks=2, num_heads=2, ffn_hidden_unit=128, dnn_dropout=0.0, layer_norm_eps=1e-06, use_l2norm=False, loss_name='binary_entropy_loss', gamma=0.5, embed_reg=0.0, seed=None):
        super(FISSA, self).__init__()
        self.item_embedding = Embedding(input_dim=item_num, output_dim=embed_dim, embeddings_initializer='random_normal', embeddings_regularizer=l2(embed_reg))
        self.pos_embedding = Embedding(input_dim=seq_len, output_dim=embed_dim, embeddings_initializer='random_normal', embeddings_regularizer=l2(embed_reg))
        # item2 embedding, not share embedding
        self.item2_embedding = Embedding(input_dim=item_num, output_dim=embed_dim, embeddings_initializer='random_normal', embeddings_regularizer=l2(embed_reg))
        self.encoder_layer = [TransformerEncoder(embed_dim, num_heads, ffn_hidden_unit, dnn_dropout, layer_norm_eps) for _ in range(blocks)]
        self.lba = LBA(dnn_dropout)
        self.gating = Item_similarity_gating(dnn_dropout)
        self.layer_norm = LayerNormalization()
        self.dropout = Dropout(dnn_dropout)
        self.use_l2norm = use_l2norm
        self.loss_name = loss_name
        self.gamma = gamma
        self.seq_len = seq_len
        tf.random.set_seed(seed)

    def call(self, inputs):
        seq_embed = self.item_embedding(inputs['click_seq'])
        mask = tf.expand_dims(tf.cast(tf.not_equal(inputs['click_seq'], 0), dtype=tf.float32), axis=-1)
        pos_encoding = tf.expand_dims(self.pos_embedding(tf.range(self.seq_len)), axis=0)
        seq_embed += pos_encoding
        seq_embed = self.dropout(seq_embed)
        seq_embed = self.layer_norm(seq_embed)
        att_outputs = seq_embed
        att_outputs *= mask
        for block in self.encoder_layer:
            att_outputs = block([att_outputs, mask])
            att_outputs *= mask
        local_info = tf.slice(att_outputs, begin=[0, self.seq_len - 1, 0], size=[-1, 1, -1])
        global_info = self.lba([seq_embed, seq_embed, mask])
        pos_info = self.item_embedding(tf.reshape(inputs['pos_item'], [-1]))
        neg_info = self.item_embedding(inputs['neg_item'])
        weights = self.gating([tf.tile(tf.slice(seq_embed, begin=[0, self.seq_len - 1, 0], size=[-1, 1, -1]), [1, neg_info.shape[1] + 1, 1]), tf.tile(local_info, [1, neg_info.shape[1] + 1, 1]), tf.concat([tf.expand_dims(pos_info, axis=1), neg_info], 1)])
        user_info = tf.multiply(local_info, weights) + tf.multiply(tf.expand_dims(global_info, axis=1), tf.ones_like(weights) - weights)
        if self.use_l2norm:
            pos_info = tf.math.l2_normalize(pos_info, axis=-1)
            neg_info = tf.math.l2_normalize(neg_info, axis=-1)
            user_info = tf.math.l2_normalize(user_info, axis=-1)
        pos_scores = tf.reduce_sum(tf.multiply(tf.slice(user_info, [0, 0, 0], [-1, 1, -1]), tf.expand_dims(pos_info, axis=1)), axis=-1)
        neg_scores = tf.reduce_sum(tf.multiply(tf.slice(user_info, [0, 1, 0], [-1, neg_info.shape[1], -1]), neg_info), axis=-1)
        self.add_loss(get_loss(pos_scores, neg_scores, self.loss_name, self.gamma))
        logits = tf.concat([pos_scores, neg_scores], axis=-1)
        return logits

    def summary(self):
        inputs = {'click_seq': Input(shape=(self.seq_len,), dtype=tf.int32), 'pos_item': Input(shape=(), dtype=tf.int32), 'neg_item': Input(shape=(1,), dtype=tf.int32)}
        Model(inputs=inputs, outputs=self.call(inputs)).summary()

def build_model():
    model = FISSA(item_num=50, embed_dim=8, seq_len=6, blocks=1, num_heads=2, ffn_hidden_unit=16)
    rng = np.random.default_rng(0)
    inputs = {
        'click_seq': rng.integers(1, 50, size=(2, 6)).astype("int32"),
        'pos_item': rng.integers(1, 50, size=(2,)).astype("int32"),
        'neg_item': rng.integers(1, 50, size=(2, 1)).astype("int32"),
    }
    return model, inputs
