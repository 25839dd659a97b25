"""DINO in beresandras' contrastive-classification-keras keeps a momentum teacher made by `clone_model`, whose
trainable weights are never given to an optimizer and are moved only by `assign()` EMA: on Keras 3 the teacher is
tracked and counted in the wrapper's weights, and the EMA update works; nothing is lost.

From beresandras/contrastive-classification-keras (`models.py` and `algorithms.py` at c32077d), the second case
from this repository (the first is MoCo's `tf.Variable` queue). `MomentumContrastiveModel.__init__` makes
`self.m_encoder = keras.models.clone_model(self.encoder)` and `self.m_projection_head = clone_model(...)`;
`train_step` computes the teacher projections inside the GradientTape but applies gradients only to the student
(`self.encoder` + `self.projection_head`), then sets each teacher weight with
`m_weight.assign(momentum * m_weight + (1 - momentum) * weight)`. A checker could take the teacher for the catalog's
bugs: a whole second network whose trainable weights never get an optimizer step (LD009-like), weights updated
by hand outside the optimizer, and sub-models stored on a Model with no `call()` and no `build()`. On Keras 3 the
cloned models are Keras models assigned to attributes, so they are tracked (in `model.weights`), and the EMA moves
them; DINO itself adds only two float settings (no centre variable: the centre is recomputed per batch).

Doubt kept as decided: `clone_model` gives the teacher fresh random weights (not a copy of the student's, despite
the comment "initialized from their online counterparts"); EMA pulls it toward the student over time. That is a
training-quality choice, not a tracking bug, so the case is labelled correct.

Porting edits: as for the MoCo case: augmenters reduced to `layers.Rescaling/RandomFlip`, `reset_states()` ->
`reset_state()`, the float `tf.shape(..., out_type=tf.float32)` (refused by TF 2.21) -> a cast, and the train.py
conv encoder shrunk (width 16, 32x32 inputs). build_model() builds DINO with train.py's hyperparameters
(momentum 0.9, temperature 0.1, sharpening 0.5) and returns it (no `call()`; trained through `train_step`).
"""

SOURCE = "https://github.com/beresandras/contrastive-classification-keras/blob/c32077d073c74cd741a456415035a77b5db1df77/models.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
as returned: DINO, count_params() = count_params() raised ValueError, 22 weights, unbuilt: none
no inputs known: not called
(count_params() refuses because the wrapper Model has no call() and is never built; its 22 weights are the
encoder, projection head, probe and the two cloned teacher networks.)
Own probe /tmp/mine36/bb/p_contrastive.py (compile + one direct train_step on 4 labeled + 4 unlabeled images):
model.weights: 22 trainable: 22 non-trainable: 0
m_encoder weights tracked: 6 of 6
train_step c_loss: 5.543406963348389
encoder weights changed: 6 of 6
m_encoder (teacher) weights moved by EMA: 6 of 6"""

from abc import abstractmethod

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class ContrastiveModel(keras.Model):
    def __init__(
        self,
        contrastive_augmenter,
        classification_augmenter,
        encoder,
        projection_head,
        linear_probe,
    ):
        super().__init__()

        self.contrastive_augmenter = contrastive_augmenter
        self.classification_augmenter = classification_augmenter
        self.encoder = encoder
        self.projection_head = projection_head
        self.linear_probe = linear_probe

    def compile(self, contrastive_optimizer, probe_optimizer, **kwargs):
        super().compile(**kwargs)

        self.contrastive_optimizer = contrastive_optimizer
        self.probe_optimizer = probe_optimizer

        self.probe_loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

        self.contrastive_accuracy = keras.metrics.SparseCategoricalAccuracy()
        self.correlation_accuracy = keras.metrics.SparseCategoricalAccuracy()
        self.probe_accuracy = keras.metrics.SparseCategoricalAccuracy()

    def reset_metrics(self):
        self.contrastive_accuracy.reset_state()
        self.correlation_accuracy.reset_state()
        self.probe_accuracy.reset_state()

    def update_contrastive_accuracy(self, features_1, features_2):
        features_1 = tf.math.l2_normalize(features_1, axis=1)
        features_2 = tf.math.l2_normalize(features_2, axis=1)
        similarities = tf.matmul(features_1, features_2, transpose_b=True)
        batch_size = tf.shape(features_1)[0]
        contrastive_labels = tf.range(batch_size)
        self.contrastive_accuracy.update_state(
            tf.concat([contrastive_labels, contrastive_labels], axis=0),
            tf.concat([similarities, tf.transpose(similarities)], axis=0),
        )

    def update_correlation_accuracy(self, features_1, features_2):
        features_1 = (
            features_1 - tf.reduce_mean(features_1, axis=0)
        ) / tf.math.reduce_std(features_1, axis=0)
        features_2 = (
            features_2 - tf.reduce_mean(features_2, axis=0)
        ) / tf.math.reduce_std(features_2, axis=0)
        batch_size = tf.cast(tf.shape(features_1)[0], tf.float32)
        cross_correlation = (
            tf.matmul(features_1, features_2, transpose_a=True) / batch_size
        )
        feature_dim = tf.shape(features_1)[1]
        correlation_labels = tf.range(feature_dim)
        self.correlation_accuracy.update_state(
            tf.concat([correlation_labels, correlation_labels], axis=0),
            tf.concat([cross_correlation, tf.transpose(cross_correlation)], axis=0),
        )

    @abstractmethod
    def contrastive_loss(self, projections_1, projections_2):
        pass


class MomentumContrastiveModel(ContrastiveModel):
    def __init__(
        self,
        contrastive_augmenter,
        classification_augmenter,
        encoder,
        projection_head,
        linear_probe,
        momentum_coeff,
    ):
        super().__init__(
            contrastive_augmenter,
            classification_augmenter,
            encoder,
            projection_head,
            linear_probe,
        )
        self.momentum_coeff = momentum_coeff

        # the momentum networks are initialized from their online counterparts
        self.m_encoder = keras.models.clone_model(self.encoder)
        self.m_projection_head = keras.models.clone_model(self.projection_head)

    @abstractmethod
    def contrastive_loss(
        self,
        projections_1,
        projections_2,
        m_projections_1,
        m_projections_2,
    ):
        pass

    def train_step(self, data):
        (unlabeled_images, _), (labeled_images, labels) = data

        images = tf.concat((unlabeled_images, labeled_images), axis=0)
        augmented_images_1 = self.contrastive_augmenter(images)
        augmented_images_2 = self.contrastive_augmenter(images)
        with tf.GradientTape() as tape:
            features_1 = self.encoder(augmented_images_1)
            features_2 = self.encoder(augmented_images_2)
            projections_1 = self.projection_head(features_1)
            projections_2 = self.projection_head(features_2)
            m_features_1 = self.m_encoder(augmented_images_1)
            m_features_2 = self.m_encoder(augmented_images_2)
            m_projections_1 = self.m_projection_head(m_features_1)
            m_projections_2 = self.m_projection_head(m_features_2)
            contrastive_loss = self.contrastive_loss(
                projections_1, projections_2, m_projections_1, m_projections_2
            )
        gradients = tape.gradient(
            contrastive_loss,
            self.encoder.trainable_weights + self.projection_head.trainable_weights,
        )
        self.contrastive_optimizer.apply_gradients(
            zip(
                gradients,
                self.encoder.trainable_weights + self.projection_head.trainable_weights,
            )
        )
        self.update_contrastive_accuracy(m_features_1, m_features_2)
        self.update_correlation_accuracy(m_features_1, m_features_2)

        preprocessed_images = self.classification_augmenter(labeled_images)
        with tf.GradientTape() as tape:
            features = self.m_encoder(preprocessed_images)
            class_logits = self.linear_probe(features)
            probe_loss = self.probe_loss(labels, class_logits)
        gradients = tape.gradient(probe_loss, self.linear_probe.trainable_weights)
        self.probe_optimizer.apply_gradients(
            zip(gradients, self.linear_probe.trainable_weights)
        )
        self.probe_accuracy.update_state(labels, class_logits)

        # the momentum networks are updated by exponential moving average
        for weight, m_weight in zip(self.encoder.weights, self.m_encoder.weights):
            m_weight.assign(
                self.momentum_coeff * m_weight + (1 - self.momentum_coeff) * weight
            )
        for weight, m_weight in zip(
            self.projection_head.weights, self.m_projection_head.weights
        ):
            m_weight.assign(
                self.momentum_coeff * m_weight + (1 - self.momentum_coeff) * weight
            )

        return {
            "c_loss": contrastive_loss,
            "c_acc": self.contrastive_accuracy.result(),
            "r_acc": self.correlation_accuracy.result(),
            "p_loss": probe_loss,
            "p_acc": self.probe_accuracy.result(),
        }


class DINO(MomentumContrastiveModel):
    def __init__(
        self,
        contrastive_augmenter,
        classification_augmenter,
        encoder,
        projection_head,
        linear_probe,
        momentum_coeff,
        temperature,
        sharpening,
    ):
        super().__init__(
            contrastive_augmenter,
            classification_augmenter,
            encoder,
            projection_head,
            linear_probe,
            momentum_coeff,
        )
        self.temperature = temperature
        self.sharpening = sharpening

    def contrastive_loss(
        self,
        projections_1,
        projections_2,
        m_projections_1,
        m_projections_2,
    ):
        # this loss does not use any negatives, needs centering + sharpening + momentum
        # to avoid collapse
        projections_1 = tf.math.l2_normalize(projections_1, axis=1)
        projections_2 = tf.math.l2_normalize(projections_2, axis=1)
        m_projections_1 = tf.math.l2_normalize(m_projections_1, axis=1)
        m_projections_2 = tf.math.l2_normalize(m_projections_2, axis=1)

        center = tf.reduce_mean(
            tf.concat([m_projections_1, m_projections_2], axis=0), axis=0, keepdims=True
        )
        target_probabilities_1 = keras.activations.softmax(
            (m_projections_1 - center) / (self.sharpening * self.temperature)
        )
        target_probabilities_2 = keras.activations.softmax(
            (m_projections_2 - center) / (self.sharpening * self.temperature)
        )

        pred_probabilities_1 = keras.activations.softmax(
            projections_1 / self.temperature
        )
        pred_probabilities_2 = keras.activations.softmax(
            projections_2 / self.temperature
        )

        loss = keras.losses.categorical_crossentropy(
            tf.concat([target_probabilities_1, target_probabilities_2], axis=0),
            tf.concat([pred_probabilities_2, pred_probabilities_1], axis=0),
        )
        return loss


width = 16


def _networks():
    return dict(
        contrastive_augmenter=keras.Sequential(
            [layers.Input(shape=(32, 32, 3)), layers.Rescaling(1 / 255),
             layers.RandomFlip("horizontal")], name="contrastive_augmenter"),
        classification_augmenter=keras.Sequential(
            [layers.Input(shape=(32, 32, 3)), layers.Rescaling(1 / 255),
             layers.RandomFlip("horizontal")], name="classification_augmenter"),
        encoder=keras.Sequential(
            [
                layers.Input(shape=(32, 32, 3)),
                layers.Conv2D(width, kernel_size=3, strides=2, activation="relu"),
                layers.Conv2D(width, kernel_size=3, strides=2, activation="relu"),
                layers.Flatten(),
                layers.Dense(width, activation="relu"),
            ],
            name="encoder",
        ),
        projection_head=keras.Sequential(
            [layers.Input(shape=(width,)), layers.Dense(width, activation="relu"),
             layers.Dense(width)], name="projection_head"),
        linear_probe=keras.Sequential(
            [layers.Input(shape=(width,)), layers.Dense(10)], name="linear_probe"),
    )


def build_model():
    """Returns DINO built as train.py does (no call(); trained through train_step)."""
    return DINO(**_networks(), momentum_coeff=0.9, temperature=0.1, sharpening=0.5)
