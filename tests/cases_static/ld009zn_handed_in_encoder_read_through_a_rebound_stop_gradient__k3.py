# LD009 no-gradient: a sublayer handed to the constructor (made by a function of the file) whose output call()
# reads only after rebinding it through stop_gradient (`key = self.momentum_encoder(x); key = stop_gradient(key)`),
# while build() lists its weights for a momentum update (tests/heldout29 MoCo). Measured on Keras 3.15.1 + TF 2.21
# (KERAS_BACKEND=tensorflow, /tmp/f32/m_ld009x.py): MomentumContrast has 8 trainable variables and 4 get a None
# gradient (the momentum encoder's); the twin MomentumContrastFrozen (trainable = False on it) has 4, none None.
import keras
from keras import ops


def make_encoder():
    return keras.Sequential([keras.layers.Dense(4, activation="relu"), keras.layers.Dense(4)])


class MomentumContrast(keras.Model):
    def __init__(self, encoder, momentum_encoder, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder
        self.momentum_encoder = momentum_encoder

    def build(self, input_shape):
        super().build(input_shape)
        self.pairs = list(zip(self.momentum_encoder.weights, self.encoder.weights))

    def call(self, inputs):
        query = self.encoder(inputs)
        key = self.momentum_encoder(inputs)  # LD009
        key = ops.stop_gradient(key)
        return ops.sum(query * key, axis=-1)


class MomentumContrastFrozen(keras.Model):
    """The twin: the momentum encoder is frozen (its weights are updated by hand, not by the optimizer)."""

    def __init__(self, encoder, momentum_encoder, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder
        self.momentum_encoder = momentum_encoder
        self.momentum_encoder.trainable = False

    def call(self, inputs):
        query = self.encoder(inputs)
        key = ops.stop_gradient(self.momentum_encoder(inputs))
        return ops.sum(query * key, axis=-1)


def build():
    return MomentumContrast(make_encoder(), make_encoder())


def build_frozen():
    return MomentumContrastFrozen(make_encoder(), make_encoder())
