"""An RWKV `ChannelMix` layer calls `super().build()` first, then creates its Dense projections in `build()` without building them.

bert4keras3 is a Keras 3 (multi-backend) port of bert4keras with RWKV-6 support. Its `ChannelMix`
layer's `build()` starts with `super().build(input_shape)`, then adds the `time_mix_k` /
`time_mix_r` weights, a `TimeShift` sublayer and three bias-free Dense layers (`dense_k`,
`dense_v`, `dense_r`), none of which it builds; `call()` runs them. Because the layer also defines
`compute_output_shape()`, wiring it into a functional model never traces `call()`: the three Dense
layers stay unbuilt, the model reports only the two mixing vectors until the first real call, and
saved weights cannot be loaded into a freshly built model. Here one RWKV channel-mix block follows
a token embedding.
"""

SOURCE = "https://github.com/pass-lin/bert4keras3/blob/c00f23cb1ea4746d47033e7c060a103c704d275c/bert4keras3/Layers_add/Rwkv_layer.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py e_rwkv_channel_mix_dense_made_after_super_build.py:
as returned: Functional, count_params() = 1352, 5 weights, unbuilt: ['Dense:dense_r', 'Dense:dense_v', 'Dense:dense_k', 'TimeShift:time_shift']
after call: count_params() = 2632, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ffn_0': 1312, 'time_shift': 0}
second call: 0 variables watched that the first call did not use
also measured (weights of a called model saved, then load_weights into a fresh build_model()): ValueError: A total of 3 objects could not be loaded (dense_k, dense_v, dense_r, built=False)"""

import keras
from keras import ops
from keras.layers import Dense, Layer


def relu_square(x):
    return ops.square(ops.relu(x))


class TimeShift(Layer):
    def __init__(self, name="time_shift"):
        super(TimeShift, self).__init__(name=name)

    def call(self, inputs, cache_x=None):
        x = ops.pad(inputs, [[0, 0], [1, 0], [0, 0]], constant_values=0.0)[:, :-1, :]
        if cache_x is not None:
            x = ops.slice_update(x, [0, 0, 0], cache_x)
        return x - inputs

    def compute_output_shape(self, input_shape):
        return input_shape


class ChannelMix(Layer):
    def __init__(self, hidden_size, expand_size, **kwargs):
        super(ChannelMix, self).__init__(**kwargs)
        self.hidden_size = hidden_size
        self.expand_size = expand_size
        self.supports_masking = True
        self.state_tuning = False
        self.time_shitf_tuning = False

    def call(self, inputs, rnn_mode=False):
        if rnn_mode:
            x = inputs[0]
            xx = self.timeshift(x, inputs[1])
        else:
            x = inputs
            xx = self.timeshift(inputs)
        xk = x + xx * ops.reshape(self.time_mix_k, (1, 1, self.hidden_size))
        xr = x + xx * ops.reshape(self.time_mix_r, (1, 1, self.hidden_size))
        k = self.dense_key(xk)
        r = self.dense_receptance(xr)
        kv = self.dense_value(k)
        return r * kv

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            return input_shape[0]
        return input_shape

    def build(self, input_shape):
        super().build(input_shape)
        self.time_mix_k = self.add_weight(shape=(self.hidden_size,), name="time_mix_k")
        self.time_mix_r = self.add_weight(shape=(self.hidden_size,), name="time_mix_r")
        self.timeshift = TimeShift()
        self.dense_key = Dense(self.expand_size, activation=relu_square, use_bias=False, name="dense_k")
        self.dense_value = Dense(self.hidden_size, use_bias=False, name="dense_v")
        self.dense_receptance = Dense(self.hidden_size, activation=ops.sigmoid, use_bias=False, name="dense_r")


def build_model(vocab_size=40, hidden_size=16, seq_len=6):
    token_ids = keras.Input(shape=(seq_len,), dtype="int32")
    x = keras.layers.Embedding(vocab_size, hidden_size)(token_ids)
    x = x + ChannelMix(hidden_size, expand_size=hidden_size * 2, name="ffn_0")(x)
    logits = keras.layers.Dense(vocab_size)(x)
    return keras.Model(token_ids, logits)
