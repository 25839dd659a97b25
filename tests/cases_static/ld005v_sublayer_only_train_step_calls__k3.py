# LD005 unbuilt-sublayer (warning): a weighted sublayer made in __init__ that only train_step/test_step runs
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix17a/measure_v.py on this file): each
# make_* model is called once on data, then fit one epoch (adam, 2 steps), saved (.keras) and reloaded with
# keras.models.load_model. The sublayer only train_step/test_step runs is unbuilt after the first call
# (missing from count_params()), built and trained by fit, and unbuilt again in the reloaded model (its
# trained weights dropped without an error):
# make_aux_head: Trainer.aux_head (Dense, run by a helper method of train_step) count 49 -> fit 58 ->
# reloaded 49; make_critic: Denoiser.critic (a project Model, run by train_step and test_step) 25 ->
# 30 -> 25; make_projector: Contrastive.projector (a Sequential with no Input) 25 -> 65 -> 25.
# A warning: the model's own outputs are right before fit and after reload (call() does not run them);
# what is lost is the summary before fit and the trained sublayer after a reload (resumed training
# starts it from scratch).
# Twins: make_in_call: call() also runs the second head (training outputs): built by the first call, 58
# everywhere; make_built: a build() that builds the auxiliary head: 58 everywhere; make_wired_aux: the
# auxiliary net is a Sequential that starts with keras.Input (built when made): 58 everywhere.
import keras
import tensorflow as tf
from keras import layers

CASE, TITLE = "LD005v", "a sublayer with weights that only train_step/test_step runs"
FEATURES = 4


def _mse(y, p):
    return tf.reduce_mean(tf.square(y - p))


@keras.saving.register_keras_serializable(package="ld005v")
class Critic(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.score = layers.Dense(1)

    def call(self, x):
        return self.score(x)


@keras.saving.register_keras_serializable(package="ld005v")
class Trainer(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.backbone = layers.Dense(8)
        self.head = layers.Dense(1)
        self.aux_head = layers.Dense(1)  # LD005

    def call(self, x):
        return self.head(self.backbone(x))

    def _aux_loss(self, x, y):
        return _mse(y, self.aux_head(self.backbone(x)))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = _mse(y, self(x, training=True)) + 0.1 * self._aux_loss(x, y)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


@keras.saving.register_keras_serializable(package="ld005v")
class Denoiser(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.net = layers.Dense(FEATURES)
        self.out = layers.Dense(1)
        self.critic = Critic()  # LD005

    def call(self, x):
        return self.out(self.net(x))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            clean = self.net(x)
            loss = _mse(y, self.out(clean)) + _mse(0.0, self.critic(clean))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}

    def test_step(self, data):
        x, y = data
        return {"loss": _mse(y, self(x)) + _mse(0.0, self.critic(self.net(x)))}


@keras.saving.register_keras_serializable(package="ld005v")
class Contrastive(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = layers.Dense(FEATURES)
        self.head = layers.Dense(1)
        self.projector = keras.Sequential([layers.Dense(4), layers.Dense(4)])  # LD005

    def call(self, x):
        return self.head(self.encoder(x))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            z = self.projector(self.encoder(x))
            loss = _mse(y, self(x)) + 0.01 * tf.reduce_mean(tf.square(z))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


@keras.saving.register_keras_serializable(package="ld005v")
class InCall(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.backbone = layers.Dense(8)
        self.head = layers.Dense(1)
        self.aux_head = layers.Dense(1)

    def call(self, x, training=False):
        h = self.backbone(x)
        return self.head(h), self.aux_head(h)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            main, aux = self(x, training=True)
            loss = _mse(y, main) + 0.1 * _mse(y, aux)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


@keras.saving.register_keras_serializable(package="ld005v")
class Built(Trainer):
    def build(self, input_shape):
        self.backbone.build(input_shape)
        self.head.build((None, 8))
        self.aux_head.build((None, 8))


@keras.saving.register_keras_serializable(package="ld005v")
class WiredAux(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.backbone = layers.Dense(8)
        self.head = layers.Dense(1)
        self.aux = keras.Sequential([keras.Input((8,)), layers.Dense(1)])

    def call(self, x):
        return self.head(self.backbone(x))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            h = self.backbone(x)
            loss = _mse(y, self.head(h)) + 0.1 * _mse(y, self.aux(h))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


def make_aux_head():
    return Trainer()


def make_critic():
    return Denoiser()


def make_projector():
    return Contrastive()


def make_in_call():
    return InCall()


def make_built():
    return Built()


def make_wired_aux():
    return WiredAux()
