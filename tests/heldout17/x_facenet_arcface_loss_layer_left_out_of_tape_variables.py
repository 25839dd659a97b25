"""FaceNet training with an ArcFace margin head (DequanZhu/FaceNet-and-FaceLoss-collections-tensorflow2.0):
the ArcFace layer that holds the class-centre weight matrix lives outside the model, is created
afresh at the start of every epoch in `training()`, and `train_one_step` applies
`tape.gradient(loss, self.model.trainable_variables)` only. The ArcFace weights get no update:
they stay at their random `he_normal` draw for the whole epoch and are re-drawn the next one.

Reported in the repository's issue #4 ("why is the ArcFaceLoss weight not in the back-propagation
during training?"); the author answered that this is wrong and that the loss layer should be
defined inside the FaceNet model. The backbone still trains (towards fixed random class centres),
so the loss goes down and nothing warns.

Porting edits: `tensorflow.python.keras` -> `keras`; `ArcFaceSoftmaxLinear` written with the body
of the repository's `ArcFaceLoss` (same constructor arguments, `__call__` overridden as in the
file); the Inception/ResNet backbone of `FaceNet(...)` replaced by a small Conv2D -> pooling ->
Dense(embedding) functional model; tfrecord datasets, checkpoint manager, summary writer and
progress bar left out (a `batches` list stands in for the dataset); 16x16 images, 8-d embedding,
5 identities.
"""

SOURCE = "https://github.com/DequanZhu/FaceNet-and-FaceLoss-collections-tensorflow2.0/issues/4"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/x_facenet_arcface_loss_layer_left_out_of_tape_variables.py:
as returned: Functional, count_params() = 296, 4 weights, unbuilt: none
after call: count_params() = 296, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(The model is the backbone only and is fine by itself; the defect is in the training loop.) Own script
(/tmp/mine17b/face.py), the repository's train_one_step on two batches: the loss does have a gradient w.r.t. the
ArcFace weight (norm 27.2, 27.7) but it is never applied: ArcFace weight changed by 2 steps: False; backbone weights
changed: 4 of 4; the ArcFace weight (8, 5) is not in model.weights (count_params() 296 excludes it); two calls of
training() build two different ArcFace layers (weights equal across epochs: False) - the class centres are re-drawn
every epoch and never learned. No warning."""

import math
import types

import numpy as np
import tensorflow as tf
import keras
from keras import layers
from keras.losses import SparseCategoricalCrossentropy
from keras.metrics import SparseCategoricalAccuracy
from keras.optimizers import Adam, schedules


class ArcFaceSoftmaxLinear(layers.Layer):
    def __init__(self, units, input_dim, margin, feature_scale=64):
        super(ArcFaceSoftmaxLinear, self).__init__()
        self.m = margin  # m
        self.s = feature_scale
        self.cos_m = tf.math.cos(self.m)
        self.sin_m = tf.math.sin(self.m)
        self.threshold = tf.math.cos(math.pi - self.m)
        self.weight = self.add_weight(shape=(input_dim, units),
                                      initializer='he_normal',
                                      trainable=True)

    def __call__(self, embedding, labels):
        x, w = embedding, self.weight
        w = tf.math.l2_normalize(w, axis=0)
        x = tf.math.l2_normalize(x, axis=1)
        logits = tf.matmul(x, w)
        indices_m = tf.expand_dims(tf.Variable(range(embedding.shape[0])), axis=1)
        indices_n = tf.expand_dims(labels, axis=1)
        indices = tf.concat([indices_m, indices_n], 1)
        selected_logits = tf.gather_nd(logits, indices)
        cos_theta = selected_logits
        sin_theta = tf.math.sqrt((1.0 - tf.math.square(cos_theta)))
        logit_target = self.s * (cos_theta * self.cos_m - sin_theta * self.sin_m)
        keep_val = self.s * (cos_theta - self.m * self.sin_m)
        logit_target_updated = tf.where(cos_theta > self.threshold, logit_target, keep_val)
        logit_target_updated = self.s * (selected_logits - self.m)
        logits = tf.tensor_scatter_nd_update(logits, indices, logit_target_updated)
        return logits


class FaceNet(object):
    def __init__(self, backbone, image_size, embedding_size, nrof_classes):
        inputs = keras.Input(shape=(image_size, image_size, 3))
        x = layers.Conv2D(8, 3, activation="relu")(inputs)
        x = layers.GlobalAveragePooling2D()(x)
        features = layers.Dense(embedding_size)(x)
        self.model = keras.Model(inputs, features, name=backbone)


class Trainer(object):
    def __init__(self, args):
        self.args = args
        self.model = FaceNet(args.backbone, args.image_size, args.embedding_size, args.nrof_classes).model
        rng = np.random.default_rng(0)
        self.train_datasets = [
            (rng.random((4, args.image_size, args.image_size, 3)).astype("float32"),
             np.array([0, 1, 2, 3], dtype="int32"))
            for _ in range(2)
        ]
        self.lr_schedule = schedules.ExponentialDecay(args.learning_rate,
                                                      decay_steps=10000,
                                                      decay_rate=0.96,
                                                      staircase=True)
        self.optimizer = Adam(learning_rate=self.lr_schedule, beta_1=0.9, beta_2=0.999, epsilon=0.1)

    def train_one_step(self, train_acc_metric, loss_layer, batch_examples):
        with tf.GradientTape() as tape:
            batch_images, batch_labels = batch_examples
            features = self.model(batch_images)
            embedding = tf.math.l2_normalize(features, axis=1, epsilon=1e-10)
            logits = loss_layer(embedding, batch_labels)
            loss = SparseCategoricalCrossentropy(from_logits=True)(batch_labels, logits)
            train_acc_metric.update_state(batch_labels, logits)
        gradients = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.model.trainable_variables))
        return loss

    def training(self, epoch):
        opt = self.args
        loss_layer = ArcFaceSoftmaxLinear(opt.nrof_classes, opt.embedding_size, opt.margin, opt.feature_scale)
        train_acc_metric = SparseCategoricalAccuracy()
        for batch_id, batch_examples in enumerate(self.train_datasets):
            loss = self.train_one_step(train_acc_metric, loss_layer, batch_examples)
        return loss_layer


def make_args():
    return types.SimpleNamespace(backbone="Resnet50", image_size=16, embedding_size=8, nrof_classes=5,
                                 learning_rate=1e-2, margin=0.5, feature_scale=64)


def build_model():
    trainer = Trainer(make_args())
    return trainer.model, trainer.train_datasets[0][0]
