"""DAN's EEG temporal attention scores each time step with `TimeDistributed(Dense(1))`, flattens per step and
applies softmax over that size-1 axis, so every attention weight is exactly 1 and the scoring Dense gets a zero
gradient: counted, never trained.

From awaknd-1/DAN ("Dense Attention Network", ICASSP 2022: attention-based classification and electrode selection
of EEG signals, built with MNE and Keras). A plain Python object `DAN` (not a Layer) builds the functional graph
in its methods. `temporal_attention(out)` takes `out` of shape (batch, time, features), computes
`out_e = TimeDistributed(Dense(1, activation="tanh"))(out)` (batch, time, 1), `e = TimeDistributed(Flatten())(out_e)`
(still (batch, time, 1)) and `a = Activation("softmax")(e)`: the softmax runs over the last axis, of size 1, so
`a` is the constant 1 whatever the Dense computes (Keras 3 itself warns: "softmax over axis -1 of a tensor of
shape (4, 4, 1). This axis has size 1 ... will always return the value 1"). The attention then multiplies the
features by 1 and sums over time; the Dense(1) kernel and bias are in the model, counted and saved, and their
gradient is identically zero (measured). Label LD009 (a trainable weight that gets no gradient); doubt kept: the
catalog lists unused weights, stop_gradient, NumPy and non-differentiable ops, and this is a differentiable op
made constant by a shape, so TF returns zeros, not None; only a shape-aware check finds it. The rest looks
suspicious and is fine: layers created inside a plain object's methods and wired functionally, `Dense_one`/
`Dense_two` each called on the average- and max-pooled paths (shared, counted once: LD007 info), and `Lambda`s
that only reduce their input (nothing captured).

Porting edits: the file imports an empty name (`, Flatten` after a stray comma), fixed; `Model.py` imports it as
`from Multi-Head-Attention import DAN` (not importable), so both are inlined and `define_model` is kept without
compile. Keras 3's `keras.backend` lost `mean`/`max`/`sum`/`permute_dimensions`: a shim `K` maps them to
`keras.ops`, and `tensorflow.expand_dims` on a KerasTensor becomes `keras.ops.expand_dims`. `build_model()` runs
`DANet(beta=1.0).define_model` on EEG windows of 4 time segments x 9 spectral bands x 24 electrodes with 3 heads
(the paper's sizes need the authors' data), ff1 = ff2 = 9, TDense 16, dense 16 and 8.
"""

SOURCE = "https://github.com/awaknd-1/DAN/blob/38d356be483605898d0e39d3f04efa2d47bcc8d5/Multi-Head-Attention.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py at_dan_eeg_temporal_attention_softmax_over_size1_axis_dense_never_trains.py:
UserWarning (keras/src/ops/nn.py:959): You are using a softmax over axis -1 of a tensor of shape (4, 4, 1). This axis has size 1. The softmax operation will always return the value 1, which is likely not what you intended. Did you mean to use a sigmoid instead?
as returned: Functional, count_params() = 3966, 58 weights, unbuilt: none
after call: count_params() = 3966, 52 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 52 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (probe_dan.py, training-mode call, loss = sum(y * [1, -2])): trainable weights: 52 | all-zero gradients:
[('time_distributed_71/dense_19/kernel', (16, 1)), ('time_distributed_71/dense_19/bias', (1,))] (the temporal
attention scorer); TimeDistributed layers called more than once: 6 (Dense_one/Dense_two of the three channel heads),
each counted once."""

import types

import numpy as np
import tensorflow
import keras
from tensorflow.keras.layers import (Activation, Add,
                                     Concatenate, Dense,
                                     Flatten, GlobalAveragePooling1D,
                                     GlobalMaxPooling1D, Lambda,
                                     Multiply, Permute, RepeatVector, Reshape,
                                     TimeDistributed, BatchNormalization, Input)
from tensorflow.keras.models import Model

# Keras 3 port: keras.backend lost these; same meaning as the Keras 2 backend functions.
K = types.SimpleNamespace(
    mean=lambda x, axis=None, keepdims=False: keras.ops.mean(x, axis=axis, keepdims=keepdims),
    max=lambda x, axis=None, keepdims=False: keras.ops.max(x, axis=axis, keepdims=keepdims),
    sum=lambda x, axis=None, keepdims=False: keras.ops.sum(x, axis=axis, keepdims=keepdims),
    permute_dimensions=lambda x, pattern: keras.ops.transpose(x, pattern),
)


class DAN:
    def __init__(self, *, beta):
        super(DAN, self).__init__()

        self.beta = beta

    def attention_layer(self, sp, inputs):
        out_e = TimeDistributed(Dense(1, activation="tanh"))(sp)
        # the softmax taking the above op
        e = TimeDistributed(Flatten())(out_e)
        a = TimeDistributed(Activation("softmax"))(e)
        temp = TimeDistributed(RepeatVector(1))(a * self.beta)
        temp = TimeDistributed(Permute([2, 1]))(temp)
        # multiply the weights with reshaped output of block 3
        output = (Multiply())([inputs, temp])
        # the attention adjusted output state
        output = TimeDistributed(Lambda(lambda values: K.sum(values, axis=1)))(output)
        output = keras.ops.expand_dims(output, axis=-1)
        return output

    # used for spatial attention
    def F_attention(self, inputs):
        sp_avg_pool = TimeDistributed(
            Lambda(lambda x: K.mean(x, axis=-1, keepdims=True))
        )(inputs)
        sp_max_pool = TimeDistributed(
            Lambda(lambda x: K.max(x, axis=-1, keepdims=True))
        )(inputs)
        sp = Concatenate(axis=-1)([sp_avg_pool, sp_max_pool])
        sp = self.attention_layer(sp, inputs)
        return sp

    def C_attention(self, inputx, n, ratio=8):
        channel_axis = -1
        time_points = inputx.shape[1]
        # get channel
        channel = int(inputx.shape[channel_axis])
        # create dense layers
        Dense_one = TimeDistributed(
            Dense(
                channel // ratio,
                activation="elu",
                kernel_initializer="he_normal",
                use_bias=True,
                bias_initializer="zeros",
            )
        )
        Dense_two = TimeDistributed(
            Dense(
                channel,
                activation="elu",
                kernel_initializer="he_normal",
                use_bias=True,
                bias_initializer="zeros",
            )
        )
        # average pooling
        avg_pool = TimeDistributed(GlobalAveragePooling1D())(inputx[:, :, :n, :])
        avg_pool = TimeDistributed(Reshape((1, channel)))(avg_pool)
        assert avg_pool.shape[1:] == (time_points, 1, channel)
        mlp_avg_pool = Dense_one(avg_pool)
        assert mlp_avg_pool.shape[1:] == (time_points, 1, channel // ratio)
        mlp_avg_pool = Dense_two(mlp_avg_pool)
        assert mlp_avg_pool.shape[1:] == (time_points, 1, channel)

        # maxpooling
        max_pool = TimeDistributed(GlobalMaxPooling1D())(inputx[:, :, :n, :])
        max_pool = TimeDistributed(Reshape((1, channel)))(max_pool)
        assert max_pool.shape[1:] == (time_points, 1, channel)
        mlp_max_pool = Dense_one(max_pool)
        assert mlp_max_pool.shape[1:] == (time_points, 1, channel // ratio)
        mlp_max_pool = Dense_two(mlp_max_pool)
        assert max_pool.shape[1:] == (time_points, 1, channel)
        # add the two features set created using max and avg pooling
        channel_attention_feature = Add()([mlp_avg_pool, mlp_max_pool])
        channel_attention_feature = K.permute_dimensions(
            channel_attention_feature, (0, 1, 3, 2)
        )
        inputx = K.permute_dimensions(inputx, (0, 1, 3, 2))
        # performs attention mechanism across channel dimension
        channel_attention_feature = self.attention_layer(
            channel_attention_feature, inputx
        )
        return channel_attention_feature

    def feature_extraction(self, inputx, neurons_1, neurons_2):
        # extract features across electrode/ channels dimensions
        Cout = TimeDistributed(
            Dense(
                neurons_2,
                activation="elu",
                kernel_initializer="he_normal",
                use_bias=True,
                bias_initializer="zeros",
            )
        )(inputx)
        # extract features across spectral dimensions
        F_inputs = K.permute_dimensions(Cout, (0, 1, 3, 2))
        # apply dense
        Fout = TimeDistributed(
            Dense(
                neurons_1,
                activation="elu",
                kernel_initializer="he_normal",
                use_bias=True,
                bias_initializer="zeros",
            )
        )(F_inputs)
        # swap the dimensions back to the orignal settings
        Fout = K.permute_dimensions(Fout, (0, 1, 3, 2))
        return Fout

    # define attention
    def temporal_attention(self, out):

        d2 = out.shape[-1]
        # the attention adjusted output state
        out_e = TimeDistributed(Dense(1, activation="tanh"))(out)
        # the softmax taking the above op
        e = TimeDistributed(Flatten())(out_e)
        a = Activation("softmax")(e)
        temp = TimeDistributed(RepeatVector(d2))(a * self.beta)
        temp = TimeDistributed(Permute([2, 1]))(temp)
        # multiply the weights with reshaped output of block 3
        output = Multiply()([out, temp])
        # the attention adjusted output state
        output = TimeDistributed(Lambda(lambda values: K.sum(values, axis=1)))(output)
        return output

    def MHDAN(self, inputx, neurons_1, neurons_2, n, h):
        # divide the vector into n heads, each for seprate attention
        d2, d3 = inputx.shape[2], inputx.shape[3]
        # spectral attention over multiple heads
        F1, F2, F3 = (
            self.F_attention(inputx[:, :, : d2 // h, : d3 // h]),
            self.F_attention(
                inputx[:, :, d2 // h : d2 // h + d2 // h, d3 // h : d3 // h + d3 // h]
            ),
            self.F_attention(inputx[:, :, d2 // h + d2 // h :, d3 // h + d3 // h :]),
        )
        # combine the heads across spectral dimension
        F = Concatenate(axis=2)([F1, F2, F3])
        # attention across channels/electrodes
        C1, C2, C3 = (
            self.C_attention(inputx[:, :, : d2 // h, : d3 // h], n, ratio=8),
            self.C_attention(
                inputx[:, :, d2 // h : d2 // h + d2 // h, d3 // h : d3 // h + d3 // h],
                n,
                ratio=8,
            ),
            self.C_attention(
                inputx[:, :, d2 // h + d2 // h :, d3 // h + d3 // h :], n, ratio=8
            ),
        )
        # combine the heads across channel dimension
        C = Concatenate(axis=2)([C1, C2, C3])
        C = K.permute_dimensions(C, (0, 1, 3, 2))
        # # combine the two attention maps
        Att_out = Multiply()([F, C])
        Att_out = K.permute_dimensions(Att_out, (0, 1, 3, 2))
        # add the orignal feature map to attention feature map
        refined_out = Add()([inputx, Att_out])
        # apply fully connected layers to spectral and channel/electrodes dimension
        output = self.feature_extraction(refined_out, neurons_1, neurons_2)
        return output


class DANet():
    def __init__(self, *, beta):
        super(DANet, self).__init__()
        self.beta = beta

    # define the model (Model.py)
    def define_model(self, trainX, N, heads, ff1, ff2, TDense, dense1, dense2, lr):
        # network-1
        _, a, b, c = trainX.shape
        inputs1 = Input(shape=(a, b, c))
        # Block-1
        out1 = DAN(beta=self.beta).MHDAN(inputs1, b, c, N, heads)
        out = TimeDistributed(BatchNormalization(center=True, scale=True))(out1)
        out = Activation('elu')(out)
        # maxpool
        out = DAN(beta=self.beta).feature_extraction(out, ff1, ff1)
        out1 = TimeDistributed(BatchNormalization(center=True, scale=True))(out)
        out = Add()([out, out1])
        out = Activation('elu')(out)
        # Block-2
        out = DAN(beta=self.beta).feature_extraction(out, ff2, ff2)
        out1 = TimeDistributed(BatchNormalization(center=True, scale=True))(out)
        out = Add()([out, out1])
        out = Activation('elu')(out)
        # block-3
        out = TimeDistributed(Flatten())(out)
        out = TimeDistributed(Dense(TDense, activation='elu'))(out)
        output = DAN(beta=1).temporal_attention(out)
        output = Flatten()(output)
        output = (Dense(dense1, activation='elu'))(output)
        # network-2
        outputs = (Dense(dense2, activation='elu'))(output)
        outputs = (Dense(2, activation='sigmoid'))(outputs)
        model = Model(inputs=inputs1, outputs=outputs)
        return model


def build_model():
    # EEG windows: 4 time segments x 9 spectral bands x 24 electrodes, 3 heads
    trainX = np.random.default_rng(0).normal(size=(4, 4, 9, 24)).astype("float32")
    model = DANet(beta=1.0).define_model(trainX, N=3, heads=3, ff1=9, ff2=9, TDense=16,
                                        dense1=16, dense2=8, lr=1e-3)
    return model, trainX
