"""Learned position embedding computed at wiring time: `layers.Embedding(...)(tf.range(num_patches))`.

In the keras.io MLP image classification example (FNet/gMLP), `build_classifier` adds a
"trainable" positional encoding by calling a fresh `layers.Embedding` on `tf.range(num_patches)`
and adding the result to the patch features. The reporter noticed the trainable parameter count
is the same with `positional_encoding=True` or `False`. A commenter explains: the Embedding is
called on a concrete tensor before the model exists, so its output is an EagerTensor, a frozen
random table added as a constant; the Embedding's weights never join the model.

Code choice: LD011 (a layer that the model uses but does not track: not counted, not trained, not
saved). There is no Lambda here, so LD012 fits less; the effect matches LD011's "not tracked,
not counted, not saved" and the layer is reachable only as a wiring-time local.
"""

SOURCE = "https://github.com/keras-team/keras-io/issues/688"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 1866 with positional_encoding=True and 1866 with False (as the reporter saw):
the Embedding(16, 32) (512 params) is built eagerly at wiring time and its output is baked into
the graph as a constant; it is not in model.weights, gets no gradient, is not saved; no warning."""

import tensorflow as tf
import keras
from keras import layers

num_patches = 16
embedding_dim = 32
num_classes = 10


def build_classifier(blocks, positional_encoding=False):
    inputs = layers.Input(shape=(num_patches, 12))
    x = layers.Dense(units=embedding_dim)(inputs)
    if positional_encoding:
        positions = tf.range(start=0, limit=num_patches, delta=1)
        position_embedding = layers.Embedding(
            input_dim=num_patches, output_dim=embedding_dim
        )(positions)
        x = x + position_embedding
    x = blocks(x)
    representation = layers.GlobalAveragePooling1D()(x)
    logits = layers.Dense(num_classes)(representation)
    return keras.Model(inputs=inputs, outputs=logits)


def build_model():
    mlp_blocks = keras.Sequential(
        [layers.Dense(embedding_dim, activation="gelu"), layers.LayerNormalization()]
    )
    return build_classifier(mlp_blocks, positional_encoding=True)
