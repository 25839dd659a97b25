# LD002 state-created-in-call: call() runs a @tf.function method (a multi-line decorator) that first builds a base's sublayer
import keras
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD002ze", "a sublayer of the base first built in a @tf.function method that call() runs"
FEATURES = 8
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases2.py): Generator()(x) once, then a tape: every weight of
# self.net gets a None gradient and assigning its kernel does not change the output; EagerGenerator's weights all
# get gradients.


class Base(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.net = keras.Sequential([layers.Dense(16, activation="relu"), layers.Dense(4)])  # LD002  # LD009


class Generator(Base):
    """TensorFlowTTS's MB-MelGAN generator: call() hands over to a traced inference()."""

    def call(self, mels):
        return self.inference(mels)

    @tf.function(
        input_signature=[tf.TensorSpec(shape=[None, 8], dtype=tf.float32)]
    )
    def inference(self, mels):
        return self.net(mels)


class EagerGenerator(Base):
    """Correct: no trace around the first call."""

    def call(self, mels):
        return self.inference(mels)

    def inference(self, mels):
        return self.net(mels)
