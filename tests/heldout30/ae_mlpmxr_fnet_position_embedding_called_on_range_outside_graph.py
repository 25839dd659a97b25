"""A course project's copy of the "modern MLP models" example: `build_classifier(...,
positional_encoding=True)` for the FNet blocks creates a position `Embedding` and calls it on a
concrete `tf.range(num_patches)` while the functional model is being wired, then adds the result to
the patch embeddings; the MLP-Mixer block next to it reuses one `LayerNormalization` for its token-
and channel-mixing halves.

From tom7ly/236502-mlp-mxr (`module_env.py`, copied from the Keras example and edited for the
course). On Keras 3 (as on tf.keras) the `Embedding` call runs eagerly on a concrete tensor, so
its output enters the functional graph as a constant: the position table is nowhere in
`model.layers` or `model.weights`, is not trained and is not saved, although the author asked for
a learned positional encoding (the summary's parameter count is the same with and without it).

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); `tfa.layers.GELU()` ->
`layers.Activation("gelu")` (tensorflow-addons is not installed); the CIFAR-100 download, the
`Normalization.adapt` call and the training run removed, so `data_augmentation` keeps only the
`Resizing`; sizes: 16x16x3 images resized to 16, patch 4 (16 patches), `embedding_dim` 8, two FNet
blocks, 10 classes.
"""

SOURCE = "https://github.com/tom7ly/236502-mlp-mxr/blob/9e625ccecc6be42f9d062d147358e21fb1d4b3f3/module_env.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/ae_mlpmxr_fnet_position_embedding_called_on_range_outside_graph.py:
as returned: Functional, count_params() = 834, 20 weights, unbuilt: none
after call: count_params() = 834, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'patches': 0, 'f_net_layer_1': 176, 'f_net_layer': 176}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine30/ae/probe_mlpmxr.py): params with positional_encoding=True 834, without 834; no Embedding layer in model.layers (layer types: InputLayer, Sequential, Patches, Dense, Sequential, GlobalAveragePooling1D, Dropout, Dense). The complex-cast warnings come from the author's fft2d cast in FNetLayer."""

import numpy as np
import tensorflow as tf
import keras
from keras import layers

num_classes = 10
input_shape = (16, 16, 3)
dropout_rate = 0.2
image_size = 16
patch_size = 4
num_patches = (image_size // patch_size) ** 2
embedding_dim = 8
num_blocks = 2

data_augmentation = keras.Sequential(
    [
        layers.Resizing(image_size, image_size),
    ],
    name="data_augmentation",
)


def build_classifier(blocks, positional_encoding=False):
    inputs = layers.Input(shape=input_shape)
    # Augment data.
    augmented = data_augmentation(inputs)
    # Create patches.
    patches = Patches(patch_size, num_patches)(augmented)
    # Encode patches to generate a [batch_size, num_patches, embedding_dim] tensor.
    x = layers.Dense(units=embedding_dim)(patches)
    if positional_encoding:
        positions = tf.range(start=0, limit=num_patches, delta=1)
        position_embedding = layers.Embedding(
            input_dim=num_patches, output_dim=embedding_dim
        )(positions)
        x = x + position_embedding
    # Process x using the module blocks.
    x = blocks(x)
    # Apply global average pooling to generate a [batch_size, embedding_dim] representation tensor.
    representation = layers.GlobalAveragePooling1D()(x)
    # Apply dropout.
    representation = layers.Dropout(rate=dropout_rate)(representation)
    # Compute logits outputs.
    logits = layers.Dense(num_classes)(representation)
    # Create the Keras model.
    return keras.Model(inputs=inputs, outputs=logits)


class Patches(layers.Layer):
    def __init__(self, patch_size, num_patches):
        super(Patches, self).__init__()
        self.patch_size = patch_size
        self.num_patches = num_patches

    def call(self, images):
        batch_size = tf.shape(images)[0]
        patches = tf.image.extract_patches(
            images=images,
            sizes=[1, self.patch_size, self.patch_size, 1],
            strides=[1, self.patch_size, self.patch_size, 1],
            rates=[1, 1, 1, 1],
            padding="VALID",
        )
        patch_dims = patches.shape[-1]
        patches = tf.reshape(patches, [batch_size, self.num_patches, patch_dims])
        return patches


class MLPMixerLayer(layers.Layer):
    def __init__(self, num_patches, hidden_units, dropout_rate, *args, **kwargs):
        super(MLPMixerLayer, self).__init__(*args, **kwargs)

        self.mlp1 = keras.Sequential(
            [
                layers.Dense(units=num_patches),
                layers.Activation("gelu"),
                layers.Dense(units=num_patches),
                layers.Dropout(rate=dropout_rate),
            ]
        )
        self.mlp2 = keras.Sequential(
            [
                layers.Dense(units=num_patches),
                layers.Activation("gelu"),
                layers.Dense(units=embedding_dim),
                layers.Dropout(rate=dropout_rate),
            ]
        )
        self.normalize = layers.LayerNormalization(epsilon=1e-6)

    def call(self, inputs):
        x = self.normalize(inputs)
        x_channels = tf.linalg.matrix_transpose(x)
        mlp1_outputs = self.mlp1(x_channels)
        mlp1_outputs = tf.linalg.matrix_transpose(mlp1_outputs)
        x = mlp1_outputs + inputs
        x_patches = self.normalize(x)
        mlp2_outputs = self.mlp2(x_patches)
        x = x + mlp2_outputs
        return x


class FNetLayer(layers.Layer):
    def __init__(self, num_patches, embedding_dim, dropout_rate, *args, **kwargs):
        super(FNetLayer, self).__init__(*args, **kwargs)

        self.ffn = keras.Sequential(
            [
                layers.Dense(units=embedding_dim),
                layers.Activation("gelu"),
                layers.Dropout(rate=dropout_rate),
                layers.Dense(units=embedding_dim),
            ]
        )

        self.normalize1 = layers.LayerNormalization(epsilon=1e-6)
        self.normalize2 = layers.LayerNormalization(epsilon=1e-6)

    def call(self, inputs):
        # Apply fourier transformations.
        x = tf.cast(
            tf.signal.fft2d(tf.cast(inputs, dtype=tf.dtypes.complex64)),
            dtype=tf.dtypes.float32,
        )
        # Add skip connection.
        x = x + inputs
        # Apply layer normalization.
        x = self.normalize1(x)
        # Apply Feedfowrad network.
        x_ffn = self.ffn(x)
        # Add skip connection.
        x = x + x_ffn
        # Apply layer normalization.
        return self.normalize2(x)


def build_model():
    fnet_blocks = keras.Sequential(
        [FNetLayer(num_patches, embedding_dim, dropout_rate) for _ in range(num_blocks)]
    )
    return build_classifier(fnet_blocks, positional_encoding=True)
