"""A metric-learning `EmbeddingModel` (a functional `keras.Model` subclass that only overrides
`train_step`) embeds anchors, positives and negatives with three calls of `self` inside one
tape and trains on a hinge over the two similarity matrices. Correct on Keras 3: the three
calls share the same weights, and every conv and dense weight gets a gradient from the summed
triplet loss.

Why it looks suspicious: the model is called three times in `train_step` (shared weights used
on three batches), the loss never sees the model output directly (two `einsum` similarity
matrices and a `maximum(., 0)` hinge sit between), labels are made inside the step from
`tf.range`, and `fit` receives a tuple of three image batches instead of `(x, y)`. Measured:
no None gradient, `fit` changes every trainable weight, and the weights are counted once.

Porting edits: the keras-io metric-learning model (3 Conv2D + GlobalAveragePooling + Dense +
L2 normalisation) shrunk to 8x8x3 images, 4 classes and 8 filters; `K.maximum` ->
`keras.ops.maximum`; `self.compiled_loss(...)` -> `self.compute_loss(y=..., y_pred=...)` and
the metric update on the undefined `similarities` -> on `similarities_p` (the issue's code
raises NameError there); `train_step` returns `{"loss": loss}`.
"""

SOURCE = "https://github.com/keras-team/keras-io/issues/160"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/okz_kerasio160_triplet_embedding_model_train_step_three_calls.py:
as returned: EmbeddingModel, count_params() = 1464, 8 weights, unbuilt: none
after call: count_params() = 1464, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine18b/m_trip.py: the triplet loss on three calls under a tape, then compile SGD
0.5 + SparseCategoricalCrossentropy(from_logits=True) and fit 2 steps on a dataset of
(anchors, positives, negatives)): gradient None for 0 of 8; 8 of 8 weights changed by fit."""

import keras
import numpy as np
import tensorflow as tf
from keras import layers

num_classes = 4


class EmbeddingModel(keras.Model):
    def train_step(self, data):
        if isinstance(data, tuple) and len(data) == 1:
            data = data[0]
        anchors, positives, negatives = data[0], data[1], data[2]

        with tf.GradientTape() as tape:
            anchor_embeddings = self(anchors, training=True)
            positive_embeddings = self(positives, training=True)
            negative_embeddings = self(negatives, training=True)

            similarities_p = tf.einsum(
                "ae,pe->ap", anchor_embeddings, positive_embeddings
            )
            similarities_n = tf.einsum(
                "ae,ne->an", anchor_embeddings, negative_embeddings
            )

            temperature = 0.2
            d = keras.ops.maximum(similarities_p - similarities_n + temperature, 0)

            sparse_labels = tf.range(num_classes)
            loss = self.compute_loss(y=sparse_labels, y_pred=d)

        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))
        return {"loss": loss}


def build_model():
    inputs = layers.Input(shape=(8, 8, 3))
    x = layers.Conv2D(filters=8, kernel_size=3, strides=2, activation="relu")(inputs)
    x = layers.Conv2D(filters=8, kernel_size=3, strides=1, activation="relu", padding="same")(x)
    x = layers.Conv2D(filters=8, kernel_size=3, strides=1, activation="relu", padding="same")(x)
    x = layers.GlobalAveragePooling2D()(x)
    embeddings = layers.Dense(units=8, activation=None)(x)
    embeddings = layers.UnitNormalization()(embeddings)
    model = EmbeddingModel(inputs, embeddings)
    return model


def triplet_batch(seed=0):
    rng = np.random.default_rng(seed)
    return tuple(rng.random((num_classes, 8, 8, 3)).astype("float32") for _ in range(3))
