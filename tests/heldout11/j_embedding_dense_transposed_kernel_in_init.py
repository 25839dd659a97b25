"""Tied output layer: `self.kernel = K.transpose(embedding_layer.embeddings)` computed once in `__init__`.

From the Chinese post "“让Keras更酷一些！”：层与模型的重用技巧" (Su Jianlin's kexue.fm series, mirrored on
go2live.cn). To share the embedding matrix between the input lookup and the output softmax, the post
writes `EmbeddingDense(Layer)`, "运算跟Dense一致，只不过kernel用Embedding层的embedding矩阵": the
constructor receives the already-called Embedding layer and stores the transposed matrix on self; build()
only adds a bias. On Keras 1/2 with the TF1 graph `K.transpose` of the variable was a graph op that read
the live variable. On Keras 3 (eager) the transpose runs once in `__init__` and yields a constant tensor:
the output projection uses a frozen copy of the embeddings, gets no gradient and never follows the
trained embeddings; the layer itself owns only its bias.
"""

SOURCE = "https://www.go2live.cn/nocate/%E8%AE%A9keras%E6%9B%B4%E9%85%B7%E4%B8%80%E4%BA%9B%EF%BC%81%EF%BC%9A%E5%B1%82%E4%B8%8E%E6%A8%A1%E5%9E%8B%E7%9A%84%E9%87%8D%E7%94%A8%E6%8A%80%E5%B7%A7.html"
CODES = ("LD010", "LD001", "LD009")  # relabelled at stop 22 (was ("LD001", "LD009")): every frozen copy is LD010 in this project, as LD010's catalog text says; the first measurement counted it as the miner labelled it
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py j_embedding_dense_transposed_kernel_in_init.py:
as returned: Functional, count_params() = 34056, 4 weights, unbuilt: none
after call: count_params() = 34056, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'embedding_dense': 1000}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine11b/m3.py): EmbeddingDense.weights == ['embedding_dense/bias'], self.kernel is an EagerTensor; the gradient of the EmbeddingDense output w.r.t. embedding.embeddings is None (the embeddings train only through the lookup); after embeddings.assign(embeddings + 1.0) the EmbeddingDense output is unchanged (stale copy)."""

import keras
from keras import ops as K
from keras.layers import Layer, Input, Embedding, Dense, Activation, GlobalAveragePooling1D
from keras.models import Model


class EmbeddingDense(Layer):
    """运算跟Dense一致，只不过kernel用Embedding层的embedding矩阵
    """
    def __init__(self, embedding_layer, activation='softmax', **kwargs):
        super(EmbeddingDense, self).__init__(**kwargs)
        self.kernel = K.transpose(embedding_layer.embeddings)
        self.activation = activation
        self.units = K.shape(self.kernel)[1]

    def build(self, input_shape):
        super(EmbeddingDense, self).build(input_shape)
        self.bias = self.add_weight(name='bias',
                                    shape=(self.units,),
                                    initializer='zeros')

    def call(self, inputs):
        outputs = K.matmul(inputs, self.kernel)
        outputs = outputs + self.bias
        outputs = Activation(self.activation).call(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.units,)


def build_model():
    # 用法
    x_in = Input(shape=(None,), dtype='int32')
    x = x_in
    embedding_layer = Embedding(1000, 32)
    x = embedding_layer(x)  # 调用Embedding层
    x = GlobalAveragePooling1D()(x)
    x = Dense(32, activation='tanh')(x)
    x = EmbeddingDense(embedding_layer)(x)  # 调用EmbeddingDense层
    model = Model(x_in, x)
    import numpy as np
    return model, np.ones((2, 7), dtype='int32')
