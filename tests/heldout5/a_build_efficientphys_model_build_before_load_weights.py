"""EfficientPhys as a subclassed Model, built with `ep.build(input_shape=...)` before `load_weights`: nothing gets built.

PhysBench's inference script does `ep = EP(n=32); ep.build(input_shape=(None, 72, 72, 3));
ep.load_weights(...)`. Under TF 2.16 (Keras 3) the reporter got "`build()` was called on layer
'ep', however the layer does not have a `build()` method implemented and it looks like it has
unbuilt state", then a load failure: the model expects 0 weights, the file has 9 layers of them.
`Model.build()` on a subclass without its own `build()` can only trace `call()`, and EP's `call()`
does not trace on Keras 3: it passes the frame count positionally to its TSM layer (Keras 3 takes
only tensors positionally), and TSM and the attention mask use `keras.backend` functions
(`K.reshape`, `K.sum`, `K.int_shape`) that Keras 3 no longer has. Keras marks the model built
anyway and every convolution, dense and batch-norm layer stays unbuilt with no variables: the
model reports 0 parameters and the checkpoint has nowhere to go.
"""

SOURCE = "https://github.com/KegangWangCCNU/PhysBench_Archived/issues/13"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py a_build_efficientphys_model_build_before_load_weights.py:
warning: `build()` was called on layer 'ep', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite not
as returned: EP, count_params() = 0, 0 weights, unbuilt: ['TSM:tsm', 'Conv2D:conv2d', 'Conv2D:conv2d_1', 'Conv2D:conv2d_2', 'Conv2D:conv2d_3', 'Conv2D:conv2d_4', 'Attention_mask:attention_mask', 'Conv2D:conv2d_5', 'Dense:dense', 'Dense:dense_1', 'BatchNormalization:batch_normalization', 'Flatten:flatten']
no inputs known: not called
extra check (python: EP(n=32)(np.zeros((32, 72, 72, 3)))): ValueError "Only input tensors may be passed as
positional arguments ... 32 (of type <class 'int'>)" from `self.TSM(x, self.n_frame)`; and
[hasattr(keras.backend, n) for n in ('reshape', 'sum', 'int_shape')] == [False, False, False]."""

import keras.backend as K
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class Attention_mask(tf.keras.layers.Layer):
    def call(self, x):
        xsum = K.sum(x, axis=1, keepdims=True)
        xsum = K.sum(xsum, axis=2, keepdims=True)
        xshape = K.int_shape(x)
        return x / xsum * xshape[1] * xshape[2] * 0.5


class TSM(tf.keras.layers.Layer):
    def call(self, x, n_frame, fold_div=3):
        nt, h, w, c = x.shape
        x = K.reshape(x, (-1, n_frame, h, w, c))
        fold = c // fold_div
        last_fold = c - (fold_div - 1) * fold
        out1, out2, out3 = tf.split(x, [fold, fold, last_fold], axis=-1)
        padding_1 = tf.expand_dims(tf.zeros_like(out1)[:, -1, :, :, :], 1)
        _, out1 = tf.split(out1, [1, n_frame - 1], axis=1)
        out1 = tf.concat([out1, padding_1], axis=1)
        padding_2 = tf.expand_dims(tf.zeros_like(out2)[:, 0, :, :, :], 1)
        out2, _ = tf.split(out2, [n_frame - 1, 1], axis=1)
        out2 = tf.concat([padding_2, out2], axis=1)
        out = tf.concat([out1, out2, out3], axis=-1)
        return K.reshape(out, (-1, h, w, c))


class EP(keras.Model):
    def __init__(self, n=32):
        super().__init__()
        self.n_frame = n
        self.TSM = TSM()
        self.mc1 = layers.Conv2D(32, kernel_size=3, padding="same", activation="tanh")
        self.mc2 = layers.Conv2D(32, kernel_size=3, activation="tanh")
        self.mc3 = layers.Conv2D(64, kernel_size=3, padding="same", activation="tanh")
        self.mc4 = layers.Conv2D(64, kernel_size=3, activation="tanh")
        self.attc1 = layers.Conv2D(1, kernel_size=1, activation="sigmoid")
        self.msk = Attention_mask()
        self.attc2 = layers.Conv2D(1, kernel_size=1, activation="sigmoid")
        self.avgp = layers.AvgPool2D(2)
        self.dp1 = layers.Dropout(0.25)
        self.dp2 = layers.Dropout(0.5)
        self.dense1 = layers.Dense(128, activation="tanh")
        self.dense2 = layers.Dense(1)
        self.bn = layers.BatchNormalization()
        self.ft = layers.Flatten()

    def call(self, x):
        x = x[1:] - x[:-1]
        x = tf.concat([x, tf.zeros([1, 72, 72, 3])], axis=0)
        x = self.bn(x)
        x = self.TSM(x, self.n_frame)
        x = self.mc1(x)
        x = self.TSM(x, self.n_frame)
        x = self.mc2(x)
        msk = self.msk(self.attc1(x))
        x = layers.multiply([x, msk])
        x = self.avgp(x)
        x = self.dp1(x)
        x = self.TSM(x, self.n_frame)
        x = self.mc3(x)
        x = self.TSM(x, self.n_frame)
        x = self.mc4(x)
        msk = self.msk(self.attc2(x))
        x = layers.multiply([x, msk])
        x = self.avgp(x)
        x = self.dp1(x)
        x = self.ft(x)
        x = self.dense1(x)
        x = self.dp2(x)
        return self.dense2(x)


def build_model():
    ep = EP(n=32)
    ep.build(input_shape=(None, 72, 72, 3))  # the inference script then calls ep.load_weights(...)
    return ep
