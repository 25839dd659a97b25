"""Su Jianlin's pure-Keras CRF: the transition matrix is a weight that call() never touches -- it is trained through `crf.loss` -- works.

bojone's `crf_keras.py` (the code of his kexue.fm post "简明条件随机场CRF介绍（附带纯Keras实现）", used by
his `word_seg.py` Chinese word segmenter) defines `CRF(Layer)` whose build() adds `crf_trans`, a
(num_labels, num_labels) trainable weight, while `call()` is `return inputs` ("CRF本身不改变输出，它只是一个
loss"). The weight is used only in the layer's `loss(y_true, y_pred)` method (forward algorithm via
`K.rnn` + path score), which the script passes to `model.compile(loss=crf.loss)`, and the trained matrix
is read back with `model.get_weights()[-1]` for Viterbi decoding. A weight that the forward pass never
reads looks like the no-gradient pattern, and a probe that differentiates the model output alone does
see a None gradient for it, but with the author's loss it receives a gradient and is updated by fit().
Ported to Keras 3: `keras.ops` for `K.*`, and Keras's backend `rnn` for `K.rnn`.
"""

SOURCE = "https://github.com/bojone/crf/blob/master/crf_keras.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py okj_crf_transition_used_only_in_loss.py:
as returned: Functional, count_params() = 10005, 10 weights, unbuilt: none
after call: count_params() = 10005, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 10 trainable weights: ['crf/crf_trans']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'crf': 16}
second call: 0 variables watched that the first call did not use
The None gradient above is _measure's probe (loss = mean of the model output), which the CRF output does not depend on by design.
Own script (/tmp/mine11b/m12.py): with the author's loss, the gradient of crf.loss(y_true, model(x)) w.r.t. crf_trans is non-None (norm 0.71); model.fit(2 epochs) with compile(loss=crf.loss) changes crf_trans; model.get_weights()[-1] is the (4, 4) transition matrix the author reads back for Viterbi."""

import numpy as np
import keras
from keras import ops as K
from keras.layers import Layer, Dense, Embedding, Conv1D, Input
from keras.models import Model
from keras.src import backend as keras_backend  # K.rnn


class CRF(Layer):
    """纯Keras实现CRF层
    CRF层本质上是一个带训练参数的loss计算层，因此CRF层只用来训练模型，
    而预测则需要另外建立模型。
    """
    def __init__(self, ignore_last_label=False, **kwargs):
        """ignore_last_label：定义要不要忽略最后一个标签，起到mask的效果
        """
        self.ignore_last_label = 1 if ignore_last_label else 0
        super(CRF, self).__init__(**kwargs)
    def build(self, input_shape):
        self.num_labels = input_shape[-1] - self.ignore_last_label
        self.trans = self.add_weight(name='crf_trans',
                                     shape=(self.num_labels, self.num_labels),
                                     initializer='glorot_uniform',
                                     trainable=True)
    def log_norm_step(self, inputs, states):
        """递归计算归一化因子
        要点：1、递归计算；2、用logsumexp避免溢出。
        技巧：通过expand_dims来对齐张量。
        """
        states = K.expand_dims(states[0], 2) # (batch_size, output_dim, 1)
        trans = K.expand_dims(self.trans, 0) # (1, output_dim, output_dim)
        output = K.logsumexp(states+trans, 1) # (batch_size, output_dim)
        return output+inputs, [output+inputs]
    def path_score(self, inputs, labels):
        """计算目标路径的相对概率（还没有归一化）
        要点：逐标签得分，加上转移概率得分。
        技巧：用“预测”点乘“目标”的方法抽取出目标路径的得分。
        """
        point_score = K.sum(K.sum(inputs*labels, 2), 1, keepdims=True) # 逐标签得分
        labels1 = K.expand_dims(labels[:, :-1], 3)
        labels2 = K.expand_dims(labels[:, 1:], 2)
        labels = labels1 * labels2 # 两个错位labels，负责从转移矩阵中抽取目标转移得分
        trans = K.expand_dims(K.expand_dims(self.trans, 0), 0)
        trans_score = K.sum(K.sum(trans*labels, [2,3]), 1, keepdims=True)
        return point_score+trans_score # 两部分得分之和
    def call(self, inputs): # CRF本身不改变输出，它只是一个loss
        return inputs
    def loss(self, y_true, y_pred): # 目标y_pred需要是one hot形式
        mask = K.cast(1-y_true[:,1:,-1], 'bool') if self.ignore_last_label else None
        y_true,y_pred = y_true[:,:,:self.num_labels],y_pred[:,:,:self.num_labels]
        init_states = [y_pred[:,0]] # 初始状态
        log_norm,_,_ = keras_backend.rnn(self.log_norm_step, y_pred[:,1:], init_states, mask=mask) # 计算Z向量（对数）
        log_norm = K.logsumexp(log_norm, 1, keepdims=True) # 计算Z（对数）
        path_score = self.path_score(y_pred, y_true) # 计算分子（对数）
        return log_norm - path_score # 即log(分子/分母)
    def accuracy(self, y_true, y_pred): # 训练过程中显示逐帧准确率的函数，排除了mask的影响
        mask = 1-y_true[:,:,-1] if self.ignore_last_label else None
        y_true,y_pred = y_true[:,:,:self.num_labels],y_pred[:,:,:self.num_labels]
        isequal = K.equal(K.argmax(y_true, 2), K.argmax(y_pred, 2))
        isequal = K.cast(isequal, 'float32')
        if mask is None:
            return K.mean(isequal)
        else:
            return K.sum(isequal*mask) / K.sum(mask)


chars = {c: 3 for c in '我们今天去北京大学看了一场电影'}


def build_model():
    embedding_size = 32
    sequence = Input(shape=(None,), dtype='int32') # 建立输入层，输入长度设为None
    embedding = Embedding(len(chars)+1,
                          embedding_size,
                         )(sequence) # 去掉了mask_zero=True
    cnn = Conv1D(32, 3, activation='relu', padding='same')(embedding)
    cnn = Conv1D(32, 3, activation='relu', padding='same')(cnn)
    cnn = Conv1D(32, 3, activation='relu', padding='same')(cnn) # 层叠了3层CNN

    crf = CRF(True) # 定义crf层，参数为True，自动mask掉最有一个标签
    tag_score = Dense(5)(cnn) # 变成了5分类，第五个标签用来mask掉
    tag_score = crf(tag_score) # 包装一下原来的tag_score

    model = Model(inputs=sequence, outputs=tag_score)
    model.compile(loss=crf.loss, # 用crf自带的loss
                  optimizer='adam',
                  metrics=[crf.accuracy])
    x = np.random.default_rng(0).integers(1, len(chars) + 1, (2, 9)).astype('int32')
    return model, x
