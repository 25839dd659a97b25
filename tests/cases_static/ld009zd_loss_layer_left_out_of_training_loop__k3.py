# LD009 no-gradient: a training loop outside a Model (a trainer class or a function) computes the loss through a weighted layer it makes itself, but hands the tape and the optimizer only another model's variables: the layer never trains
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix17b/measure_ld009zd.py: each run_* below on two batches of random
# data, the marked layer's weights compared before/after and its gradient taken by a second tape): the marked
# layers get a non-zero gradient from the loss and are UNCHANGED after the steps, with no warning, while the
# listed model's weights change; in the correct twins every trainable weight the loss reaches changes (the GAN's
# discriminator in its own step), except the frozen layer and the target head (set_weights by hand).
import numpy as np
import tensorflow as tf
import keras
from keras import layers, ops

CASE, TITLE = "LD009zd", "a training loop outside a Model leaves a weighted loss layer it makes out of the tape's variables"


class CosineMarginHead(layers.Layer):
    """Class centres as a weight (a CosFace-style head); used only by the training loops below."""

    def __init__(self, n_classes, margin=0.2, **kwargs):
        super().__init__(**kwargs)
        self.n_classes = n_classes
        self.margin = margin

    def build(self, input_shape):
        self.centres = self.add_weight(shape=(input_shape[-1], self.n_classes), initializer="glorot_uniform")

    def call(self, embeddings, labels):
        cosine = ops.matmul(ops.normalize(embeddings, axis=1), ops.normalize(self.centres, axis=0))
        return cosine - self.margin * ops.one_hot(labels, self.n_classes)


class PairDistance(layers.Layer):
    """No weights: a loss helper layer."""

    def call(self, a, b):
        return ops.sum(ops.square(a - b), axis=-1)


def make_backbone(dim=8):
    inputs = keras.Input((6,))
    return keras.Model(inputs, layers.Dense(dim)(layers.Dense(16, activation="relu")(inputs)))


# -- buggy ----------------------------------------------------------------------------------


class MarginTrainer:
    """The head is an attribute of the trainer, the tape lists the backbone's variables only."""

    def __init__(self, n_classes=4):
        self.backbone = make_backbone()
        self.margin_head = CosineMarginHead(n_classes)  # LD009
        self.optimizer = keras.optimizers.SGD(0.1)
        self.xent = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    def train_step(self, images, labels):
        with tf.GradientTape() as tape:
            logits = self.margin_head(self.backbone(images, training=True), labels)
            loss = self.xent(labels, logits)
        grads = tape.gradient(loss, self.backbone.trainable_weights)
        self.optimizer.apply(grads, self.backbone.trainable_weights)
        return loss


class MetricLearner(object):
    """The head is made by one method and handed to the step method as an argument."""

    def __init__(self, net, n_classes=4):
        self.net = net
        self.n_classes = n_classes
        self.opt = keras.optimizers.Adam(1e-2)

    def _step(self, batch, head):
        x, y = batch
        with tf.GradientTape() as tape:
            loss = ops.mean(ops.logsumexp(head(self.net(x), y), axis=-1))
        params = self.net.trainable_variables
        self.opt.apply_gradients(zip(tape.gradient(loss, params), params))
        return loss

    def run_epoch(self, batches):
        centre_head = CosineMarginHead(self.n_classes, margin=0.3)  # LD009
        for batch in batches:
            self._step(batch, centre_head)
        return centre_head


def fit_with_projection(encoder, batches, steps=2):
    """A function: the projection made here is used by the tf.function step it closes over."""
    projection = layers.Dense(4)  # LD009
    optimizer = keras.optimizers.SGD(0.1)

    @tf.function
    def step(x, y):
        with tf.GradientTape() as tape:
            loss = ops.mean(ops.square(projection(encoder(x)) - y))
        gradients = tape.gradient(loss, encoder.trainable_variables)
        optimizer.apply_gradients(zip(gradients, encoder.trainable_variables))
        return loss

    for x, y in batches[:steps]:
        step(x, y)
    return projection


# -- correct --------------------------------------------------------------------------------


class PairedTrainer:
    """The head's variables are listed with the backbone's."""

    def __init__(self, n_classes=4):
        self.backbone = make_backbone()
        self.head = CosineMarginHead(n_classes)
        self.optimizer = keras.optimizers.SGD(0.1)

    def train_step(self, images, labels):
        with tf.GradientTape() as tape:
            loss = ops.mean(ops.logsumexp(self.head(self.backbone(images), labels), axis=-1))
        variables = self.backbone.trainable_weights + self.head.trainable_weights
        self.optimizer.apply(tape.gradient(loss, variables), variables)
        return loss


class TinyGAN:
    """Two tapes: the generator step uses the discriminator without listing it; the discriminator step lists it."""

    def __init__(self):
        self.generator = layers.Dense(6)
        self.discriminator = layers.Dense(1)
        self.g_opt = keras.optimizers.Adam(1e-3)
        self.d_opt = keras.optimizers.Adam(1e-3)

    def train_step(self, noise, real):
        with tf.GradientTape() as g_tape:
            g_loss = -ops.mean(self.discriminator(self.generator(noise)))
        self.g_opt.apply_gradients(zip(g_tape.gradient(g_loss, self.generator.trainable_variables),
                                       self.generator.trainable_variables))
        with tf.GradientTape() as d_tape:
            d_loss = ops.mean(ops.softplus(self.discriminator(self.generator(noise)))) + \
                ops.mean(ops.softplus(-self.discriminator(real)))
        self.d_opt.apply_gradients(zip(d_tape.gradient(d_loss, self.discriminator.trainable_variables),
                                       self.discriminator.trainable_variables))
        return g_loss, d_loss


class DistillTrainer:
    """A target head updated by hand (a moving average of the student's head) and a weightless loss layer."""

    def __init__(self):
        self.student = make_backbone()
        self.student_head = layers.Dense(3)
        self.target_head = layers.Dense(3)
        self.distance = PairDistance()
        self.optimizer = keras.optimizers.SGD(0.1)

    def train_step(self, x):
        with tf.GradientTape() as tape:
            features = self.student(x)
            loss = ops.mean(self.distance(self.student_head(features), self.target_head(features)))
        variables = self.student.trainable_variables + self.student_head.trainable_variables
        self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        self.target_head.set_weights([0.99 * t + 0.01 * s for t, s in zip(self.target_head.get_weights(),
                                                                             self.student_head.get_weights())])
        return loss


def fit_wired_head(batches, steps=2):
    """The head is wired into the model the loop trains, and a frozen scorer shapes the loss."""
    inputs = keras.Input((6,))
    head = layers.Dense(4)
    model = keras.Model(inputs, head(layers.Dense(8, activation="relu")(inputs)))
    scorer = layers.Dense(4, trainable=False)
    optimizer = keras.optimizers.SGD(0.1)
    for x, y in batches[:steps]:
        with tf.GradientTape() as tape:
            out = model(x)
            loss = ops.mean(ops.square(out + scorer(out) - y))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return model, scorer


def make_batches(n=2, dim=4, classes=4):
    rng = np.random.default_rng(0)
    return [(rng.random((4, 6)).astype("float32"), rng.integers(0, classes, 4).astype("int32")) for _ in range(n)], \
        [(rng.random((4, 6)).astype("float32"), rng.random((4, dim)).astype("float32")) for _ in range(n)]
