"""Residual blocks built by a helper method that creates fresh Conv2D/BatchNorm layers and wires them functionally.

The report (an AlphaZero-style policy/value network) complained that `model.summary()` did not "walk
through" layers created inside a helper (`_build_residual_block(x)`) called from `build()`. Layers
created in a helper and applied to Keras tensors look like sublayers created outside the model, but
in a functional model they are nodes of the graph: tracked, counted and trained on Keras 3.
"""

SOURCE = "https://github.com/keras-team/keras/issues/10005"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
ReversiModel(Config()).build() with 2 residual blocks: count_params() == 17,453 (the two heads included);
model.layers lists all 22 layers, including every Conv2D/BatchNormalization created by the helper; all
24 trainable weights get non-None gradients under tf.GradientTape; no warning."""

import keras
from keras.layers import Input, Conv2D, BatchNormalization, Activation, Add, Flatten, Dense
from keras.regularizers import l2


class Config:
    cnn_filter_num = 4
    cnn_filter_size = 3
    l2_reg = 1e-4
    res_layer_num = 2


class ReversiModel:
    def __init__(self, config):
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
        return Activation("relu")(x)

    def build(self):
        mc = self.config
        in_x = x = Input((8, 8, 2))
        x = Conv2D(filters=mc.cnn_filter_num, kernel_size=mc.cnn_filter_size, padding="same",
                   kernel_regularizer=l2(mc.l2_reg))(x)
        x = BatchNormalization(axis=-1)(x)
        x = Activation("relu")(x)
        for _ in range(mc.res_layer_num):
            x = self._build_residual_block(x)
        policy_out = Dense(8 * 8, activation="softmax", name="policy_out")(Flatten()(x))
        value_out = Dense(1, activation="tanh", name="value_out")(Flatten()(x))
        self.model = keras.Model(in_x, [policy_out, value_out], name="reversi_model")
        return self.model


def build_model():
    return ReversiModel(Config()).build()
