"""Chinese sentence-similarity Siamese BiLSTM: a sub-Model shared by two inputs, a Lambda wrapping a bound method, a frozen pre-trained Embedding -- works.

liuhuanyong's SiameseSentenceSimilarity (a widely forked Chinese NLP repo; comments like
"搭建编码层网络,用于权重共享", "基于曼哈顿空间距离计算两个字符串语义空间表示相似度计算") wraps everything in a
`SiameseNetwork` class: `create_base_network()` returns a functional BiLSTM `Model` that is called on
both the left and the right embedded sentence, the distance is `Lambda(self.exponent_neg_manhattan_distance)`
(a method of the plain-Python helper class), and the Embedding is built from a pre-trained matrix with
`weights=[...]`, `trainable=False`. A Lambda that reaches into `self`, a helper object that is not a
Layer, and one model instance used twice all look like the lambda-captured-state / untracked-container /
shared-layer patterns, but the Lambda's method is stateless (no variables), the shared encoder is a
tracked sub-model counted once, and the frozen embedding is a tracked non-trainable weight. The
data-loading methods (train.txt, a 300-d token_vec file) are replaced by a small synthetic vocabulary,
and the Keras-2-only `input_length=` argument is dropped.
"""

SOURCE = "https://github.com/liuhuanyong/SiameseSentenceSimilarity/blob/master/siamese_model.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py okj_siamese_shared_submodel_lambda_method.py:
warning: Layer 'functional' (of type Functional) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers 
warning: Layer 'functional' (of type Functional) was passed an input with a mask attached to it. However, this layer does not support masking and will therefore destroy the mask information. Downstream layers 
as returned: Functional, count_params() = 9120, 13 weights, unbuilt: none
after call: count_params() = 9120, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 1 variables the model does not track: ['embedding/embeddings:0']
second call: 0 variables watched that the first call did not use
The 'untracked' watched variable is the frozen Embedding (trainable=False): it is in model.non_trainable_weights (13 weights = 12 trainable + 1). The shared BiLSTM sub-model is counted once (its 12 weights). The mask warning is about the mask being dropped at the sub-model boundary, not about weights."""

import numpy as np
from keras import ops as K
from keras.models import Model
from keras.layers import Input, Embedding, LSTM, Dropout, Lambda, Bidirectional
import keras


class SiameseNetwork:
    def __init__(self):
        self.datas, self.word_dict = self.build_data()
        self.EMBEDDING_DIM = 30
        self.EPOCHS = 1
        self.BATCH_SIZE = 512
        self.NUM_CLASSES = 20
        self.VOCAB_SIZE = len(self.word_dict)
        self.LIMIT_RATE = 0.95
        self.TIME_STAMPS = self.select_best_length()
        self.embedding_matrix = self.build_embedding_matrix()

    '''根据样本长度,选择最佳的样本max-length'''
    def select_best_length(self):
        return 12

    '''构造数据集'''
    def build_data(self):
        vocabs = {'UNK'} | set('我们今天天气怎么样你好吗明天下雨')
        word_dict = {wd: index for index, wd in enumerate(sorted(vocabs))}
        return [[[], []], []], word_dict

    '''加载词向量矩阵'''
    def build_embedding_matrix(self):
        rng = np.random.default_rng(0)
        embedding_matrix = np.zeros((self.VOCAB_SIZE + 1, self.EMBEDDING_DIM))
        for word, i in self.word_dict.items():
            embedding_matrix[i] = rng.normal(size=self.EMBEDDING_DIM)
        return embedding_matrix

    '''基于曼哈顿空间距离计算两个字符串语义空间表示相似度计算'''
    def exponent_neg_manhattan_distance(self, inputX):
        (sent_left, sent_right) = inputX
        return K.exp(-K.sum(K.abs(sent_left - sent_right), axis=1, keepdims=True))

    '''基于欧式距离的字符串相似度计算'''
    def euclidean_distance(self, sent_left, sent_right):
        sum_square = K.sum(K.square(sent_left - sent_right), axis=1, keepdims=True)
        return K.sqrt(K.maximum(sum_square, keras.config.epsilon()))

    '''搭建编码层网络,用于权重共享'''
    def create_base_network(self, input_shape):
        input = Input(shape=input_shape)
        lstm1 = Bidirectional(LSTM(16, return_sequences=True))(input)
        lstm1 = Dropout(0.5)(lstm1)
        lstm2 = Bidirectional(LSTM(8))(lstm1)
        lstm2 = Dropout(0.5)(lstm2)
        return Model(input, lstm2)

    '''搭建网络'''
    def bilstm_siamese_model(self):
        embedding_layer = Embedding(self.VOCAB_SIZE + 1,
                                    self.EMBEDDING_DIM,
                                    weights=[self.embedding_matrix],
                                    trainable=False,
                                    mask_zero=True)

        left_input = Input(shape=(self.TIME_STAMPS,), dtype='float32')
        right_input = Input(shape=(self.TIME_STAMPS,), dtype='float32')

        encoded_left = embedding_layer(left_input)
        encoded_right = embedding_layer(right_input)

        shared_lstm = self.create_base_network(input_shape=(self.TIME_STAMPS, self.EMBEDDING_DIM))
        left_output = shared_lstm(encoded_left)
        right_output = shared_lstm(encoded_right)

        distance = Lambda(self.exponent_neg_manhattan_distance)([left_output, right_output])

        model = Model([left_input, right_input], distance)
        model.compile(loss='binary_crossentropy',
                      optimizer='nadam',
                      metrics=['accuracy'])
        # model.summary()

        return model


def build_model():
    handler = SiameseNetwork()
    model = handler.bilstm_siamese_model()
    rng = np.random.default_rng(1)
    x = [rng.integers(1, handler.VOCAB_SIZE, (2, handler.TIME_STAMPS)).astype("float32") for _ in range(2)]
    return model, x
