"""CaiT tutorial: LayerScale keeps its learnable diagonal as a raw tf.Variable; on Keras 3 it is never trained.

A blog tutorial on Class-Attention image Transformers (CaiT) with LayerScale, written in tf.keras style
(`from tensorflow.keras import layers, models`). LayerScale is a tiny Layer whose only state is
`self.gamma = tf.Variable(init_values * tf.ones((projection_dim,)))` created in `__init__`, multiplied into
every residual branch. On tf.keras 2 the tf.Variable was auto-tracked; on Keras 3 a backend-native
tf.Variable is not a Keras weight, so each LayerScale contributes 0 parameters, the gammas are absent
from `model.trainable_weights`, `fit()` never updates them and they are not saved. The summary only shows
the attention/MLP parameters and nothing fails, which is why the tutorial reads as working.
"""

SOURCE = "https://pythonguides.com/class-attention-image-transformers-layerscale-keras/"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py n_cait_layerscale_tf_variable.py:
as returned: Functional, count_params() = 23658, 38 weights, unbuilt: none
after call: count_params() = 23658, 38 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 38 trainable weights: []
tape watched 4 variables the model does not track: ['Variable:0', 'Variable:0', 'Variable:0', 'Variable:0']
params of the case's own layers: {'layer_scale': 0, 'layer_scale_1': 0, 'layer_scale_2': 0, 'layer_scale_3': 0}
second call: 0 variables watched that the first call did not use
(own script /tmp/mine12c/fitcheck.py: no gamma is in model.weights; one fit() step (SGD 0.1) leaves all 4 gammas unchanged.)"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, models

# Initializing a basic CaiT configuration (small, for a quick experiment)
IMAGE_SIZE = 32
PATCH_SIZE = 8
NUM_PATCHES = (IMAGE_SIZE // PATCH_SIZE) ** 2
NUM_LAYERS = 2
NUM_HEADS = 4
PROJECTION_DIM = 32
NUM_CLASSES = 10
LAYERSCALE_INIT = 1e-5


class LayerScale(layers.Layer):
    def __init__(self, init_values, projection_dim, **kwargs):
        super().__init__(**kwargs)
        self.gamma = tf.Variable(init_values * tf.ones((projection_dim,)))

    def call(self, x):
        # Multiplying the input by the learnable diagonal matrix
        return x * self.gamma


def mlp(x, hidden_units, dropout_rate):
    for units in hidden_units:
        x = layers.Dense(units, activation=tf.nn.gelu)(x)
        x = layers.Dropout(dropout_rate)(x)
    return x


def self_attention_block(x, layer_idx):
    # Layer normalization and multi-head self attention
    x1 = layers.LayerNormalization(epsilon=1e-6)(x)
    attention_output = layers.MultiHeadAttention(
        num_heads=NUM_HEADS, key_dim=PROJECTION_DIM // NUM_HEADS, dropout=0.1
    )(x1, x1)
    attention_output = LayerScale(LAYERSCALE_INIT, PROJECTION_DIM)(attention_output)
    x2 = layers.Add()([attention_output, x])

    x3 = layers.LayerNormalization(epsilon=1e-6)(x2)
    x3 = mlp(x3, hidden_units=[PROJECTION_DIM * 2, PROJECTION_DIM], dropout_rate=0.1)
    x3 = LayerScale(LAYERSCALE_INIT, PROJECTION_DIM)(x3)
    return layers.Add()([x3, x2])


def create_cait_classifier():
    inputs = layers.Input(shape=(NUM_PATCHES, PATCH_SIZE * PATCH_SIZE * 3))
    encoded = layers.Dense(PROJECTION_DIM)(inputs)
    for i in range(NUM_LAYERS):
        encoded = self_attention_block(encoded, i)
    representation = layers.LayerNormalization(epsilon=1e-6)(encoded)
    representation = layers.GlobalAveragePooling1D()(representation)
    logits = layers.Dense(NUM_CLASSES)(representation)
    return models.Model(inputs=inputs, outputs=logits, name="cait_small")


def build_model():
    model = create_cait_classifier()
    return model


if __name__ == "__main__":
    model = build_model()
    model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.summary()
    x = np.random.rand(8, NUM_PATCHES, PATCH_SIZE * PATCH_SIZE * 3).astype("float32")
    y = np.random.randint(0, NUM_CLASSES, size=(8,))
    model.fit(x, y, epochs=1, verbose=0)
