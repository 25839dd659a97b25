"""An early TensorFlow TabNet: one `SharedFeatureTransformer` (two GLU blocks, each a bias-free Dense
plus BatchNormalization, held as sub-`Model`s) is built once and handed to the constructor of every
step's `FeatureTransformer`, which stores it as `self.shared` next to its own two step-specific blocks.

From ostamand/tensorflow-tabnet (`tabnet/models/transformers.py`, before the shared blocks became a
list of Dense layers). Looks like one sublayer owned by several parents and called on the masked
features of every decision step (shared weights counted once, or a shape clash between steps); on
Keras 3 the shared blocks are tracked through each step, counted once, built on the first step's
`num_features`-wide input that every later step also feeds them, and trained by both steps.

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); `glu` copied from the repository's
`tabnet/models/utils.py`; `build_model()` wires two decision steps the way the repository's TabNet
does (step 1 on the batch-normalised features, its attentive transformer turns the step output into a
feature mask scaled by the prior, step 2 on the masked features; sparsemax left out), with
num_features 6, feature_dim 4.
"""

SOURCE = "https://github.com/ostamand/tensorflow-tabnet/blob/2068613f02e5d9080418e1ab667cb3f82447bb6c/tabnet/models/transformers.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/okg_tftabnet_shared_feature_transformer_passed_to_every_step.py:
as returned: Functional, count_params() = 477, 41 weights, unbuilt: none
after call: count_params() = 477, 25 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 25 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'feature_transformer': 272, 'feature_transformer_block_3': 64, 'feature_transformer_block_2': 64, 'shared_feature_transformer': 144, 'feature_transformer_block_1': 64, 'feature_transformer_block': 80, 'attentive_transformer': 48, 'feature_transformer_block_6': 48, 'feature_transformer_1': 272, 'feature_transformer_block_5': 64, 'feature_transformer_block_4': 64}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine22b/pfit.py): one fit step changes 25/25 trainable weights, the shared blocks included; the shared transformer (144 params) is inside both steps' counts (272 each) and counted once in the model total: 477 = input BN 24 + step1 272 + step2's own blocks 128 + attentive 48 + head 5."""

import tensorflow as tf
import keras


# taken from https://github.com/google-research/google-research/blob/master/tabnet/tabnet_model.py
def glu(x, n_units=None):
    """Generalized linear unit nonlinear activation."""
    return x[:, :n_units] * tf.nn.sigmoid(x[:, n_units:])


class FeatureTransformerBlock(keras.Model):
    def __init__(self, feature_dim: int, apply_glu: bool = True):
        """Feature Transformer Block

        TODO:
            - BN momentum
            - Virtual batch size
        """
        super(FeatureTransformerBlock, self).__init__()
        self.feature_dim = feature_dim
        self.apply_glu = apply_glu

        units = feature_dim * 2 if apply_glu else feature_dim

        self.fc = keras.layers.Dense(units, use_bias=False)
        self.bn = keras.layers.BatchNormalization()

    def call(self, x, training=None):
        x = self.bn(self.fc(x))
        if self.apply_glu:
            return glu(x, self.feature_dim)
        return x


class SharedFeatureTransformer(keras.Model):
    def __init__(self, feature_dim: int):
        super(SharedFeatureTransformer, self).__init__()

        self.block1 = FeatureTransformerBlock(feature_dim)
        self.block2 = FeatureTransformerBlock(feature_dim)

    def call(self, x, training=None):
        x1 = self.block1(x, training=training)
        x2 = self.block2(x1, training=training)
        return tf.sqrt(0.5) * x1 + x2


class FeatureTransformer(keras.Model):
    def __init__(self, shared: SharedFeatureTransformer, feature_dim: int):
        super(FeatureTransformer, self).__init__()
        self.shared = shared
        self.block1 = FeatureTransformerBlock(feature_dim)
        self.block2 = FeatureTransformerBlock(feature_dim)

    def call(self, x, training=None):
        x = self.shared(x)
        x1 = self.block1(x, training=training)
        x1 = tf.sqrt(0.5) * x + x1
        x2 = self.block2(x1, training=training)
        return tf.sqrt(0.5) * x1 + x2


class AttentiveTransformer(keras.Model):
    def __init__(self, feature_dim: int):
        super(AttentiveTransformer, self).__init__()
        self.block = FeatureTransformerBlock(feature_dim, apply_glu=False)

    def call(self, x, prior_scales, training=None):
        x = self.block(x, training=training)
        return x * prior_scales


def build_model():
    num_features, feature_dim = 6, 4
    features = keras.Input((num_features,))
    prior_scales = keras.Input((num_features,))
    shared = SharedFeatureTransformer(feature_dim)
    step1 = FeatureTransformer(shared, feature_dim)
    step2 = FeatureTransformer(shared, feature_dim)
    attentive = AttentiveTransformer(num_features)

    x = keras.layers.BatchNormalization()(features)
    h1 = step1(x)
    mask = keras.layers.Activation("softmax")(attentive(h1, prior_scales))
    masked = keras.layers.Multiply()([mask, x])
    h2 = step2(masked)
    out = keras.layers.Dense(1)(keras.layers.ReLU()(h2))
    return keras.Model([features, prior_scales], out)
