"""A Perceiver for knee MRI classification whose `PerceiverTransformer(tf.keras.Model)` sets every sublayer
to `None` in `__init__` and creates them all (plus the latent array via `add_weight`) inside its own
`build()`, with a `PatchEncoder` that calls its position `Embedding` on a `tf.range` inside `call()`.

From shakes76/PatternFlow (`recognition/46252665_Perceiver_Transformer_OAI_AKOA/perceiver/`: `perceiver.py`,
`patch_encoder.py`, `extract_patches.py`, `attention_module.py`, `feed_forward.py`, after the keras.io
Perceiver example). It looks like several traps: sublayers made outside `__init__` (in `build()`), two
functional sub-models created by a helper class and applied twice in a loop (shared weights), a
`FeedForward` Layer subclass instantiated only for its static method, an `Embedding` applied to a
constant range. On Keras 3 all of it is fine: `build()` runs once before the first call, the attributes
assigned there are tracked, the position table is used inside the traced `call()` and gets a gradient,
and the cross-attention / transformer models are counted once although applied ITERATIONS times.

Porting edits: `settings.config` constants inlined and shrunk (8x8 one-channel images, PATCH_SIZE 4 ->
4 patches, LATENT_DIMENSION 3, PROJECTION_DIMENSION 8, 2 heads, 1 transformer block, 2 iterations,
2 classes); `FEED_FORWARD_NETWORK_UNITS = [8, 8]` (missing from this config version; the final units must
equal the projection width for the skip connection); the classification head is
`FeedForward().feed_forward_network()` as in the file, whose last Dense then has 8 units.
"""

SOURCE = "https://github.com/shakes76/PatternFlow/blob/464b7e0a0519d004ad957ce0a496084bf45511b1/recognition/46252665_Perceiver_Transformer_OAI_AKOA/perceiver/perceiver.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/okh_patternflow_perceiver_sublayers_made_in_model_build.py:
warning: UserWarning (twice) from functional.py: dict input keys 'latent_array' / 'data_array' do not match
the Input tensors' names (the author's unnamed `Input`s; the shapes differ, 3x8 vs 4x8, and the call runs)
as returned: PerceiverTransformer, count_params() = count_params() raised ValueError, 0 weights, unbuilt: none (subclassed, not called yet)
after call: count_params() = 1489, 41 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 41 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'patches': 0, 'patch_encoder': 168}
second call: 0 variables watched that the first call did not use
(patch_encoder 168 = Dense 16*8+8 = 136 + position table 4*8 = 32; the latent array and both sub-models,
applied twice, are counted once.)"""

import numpy as np
import tensorflow as tf

PADDING = 'VALID'
DROPOUT = 0.25
IMAGE_SIZES = 8
PATCH_SIZE = 4
PATCHES = (IMAGE_SIZES // PATCH_SIZE) ** 2
LATENT_DIMENSION = 3
PROJECTION_DIMENSION = 8
TRANSFORMER_HEADS = 2
TRANSFORMER_BLOCKS = 1
ITERATIONS = 2
EPSILON = 1e-6
FEED_FORWARD_NETWORK_UNITS = [8, 8]


class FeedForward(tf.keras.layers.Layer):
    """Tensorflow sequential dense layers with dropout in between."""

    @staticmethod
    def feed_forward_network():
        return tf.keras.Sequential([
                tf.keras.layers.Dense(units=FEED_FORWARD_NETWORK_UNITS[0],
                                      activation='relu'),
                tf.keras.layers.Dropout(DROPOUT),
                tf.keras.layers.Dense(units=FEED_FORWARD_NETWORK_UNITS[-1],
                                      use_bias=True, bias_initializer='zeros'),
            ]
        )


class Patches(tf.keras.layers.Layer):
    """Divides an image into patches taking parameters from settings."""
    def __init__(self):
        super(Patches, self).__init__()

        self.patch_size = PATCH_SIZE

    def call(self, images):
        patches = tf.image.extract_patches(images=images,
                                           sizes=[1, self.patch_size,
                                                  self.patch_size, 1],
                                           strides=[1, self.patch_size,
                                                    self.patch_size, 1],
                                           rates=[1, 1, 1, 1],
                                           padding=PADDING)
        return tf.reshape(patches, [tf.shape(images)[0], -1, patches.shape[-1]])


class PatchEncoder(tf.keras.layers.Layer):
    """Projects patches on a latent dimension, 256, and linearly transforms
    and learns a positional embedding to the projection."""

    def __init__(self):
        super(PatchEncoder, self).__init__()

        self.num_patches = PATCHES
        self.projection = tf.keras.layers.Dense(units=PROJECTION_DIMENSION)
        self.positional_embedding = tf.keras.layers.Embedding(
            input_dim=PATCHES,
            output_dim=PROJECTION_DIMENSION
        )

    def call(self, patches):
        """Returns the positional embedding vector"""
        return self.projection(patches) + self.positional_embedding(tf.range(
            start=0, limit=self.num_patches, delta=1))


class TransformerModule:
    """Attention Module provides the cross attention and multi headed attention
    as per the transformer blocks."""

    @staticmethod
    def apply_layer_normalisation(_to):
        return tf.keras.layers.LayerNormalization(epsilon=EPSILON)(_to)

    @staticmethod
    def skip_connection(_from, _to):
        return tf.keras.layers.Add()([_from, _to])

    @staticmethod
    def create_dense_layer(_to):
        return tf.keras.layers.Dense(units=PROJECTION_DIMENSION)(_to)

    @staticmethod
    def get_attention(x1=None, query=None, key=None, value=None,
                      attention=False):
        return tf.keras.layers.Attention(use_scale=True,
                                         dropout=DROPOUT)(
            [query, key, value], return_attention_scores=False) if attention \
            else tf.keras.layers.MultiHeadAttention(
            num_heads=TRANSFORMER_HEADS,
            key_dim=PROJECTION_DIMENSION,
            dropout=DROPOUT)(x1, x1)

    def create_cross_attention_module(self):
        inputs = {
            "latent_array": tf.keras.layers.Input(
                shape=(LATENT_DIMENSION, PROJECTION_DIMENSION)),
            "data_array": tf.keras.layers.Input(
                shape=(PATCHES, PROJECTION_DIMENSION)),
        }

        latent_array = self.apply_layer_normalisation(inputs["latent_array"])
        data_array = self.apply_layer_normalisation(inputs["data_array"])

        query = self.create_dense_layer(latent_array)
        key = self.create_dense_layer(data_array)
        value = self.create_dense_layer(data_array)

        attention_output = self.get_attention(x1=None, query=query, key=key,
                                              value=value, attention=True)
        attention_output = self.skip_connection(attention_output, latent_array)
        attention_output = self.apply_layer_normalisation(attention_output)

        ffn = FeedForward().feed_forward_network()
        outputs = ffn(attention_output)
        outputs = self.skip_connection(outputs, attention_output)

        return tf.keras.Model(
            inputs=inputs,
            outputs=outputs,
            name='Cross_Attention'
        )

    def create_transformer_module(self):
        inputs = tf.keras.layers.Input(
            shape=(LATENT_DIMENSION, PROJECTION_DIMENSION))

        x0 = inputs
        for _ in range(TRANSFORMER_BLOCKS):
            x1 = self.apply_layer_normalisation(x0)
            attention_output = self.get_attention(x1=x1, query=None, key=None,
                                                  value=None, attention=False)
            x2 = self.skip_connection(attention_output, x0)
            x3 = self.apply_layer_normalisation(x2)
            ffn = FeedForward().feed_forward_network()
            x3 = ffn(x3)
            x0 = self.skip_connection(x3, x2)

        return tf.keras.Model(
            inputs=inputs,
            outputs=x0,
            name='Latent_Transformer'
        )


class PerceiverTransformer(tf.keras.Model):
    """Perceiver architecture based on attention principles"""

    def __init__(self, data):
        super(PerceiverTransformer, self).__init__()

        self.data = data

        self.latent_array = None
        self.patcher = None
        self.patch_encoder = None
        self.cross_attention = None
        self.transformer = None
        self.global_average_pooling = None
        self.classification_head = None

    def build(self, input_shape):
        # latent array
        self.latent_array = self.add_weight(
            shape=(LATENT_DIMENSION,
                   PROJECTION_DIMENSION), initializer="random_normal",
            trainable=True)

        # patching module
        self.patcher = Patches()

        # patch encoder
        self.patch_encoder = PatchEncoder()

        # cross-attention module
        self.cross_attention = TransformerModule().\
            create_cross_attention_module()

        # Transformer module
        self.transformer = TransformerModule().create_transformer_module()

        # global average pooling layer
        self.global_average_pooling = tf.keras.layers.GlobalAveragePooling1D()

        # create a classification head
        self.classification_head = FeedForward().feed_forward_network()

        super(PerceiverTransformer, self).build(input_shape)

    def call(self, inputs):
        patches = self.patcher(inputs)
        encoded_patches = self.patch_encoder(patches)

        cross_attention_inputs = {
            "latent_array": tf.expand_dims(self.latent_array, 0),
            "data_array": encoded_patches,
        }

        latent_array = None
        for _ in range(ITERATIONS):
            latent_array = self.cross_attention(cross_attention_inputs)
            latent_array = self.transformer(latent_array)
            cross_attention_inputs["latent_array"] = latent_array

        representation = self.global_average_pooling(latent_array)
        return self.classification_head(representation)


def build_model():
    images = np.random.default_rng(0).random((2, IMAGE_SIZES, IMAGE_SIZES, 1)).astype("float32")
    return PerceiverTransformer(None), images
