"""RecLearn's DIN keeps the item-to-category table as a plain tensor on the model
(`self.cate_list = tf.convert_to_tensor(cate_list, dtype=tf.int32)` in `__init__`) and reads it with `tf.gather` in
`call()`: it looks like LD001 (a tensor stored on self instead of a weight), but it is data, not a parameter. Each
item id maps to its category id, the table comes from the dataset (Amazon Electronics in the paper) and is passed
to the constructor again when the model is rebuilt, it must never be trained, and an integer index table could not
take a gradient anyway. All the learned state (item/category embeddings, attention MLP, DNN, PReLUs) is in tracked
sublayers.

From ZiyaoGeng/RecLearn (recommender-system models in TF 2), `DIN/old/model.py` at b716114 (2020-11-25; the file is
dated May 2020), `DIN(user_num, item_num, cate_num, cate_list, hidden_units)`: `concat_embed(item)` gathers the
categories of the candidate item and of the behaviour history from `cate_list`, embeds items and categories and
concatenates them; `attention()` is DIN's activation unit with a sequence mask built from the history length.

Porting edits: `from dice import Dice` (a sibling module, only referenced in comments) is dropped; the model's own
`summary()` helper (it shadows `Model.summary` and builds a functional model over 431-long histories) is left out.
build_model() builds `DIN(user_num=100, item_num=500, cate_num=20, cate_list=<a random item -> category table>,
hidden_units=16)` and returns it with a batch of 4 users: `[user (4, 1), item (4, 1), hist (4, 20), sl (4, 1)]`
(histories of 20 instead of the dataset's 431).
"""

SOURCE = "https://github.com/ZiyaoGeng/RecLearn/blob/b716114538dd48e556d5cf0747632d36763a6943/DIN/old/model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/bz/okbz_reclearn_din_cate_list_item_to_category_lookup_tensor_in_init.py:
as returned: DIN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Embedding:item_embed', 'Embedding:cate_embed', 'Dense:dense', 'BatchNormalization:batch_normalization', 'Concatenate:concatenate', 'Dense:dense_1', 'Dense:dense_2', 'Dense:dense_3', 'BatchNormalization:batch_normalization_1', 'Concatenate:concatenate_1', 'Dense:dense_4', 'PReLU:p_re_lu', 'Dense:dense_5', 'PReLU:p_re_lu_1', 'Dense:dense_6']
after call: count_params() = 30090, 22 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 22 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(As returned the subclassed model is uncalled, hence unbuilt; after one call everything is built and tracked.)
probe_din2.py: model.cate_list is an int32 EagerTensor of shape (500,), read only through tf.gather; the model has 26
weights (22 trainable: embeddings, attention and DNN Dense layers, PReLUs; 4 BatchNormalization statistics), none of
them integer; two inference calls give the same output. No warning printed."""

import tensorflow as tf
import numpy as np

import os

os.environ['TF_CPP_MIN_LOG_LEVEL'] = '2'


class DIN(tf.keras.Model):
    def __init__(self, user_num, item_num, cate_num, cate_list, hidden_units):
        """
        :param user_num: 用户数量
        :param item_num: 物品数量
        :param cate_num: 物品种类数量
        :param cate_list: 物品种类列表
        :param hidden_units: 隐藏层单元
        """
        super(DIN, self).__init__()
        self.cate_list = tf.convert_to_tensor(cate_list, dtype=tf.int32)
        self.hidden_units = hidden_units
        # self.user_embed = tf.keras.layers.Embedding(
        #     input_dim=user_num, output_dim=hidden_units, embeddings_initializer='random_uniform',
        #     embeddings_regularizer=tf.keras.regularizers.l2(0.01), name='user_embed')
        self.item_embed = tf.keras.layers.Embedding(
            input_dim=item_num, output_dim=self.hidden_units, embeddings_initializer='random_uniform',
            embeddings_regularizer=tf.keras.regularizers.l2(0.01), name='item_embed')
        self.cate_embed = tf.keras.layers.Embedding(
            input_dim=cate_num, output_dim=self.hidden_units, embeddings_initializer='random_uniform',
            embeddings_regularizer=tf.keras.regularizers.l2(0.01), name='cate_embed'
        )
        self.dense = tf.keras.layers.Dense(self.hidden_units)
        self.bn1 = tf.keras.layers.BatchNormalization()
        self.concat = tf.keras.layers.Concatenate(axis=-1)
        self.att_dense1 = tf.keras.layers.Dense(80, activation='sigmoid')
        self.att_dense2 = tf.keras.layers.Dense(40, activation='sigmoid')
        self.att_dense3 = tf.keras.layers.Dense(1)
        self.bn2 = tf.keras.layers.BatchNormalization()
        self.concat2 = tf.keras.layers.Concatenate(axis=-1)
        self.dense1 = tf.keras.layers.Dense(80, activation='sigmoid')
        self.activation1 = tf.keras.layers.PReLU()
        # self.activation1 = Dice()
        self.dense2 = tf.keras.layers.Dense(40, activation='sigmoid')
        self.activation2 = tf.keras.layers.PReLU()
        # self.activation2 = Dice()
        self.dense3 = tf.keras.layers.Dense(1, activation=None)

    def call(self, inputs):
        user, item, hist, sl = inputs[0], tf.squeeze(inputs[1], axis=1), inputs[2], tf.squeeze(inputs[3], axis=1)
        # user_embed = self.u_embed(user)
        item_embed = self.concat_embed(item)
        hist_embed = self.concat_embed(hist)
        # 经过attention的物品embedding
        hist_att_embed = self.attention(item_embed, hist_embed, sl)
        hist_att_embed = self.bn1(hist_att_embed)
        hist_att_embed = tf.reshape(hist_att_embed, [-1, self.hidden_units * 2])
        u_embed = self.dense(hist_att_embed)
        item_embed = tf.reshape(item_embed, [-1, item_embed.shape[-1]])
        # 联合用户行为embedding、候选物品embedding、【用户属性、上下文内容特征】
        embed = self.concat2([u_embed, item_embed])
        x = self.bn2(embed)
        x = self.dense1(x)
        x = self.activation1(x)
        x = self.dense2(x)
        x = self.activation2(x)
        x = self.dense3(x)
        outputs = tf.nn.sigmoid(x)
        return outputs

    def concat_embed(self, item):
        """
        拼接物品embedding和物品种类embedding
        :param item: 物品id
        :return: 拼接后的embedding
        """
        # cate = tf.transpose(tf.gather_nd(self.cate_list, [item]))
        cate = tf.gather(self.cate_list, item)
        cate = tf.squeeze(cate, axis=1) if cate.shape[-1] == 1 else cate
        item_embed = self.item_embed(item)
        item_cate_embed = self.cate_embed(cate)
        embed = self.concat([item_embed, item_cate_embed])
        return embed

    def attention(self, queries, keys, keys_length):
        """
        activation unit
        :param queries: item embedding
        :param keys: hist embedding
        :param keys_length: the number of hist_embed
        :return:
        """
        # 候选物品的隐藏向量维度，hidden_unit * 2
        queries_hidden_units = queries.shape[-1]
        # 每个历史记录的物品embed都需要与候选物品的embed拼接，故候选物品embed重复keys.shape[1]次
        # keys.shape[1]为最大的序列长度，即431，为了方便矩阵计算
        # [None, 431 * hidden_unit * 2]
        queries = tf.tile(queries, [1, keys.shape[1]])
        # 重塑候选物品embed的shape
        # [None, 431, hidden_unit * 2]
        queries = tf.reshape(queries, [-1, keys.shape[1], queries_hidden_units])
        # 拼接候选物品embed与hist物品embed
        # [None, 431, hidden * 2 * 4]
        embed = tf.concat([queries, keys, queries - keys, queries * keys], axis=-1)
        # 全连接, 得到权重W
        d_layer_1 = self.att_dense1(embed)
        d_layer_2 = self.att_dense2(d_layer_1)
        # [None, 431, 1]
        d_layer_3 = self.att_dense3(d_layer_2)
        # 重塑输出权重类型, 每个hist物品embed有对应权重值
        # [None, 1, 431]
        outputs = tf.reshape(d_layer_3, [-1, 1, keys.shape[1]])

        # Mask
        # 此处将为历史记录的物品embed令为True
        # [None, 431]
        key_masks = tf.sequence_mask(keys_length, keys.shape[1])
        # 增添维度
        # [None, 1, 431]
        key_masks = tf.expand_dims(key_masks, 1)
        # 填充矩阵
        paddings = tf.ones_like(outputs) * (-2 ** 32 + 1)
        # 构造输出矩阵，其实就是为了实现【sum pooling】。True即为原outputs的值，False为上述填充值，为很小的值，softmax后接近0
        # [None, 1, 431] ----> 每个历史浏览物品的权重
        outputs = tf.where(key_masks, outputs, paddings)
        # Scale，keys.shape[-1]为hist_embed的隐藏单元数
        outputs = outputs / (keys.shape[-1] ** 0.5)
        # Activation，归一化
        outputs = tf.nn.softmax(outputs)
        # 对hist_embed进行加权
        # [None, 1, 431] * [None, 431, hidden_unit * 2] = [None, 1, hidden_unit * 2]
        outputs = tf.matmul(outputs, keys)
        return outputs

def build_model():
    rng = np.random.default_rng(0)
    cate_list = rng.integers(0, 20, size=500)
    model = DIN(user_num=100, item_num=500, cate_num=20, cate_list=cate_list, hidden_units=16)
    user = rng.integers(0, 100, (4, 1)).astype("int32")
    item = rng.integers(0, 500, (4, 1)).astype("int32")
    hist = rng.integers(0, 500, (4, 20)).astype("int32")
    sl = np.array([[20], [7], [12], [3]], dtype="int32")
    return model, [user, item, hist, sl]
