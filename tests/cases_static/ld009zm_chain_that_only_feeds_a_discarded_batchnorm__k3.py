# LD009 no-gradient: a chain of sublayers whose result only feeds a BatchNormalization whose output call()
# then overwrites (tests/heldout25 tamiltech speech residual block, ported from PyTorch: the second branch
# restarts from the input). The BatchNormalization's moving statistics carry no gradient, so the layers
# before it get none; the BatchNormalization itself is not reported (a stats-only call may be meant).
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f25/measure_ld009zm.py): gradients of
# sum(outputs): None for first_norm's and first_dense's weights (and the BatchNormalization's gamma/beta);
# in Chained (the second branch reads the first) every weight gets one.
import keras


class RestartedBranch(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.first_norm = keras.layers.LayerNormalization()
        self.first_dense = keras.layers.Dense(units)
        self.first_bn = keras.layers.BatchNormalization()
        self.second_norm = keras.layers.LayerNormalization()
        self.second_dense = keras.layers.Dense(units)

    def call(self, inputs):
        x = self.first_norm(inputs)  # LD009
        x = self.first_dense(x)  # LD009
        x = self.first_bn(x)

        x = self.second_norm(inputs)
        x = self.second_dense(x)
        x += inputs
        return x


class Chained(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.first_norm = keras.layers.LayerNormalization()
        self.first_dense = keras.layers.Dense(units)
        self.first_bn = keras.layers.BatchNormalization()
        self.second_norm = keras.layers.LayerNormalization()
        self.second_dense = keras.layers.Dense(units)

    def call(self, inputs):
        x = self.first_norm(inputs)
        x = self.first_dense(x)
        x = self.first_bn(x)
        x = self.second_norm(x)
        x = self.second_dense(x)
        x += inputs
        return x
