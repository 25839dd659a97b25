"""Correct: residual blocks created by a builder method called once per block (new layers every call).

The reporter's AlphaZero-style policy/value network builds each residual block in
`_build_residual_block(self, x)`, which instantiates fresh Conv2D/BatchNormalization layers on
every call, and complained that `model.summary()` (Keras 2) did not walk into the helper. On
Keras 3 each block has its own weights and the summary lists all of them; the repeated helper
call looks like layer reuse, but no instance is shared.
"""

SOURCE = "https://github.com/keras-team/keras/issues/10005"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 37225 with 46 weights (32 trainable): the stem and each of the 3 residual blocks
have their own Conv2D/BatchNormalization weights; every trainable weight gets a gradient from the
two heads; no warning."""

import keras
from keras.layers import Activation, Add, BatchNormalization, Conv2D, Dense, Flatten, Input
from keras.regularizers import l2


class ModelConfig:
    cnn_filter_num = 8
    cnn_filter_size = 3
    l2_reg = 1e-4
    res_layer_num = 3


class ReversiModel:
    def __init__(self, config=ModelConfig()):
        self.config = config
        self.model = None

    def _build_residual_block(self, x):
        mc = self.config
        in_x = x
        x = Conv2D(filters=mc.cnn_filter_num, kernel_size=mc.cnn_filter_size, padding="same",
                   kernel_regularizer=l2(mc.l2_reg))(x)
        x = BatchNormalization(axis=-1)(x)
        x = Activation("relu")(x)
        x = Conv2D(filters=mc.cnn_filter_num, kernel_size=mc.cnn_filter_size, padding="same",
                   kernel_regularizer=l2(mc.l2_reg))(x)
        x = BatchNormalization(axis=-1)(x)
        x = Add()([in_x, x])
        x = Activation("relu")(x)
        return x

    def build(self):
        mc = self.config
        in_x = x = Input((8, 8, 2))
        x = Conv2D(filters=mc.cnn_filter_num, kernel_size=mc.cnn_filter_size, padding="same",
                   kernel_regularizer=l2(mc.l2_reg))(x)
        x = BatchNormalization(axis=-1)(x)
        x = Activation("relu")(x)
        for _ in range(mc.res_layer_num):
            x = self._build_residual_block(x)
        policy_out = Dense(64, activation="softmax", name="policy_out")(Flatten()(x))
        value_out = Dense(1, activation="tanh", name="value_out")(Flatten()(x))
        self.model = keras.Model(in_x, [policy_out, value_out], name="reversi_model")
        return self.model


def build_model():
    return ReversiModel().build()
