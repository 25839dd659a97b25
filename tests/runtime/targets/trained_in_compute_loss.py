"""Models whose fit() trains weights call()'s outputs never reach (held-out 13's DLwP VAE: the
decoder is used only in the compute_loss() override). A gradient of the outputs alone says None for
those weights; fit() trains them. The inspector differentiates the model's own compute_loss() with
the outputs (no LD009); a weight neither call() nor compute_loss() reads is still LD009 (an error);
a train_step() override it cannot measure lowers LD009 to a warning that says why.
test_runtime_fix13c_inspect.py measures Keras first (fit for one epoch: which weights changed)."""

import keras
import numpy as np
from keras import ops


class LossOnlyDecoder(keras.Model):
    """The case's shape: call() encodes, compute_loss() decodes and compares with x."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = keras.layers.Dense(2)
        self.decoder = keras.layers.Dense(6, activation="sigmoid")
        self.decoder.build((None, 2))  # the case's decoder is a functional model: built
        self.loss_tracker = keras.metrics.Mean(name="loss")

    def call(self, inputs):
        return self.encoder(inputs)

    def compute_loss(self, x, y, y_pred, sample_weight=None, training=True):
        loss = ops.mean(ops.square(x - self.decoder(y_pred)))
        self.loss_tracker.update_state(loss)
        return loss


class Keras2Signature(LossOnlyDecoder):
    """Twin: the override has Keras 2's signature (no `training`) and reads a seeded noise layer."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.noise = keras.layers.GaussianNoise(0.1)

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None):
        return ops.mean(ops.square(x - self.decoder(self.noise(y_pred, training=True))))


class UnusedHead(LossOnlyDecoder):
    """Bug: a head neither call() nor compute_loss() reads (built, so it counts)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.head = keras.layers.Dense(3)
        self.head.build((None, 2))


class StoppedDecoder(LossOnlyDecoder):
    """Bug: compute_loss() stops the gradient of its decoder's output."""

    def compute_loss(self, x, y, y_pred, sample_weight=None, training=True):
        return ops.mean(ops.square(x - ops.stop_gradient(self.decoder(y_pred)))) + ops.mean(ops.square(y_pred))


class OwnTrainStep(keras.Model):
    """train_step() trains a critic call() never uses (a GAN's discriminator): not measured."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.generator = keras.layers.Dense(6)
        self.critic = keras.layers.Dense(1)
        self.critic.build((None, 6))

    def call(self, inputs):
        return self.generator(inputs)

    def train_step(self, data):
        import tensorflow as tf

        with tf.GradientTape() as tape:
            loss = ops.mean(self.critic(self(data)))
        variables = self.critic.trainable_weights + self.generator.trainable_weights
        self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return {"loss": loss}


def _made(cls):
    model = cls()
    model.compile(optimizer=keras.optimizers.Adam(0.01))
    x = np.random.default_rng(0).random((2, 6)).astype("float32")
    model(x)
    return model, x


def loss_only_decoder():
    return _made(LossOnlyDecoder)


def keras2_signature():
    return _made(Keras2Signature)


def unused_head():
    return _made(UnusedHead)


def stopped_decoder():
    return _made(StoppedDecoder)


def own_train_step():
    return _made(OwnTrainStep)
