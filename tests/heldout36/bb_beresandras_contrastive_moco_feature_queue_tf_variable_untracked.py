"""MoCo in beresandras' contrastive-classification-keras keeps its negative-sample queue as a `tf.Variable` on a
`keras.Model`: on Keras 3 the queue is not tracked, not in `model.weights`, and not saved with the model.

From beresandras/contrastive-classification-keras (`algorithms.py` and `models.py` at c32077d). `MoCo` extends
`MomentumContrastiveModel`, which keeps a momentum (teacher) copy of the encoder and projection head made with
`keras.models.clone_model` and moves it toward the online (student) networks by exponential moving average with
`m_weight.assign(...)` after each step. `MoCo.__init__` adds
`self.feature_queue = tf.Variable(tf.math.l2_normalize(tf.random.normal((queue_size, dim)), axis=1), trainable=False)`,
a memory bank of past momentum projections that `contrastive_loss()` reads as negatives and then overwrites with
`self.feature_queue.assign(...)`. On tf.keras 2 the variable was tracked by the Model; on Keras 3 a `tf.Variable`
is a foreign variable (LD003): the momentum networks are tracked (clone_model returns Keras models), the queue is
not, so a checkpoint of a MoCo run restarts with a random queue. It is not meant to be trained, so "never trained"
is by design; the defect is untracked state.

Porting edits: the custom RandomResizedCrop/RandomColorJitter augmenters (augmentations.py) are left out and
`preprocessing.Rescaling/RandomFlip` become `layers.Rescaling/RandomFlip`; `reset_states()` in
`ContrastiveModel.reset_metrics` becomes `reset_state()` (the Keras 3 name), and `tf.shape(features_1, out_type=tf.float32)` (refused by
TF 2.21) becomes a cast. The encoder is the repository's
train.py conv stack, shrunk (width 16, 32x32 inputs) to keep build_model() cheap; queue_size 64. build_model()
builds MoCo as train.py does and returns it (the Model has no `call()`; it is driven by `train_step`).
"""

SOURCE = "https://github.com/beresandras/contrastive-classification-keras/blob/c32077d073c74cd741a456415035a77b5db1df77/algorithms.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
as returned: MoCo, count_params() = count_params() raised ValueError, 22 weights, unbuilt: none
no inputs known: not called
Own probe /tmp/mine36/bb/p_contrastive.py (compile + one direct train_step on 4 labeled + 4 unlabeled images):
model.weights: 22 trainable: 22 non-trainable: 0
m_encoder weights tracked: 6 of 6
feature_queue: ResourceVariable (64, 16) tracked: False
train_step c_loss: 5.08193826675415
encoder weights changed: 6 of 6
m_encoder (teacher) weights moved by EMA: 6 of 6
feature_queue rows overwritten: 64   (the queue is used and updated, but lives outside model.weights)"""

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


class MoCo(MomentumContrastiveModel):
    def __init__(
        self,
        contrastive_augmenter,
        classification_augmenter,
        encoder,
        projection_head,
        linear_probe,
        momentum_coeff,
        temperature,
        queue_size,
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

        feature_dimensions = encoder.output_shape[1]
        self.feature_queue = tf.Variable(
            tf.math.l2_normalize(
                tf.random.normal(shape=(queue_size, feature_dimensions)), axis=1
            ),
            trainable=False,
        )

    def contrastive_loss(
        self,
        projections_1,
        projections_2,
        m_projections_1,
        m_projections_2,
    ):
        projections_1 = tf.math.l2_normalize(projections_1, axis=1)
        projections_2 = tf.math.l2_normalize(projections_2, axis=1)
        m_projections_1 = tf.math.l2_normalize(m_projections_1, axis=1)
        m_projections_2 = tf.math.l2_normalize(m_projections_2, axis=1)

        similarities_1_2 = (
            tf.matmul(
                projections_1,
                tf.concat((m_projections_2, self.feature_queue), axis=0),
                transpose_b=True,
            )
            / self.temperature
        )
        similarities_2_1 = (
            tf.matmul(
                projections_2,
                tf.concat((m_projections_1, self.feature_queue), axis=0),
                transpose_b=True,
            )
            / self.temperature
        )

        batch_size = tf.shape(projections_1)[0]
        contrastive_labels = tf.range(batch_size)
        loss = keras.losses.sparse_categorical_crossentropy(
            tf.concat([contrastive_labels, contrastive_labels], axis=0),
            tf.concat([similarities_1_2, similarities_2_1], axis=0),
            from_logits=True,
        )

        # feature queue update
        self.feature_queue.assign(
            tf.concat(
                [
                    m_projections_1,
                    m_projections_2,
                    self.feature_queue[: -(2 * batch_size)],
                ],
                axis=0,
            )
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
    """Returns MoCo built as train.py does (no call(); trained through train_step)."""
    return MoCo(**_networks(), momentum_coeff=0.99, temperature=0.1, queue_size=64)
