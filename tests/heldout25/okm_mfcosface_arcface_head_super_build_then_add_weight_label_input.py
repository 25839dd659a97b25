"""An ArcFace margin head for face recognition takes `[embedding, label]`, calls
`super().build(input_shape[0])` first and only then creates its class-weight matrix `W` with
`add_weight`, and normalises a copy of `W` inside `call()`.

From NguyenThaiHoc1/MFCosFace (`Tensorflow/Architecture/ArcHead/header.py`), credited in the file to
YeongHyeon/ArcFace-TF2, dsskim/arc_face_tensorflow2 and yinguobing/arcface. Looks like several bugs:
`super().build()` marks the layer built before the weight exists, the build shape is the shape of
the first of two inputs, the integer label is a model input that reaches `tf.one_hot`, and `W` is
normalised in `call()` (no gradient through a normalised copy?). On Keras 3 it is correct: `W` is
tracked and counted (embedding_dim x n_classes), `W = tf.nn.l2_normalize(self.W, axis=0)` is a local
so the variable is never replaced, and `W` and the backbone get gradients through the margin logits;
the label path has no weights.

Porting edits: `tf.keras` -> `keras`; `tf.keras.backend.clip(...)` -> `keras.ops.clip(...)` and
`tf.keras.backend.epsilon()` -> `keras.backend.epsilon()` (Keras 3 has no `backend.clip`);
`build_model()` puts the head on a small Dense + BatchNormalization embedding of 8 units (the
repository uses an Inception-ResNet backbone with a 512-d embedding), 5 classes, integer labels.
"""

SOURCE = "https://github.com/NguyenThaiHoc1/MFCosFace/blob/3f64e431bee6aba2059b926564873ef0ee22caf9/Tensorflow/Architecture/ArcHead/header.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/okm_mfcosface_arcface_head_super_build_then_add_weight_label_input.py:
as returned: Functional, count_params() = 208, 7 weights, unbuilt: none
after call: count_params() = 208, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'arc_face': 40}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine25b/arc_probe.py): head.W is a keras Variable of shape (8, 5) and in
model.trainable_weights; model.losses has the W regularizer (1 entry); one fit step with sparse
categorical crossentropy on the logits changes 5/5 trainable weights (W included)."""

import tensorflow as tf
import keras


class ArcFace(keras.layers.Layer):
    def __init__(self, n_classes=10, s=30.0, m=0.50, regularizer=None, **kwargs):
        super(ArcFace, self).__init__(**kwargs)
        self.n_classes = n_classes
        self.s = s
        self.m = m
        self.regularizer = keras.regularizers.get(regularizer)

    def build(self, input_shape):
        super(ArcFace, self).build(input_shape[0])
        self.W = self.add_weight(name='W',
                                 shape=(input_shape[0][-1], self.n_classes),
                                 initializer='glorot_uniform',
                                 trainable=True,
                                 regularizer=self.regularizer)

    def call(self, inputs):
        x, y = inputs

        # normalize feature
        x = tf.nn.l2_normalize(x, axis=1)

        # normalize weights
        W = tf.nn.l2_normalize(self.W, axis=0)

        # dot product
        logits = x @ W

        # add margin
        # clip logits to prevent zero division when backward
        theta = tf.acos(
            keras.ops.clip(logits, -1.0 + keras.backend.epsilon(), 1.0 - keras.backend.epsilon()))
        target_logits = tf.cos(theta + self.m)

        y = tf.one_hot(tf.cast(y, tf.int32), depth=self.n_classes)  # convert label to onehot
        logits = logits * (1 - y) + target_logits * y
        # feature re-scale
        logits *= self.s
        # out = tf.nn.softmax(logits)

        return logits

    def compute_output_shape(self, input_shape):
        return None, self.n_classes


def build_model():
    image_features = keras.Input(shape=(16,), name="features")
    labels = keras.Input(shape=(), dtype="int32", name="labels")
    x = keras.layers.Dense(8)(image_features)
    x = keras.layers.BatchNormalization()(x)
    logits = ArcFace(n_classes=5, regularizer=keras.regularizers.L2(5e-4))([x, labels])
    return keras.Model([image_features, labels], logits)
