"""ArcFace model whose NormDense head is called only when training=True, trained by a
@tf.function loop that reads model.trainable_variables after the forward pass.

Looks like an unbuilt/untrained sublayer: `call()` skips `self.norm_dense` at inference, so
a model built by an inference call shows the head unbuilt and without weights; the head's
kernel is created inside the traced `train_step`, and the margin loss reads it only through
the logits. On Keras 3 it is right: the first `model(inputs, training=True)` inside the tape
builds the head, `model.trainable_variables` (read after the call) includes its kernel, and
one step moves every weight, backbone and head.

Porting edits: a Conv2D/pool/Dense backbone instead of DenseNet121 (no ImageNet weights),
16x16 images, 5 classes; NormDense, ArcFaceModel, arcface_loss and train_step are the
repository's (train_step takes the margins as arguments instead of reading argparse args).
"""

SOURCE = "https://github.com/cocoza4/face-recognition/blob/4bc49ad0989dba45c33a153d67c9694eb92b69e9/src/models.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
python tests/heldout19/_measure.py tests/heldout19/okb_arcface_norm_dense_called_only_when_training.py
  as returned: ArcFaceModel, count_params() = count_params() raised ValueError, 4 weights,
  unbuilt: ['NormDense:norm_dense']   (as the repository's main() leaves it: nothing called yet)
/tmp/mine19b/m_arcface.py:
  model(x) (inference branch): UserWarning "`build()` was called on layer 'arc_face_model' ...
  unbuilt state"; norm_dense built False, 4 weights
  first train_step (tf.function, training=True): 5 weights, 5 trainable, count_params 192
  second train_step: changed 5 of 5 trainable variables (norm_dense_w included)
  GradientTape over arcface_loss(model(x, training=True)): None grads 0
The head is built by the first training call and trained from then on."""

import math

import tensorflow as tf
from tensorflow import keras


class NormDense(keras.layers.Layer):

    def __init__(self, classes=1000):
        super(NormDense, self).__init__()
        self.classes = classes

    def build(self, input_shape):
        self.w = self.add_weight(name='norm_dense_w', shape=(input_shape[-1], self.classes),
                                 initializer='random_normal', trainable=True)

    def call(self, inputs, **kwargs):
        norm_w = tf.nn.l2_normalize(self.w, axis=0)
        x = tf.matmul(inputs, norm_w)
        return x


class ArcFaceModel(keras.Model):

    def __init__(self, backbone, n_classes):
        super().__init__()
        self.backbone = backbone
        self.norm_dense = NormDense(n_classes)

    def call(self, inputs, training=False):
        prelogits = self.backbone(inputs, training=training)

        if training:
            norm_dense = self.norm_dense(prelogits)
            return prelogits, norm_dense
        else:
            embeddings = tf.nn.l2_normalize(prelogits, axis=-1)
            return embeddings


def arcface_loss(x, normx_cos, labels, m1, m2, m3, s):
    norm_x = tf.norm(x, axis=1, keepdims=True)
    cos_theta = normx_cos / norm_x
    theta = tf.acos(cos_theta)
    mask = tf.one_hot(labels, depth=normx_cos.shape[-1])
    zeros = tf.zeros_like(mask)
    cond = tf.where(tf.greater(theta * m1 + m3, math.pi), zeros, mask)
    cond = tf.cast(cond, dtype=tf.bool)
    m1_theta_plus_m3 = tf.where(cond, theta * m1 + m3, theta)
    cos_m1_theta_plus_m3 = tf.cos(m1_theta_plus_m3)
    prelogits = tf.where(cond, cos_m1_theta_plus_m3 - m2, cos_m1_theta_plus_m3) * s
    cce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return cce(labels, prelogits)


@tf.function
def train_step(model, inputs, labels, optimizer, m1=1.0, m2=0.2, m3=0.3, s=64.0):
    with tf.GradientTape(persistent=False) as tape:
        prelogits, norm_dense = model(inputs, training=True)
        loss = arcface_loss(prelogits, norm_dense, labels, m1, m2, m3, s)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


def build_model(n_classes=5, embedding_size=8):
    backbone = keras.Sequential([
        keras.layers.Input((16, 16, 3)),
        keras.layers.Conv2D(4, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(embedding_size),
    ])
    return ArcFaceModel(backbone, n_classes)
