"""Su Jianlin's `OurLayer.reuse()`: builds inner Dense layers by hand and appends their weights to `self._trainable_weights`.

bojone's seq2seq title generator (the code behind his kexue.fm posts, copied into many Chinese
summarisation repos) defines `OurLayer`, a Layer with a `reuse(layer, *args)` helper "允许在定义Layer时
调用现成的层": if the inner layer is not built it calls `layer.build(K.int_shape(inputs))` itself, runs
`layer.call(...)` directly (bypassing `__call__`), then copies every inner weight into the outer layer's
private `self._trainable_weights` / `self._non_trainable_weights` lists so Keras 2 would train them.
The multi-head `Attention(OurLayer)` creates its q/k/v Dense layers in build() and calls them only
through `self.reuse(...)`. On Keras 3 the private lists do not exist on Layer. Because Attention defines
compute_output_shape, wiring the functional model does not trace call(): the model builds, reports
22338 params with the three q/k/v Dense layers unbuilt, and the first real call raises
AttributeError inside `reuse`, far from any line that looks suspicious.
"""

SOURCE = "https://github.com/bojone/seq2seq/blob/master/seq2seq.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py j_ourlayer_reuse_appends_trainable_weights.py:
as returned: Functional, count_params() = 22338, 13 weights, unbuilt: ['Dense:dense_2', 'Dense:dense_1', 'Dense:dense']
call 1 raised AttributeError: Exception encountered when calling Attention.call().
Own script (/tmp/mine11b/m2.py): the message is 'Attention' object has no attribute '_trainable_weights'."""

import keras
from keras import ops as K
from keras.layers import Layer, Dense, Embedding, Input, Lambda, Concatenate, Activation
from keras.models import Model

maxlen = 64
char_size = 32
z_dim = 32
num_chars = 50


class ScaleShift(Layer):
    """缩放平移变换层（Scale and shift）
    """

    def __init__(self, **kwargs):
        super(ScaleShift, self).__init__(**kwargs)

    def build(self, input_shape):
        kernel_shape = (1,) * (len(input_shape) - 1) + (input_shape[-1],)
        self.log_scale = self.add_weight(name='log_scale', shape=kernel_shape, initializer='zeros')
        self.shift = self.add_weight(name='shift', shape=kernel_shape, initializer='zeros')

    def call(self, inputs, **kwargs):
        x_outs = K.exp(self.log_scale) * inputs + self.shift
        return x_outs


class OurLayer(Layer):
    """定义新的Layer，增加reuse方法，允许在定义Layer时调用现成的层
    """

    def reuse(self, layer, *args, **kwargs):
        if not layer.built:
            if len(args) > 0:
                inputs = args[0]
            else:
                inputs = kwargs['inputs']
            if isinstance(inputs, list):
                input_shape = [tuple(x.shape) for x in inputs]
            else:
                input_shape = tuple(inputs.shape)
            layer.build(input_shape)
        outputs = layer.call(*args, **kwargs)
        for w in layer.trainable_weights:
            if w not in self._trainable_weights:
                self._trainable_weights.append(w)
        for w in layer.non_trainable_weights:
            if w not in self._non_trainable_weights:
                self._non_trainable_weights.append(w)
        return outputs


class Attention(OurLayer):
    """多头注意力机制
    """

    def __init__(self, heads, size_per_head, key_size=None, mask_right=False, **kwargs):
        super(Attention, self).__init__(**kwargs)
        self.heads = heads
        self.size_per_head = size_per_head
        self.out_dim = heads * size_per_head
        self.key_size = key_size if key_size else size_per_head
        self.mask_right = mask_right

    def build(self, input_shape):
        super(Attention, self).build(input_shape)
        self.q_dense = Dense(self.key_size * self.heads, use_bias=False)
        self.k_dense = Dense(self.key_size * self.heads, use_bias=False)
        self.v_dense = Dense(self.out_dim, use_bias=False)

    def mask(self, x, mask, mode='mul'):
        if mask is None:
            return x
        else:
            for _ in range(K.ndim(x) - K.ndim(mask)):
                mask = K.expand_dims(mask, K.ndim(mask))
            if mode == 'mul':
                return x * mask
            else:
                return x - (1 - mask) * 1e10

    def call(self, inputs):
        q, k, v = inputs[:3]
        v_mask, q_mask = None, None
        if len(inputs) > 3:
            v_mask = inputs[3]
            if len(inputs) > 4:
                q_mask = inputs[4]
        # 线性变换
        qw = self.reuse(self.q_dense, q)
        kw = self.reuse(self.k_dense, k)
        vw = self.reuse(self.v_dense, v)
        # 形状变换
        qw = K.reshape(qw, (-1, K.shape(qw)[1], self.heads, self.key_size))
        kw = K.reshape(kw, (-1, K.shape(kw)[1], self.heads, self.key_size))
        vw = K.reshape(vw, (-1, K.shape(vw)[1], self.heads, self.size_per_head))
        # 维度置换
        qw = K.transpose(qw, (0, 2, 1, 3))
        kw = K.transpose(kw, (0, 2, 1, 3))
        vw = K.transpose(vw, (0, 2, 1, 3))
        # Attention
        a = K.matmul(qw, K.transpose(kw, (0, 1, 3, 2))) / self.key_size ** 0.5
        a = K.transpose(a, (0, 3, 2, 1))
        a = self.mask(a, v_mask, 'add')
        a = K.transpose(a, (0, 3, 2, 1))
        a = K.softmax(a)
        # 完成输出
        o = K.matmul(a, vw)
        o = K.transpose(o, (0, 2, 1, 3))
        o = K.reshape(o, (-1, K.shape(o)[1], self.out_dim))
        o = self.mask(o, q_mask, 'mul')
        return o

    def compute_output_shape(self, input_shape):
        return (input_shape[0][0], input_shape[0][1], self.out_dim)


def graph():
    x_in = Input(shape=(maxlen,), dtype='int32')
    y_in = Input(shape=(maxlen,), dtype='int32')
    x, y = x_in, y_in

    x_mask = Lambda(lambda x: K.cast(K.greater(K.expand_dims(x, 2), 0), 'float32'))(x)

    embedding = Embedding(num_chars + 4, char_size)
    x = embedding(x)
    y = embedding(y)

    x = keras.layers.LSTM(z_dim, return_sequences=True)(x)
    y = keras.layers.LSTM(z_dim, return_sequences=True)(y)

    # attention交互
    xy = Attention(4, 8)([y, x, x, x_mask])
    xy = Concatenate()([y, xy])

    # 输出分类
    xy = Dense(char_size)(xy)
    xy = Activation('relu')(xy)
    xy = Dense(num_chars + 4)(xy)
    xy = ScaleShift()(xy)
    xy = Activation('softmax')(xy)
    return Model([x_in, y_in], xy)


def build_model():
    return graph()
