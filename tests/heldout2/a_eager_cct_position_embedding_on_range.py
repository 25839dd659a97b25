"""Compact Convolutional Transformer: the tokenizer is run on a dummy image and an Embedding on `range(seq_len)` while wiring.

The tf.keras CCT example (`examples/vision/cct.py`) sizes its positional embedding by calling the
tokenizer eagerly on `tf.ones((1, image_size, image_size, 3))`, creates `layers.Embedding(seq_len,
dim)` and adds `pos_embed(tf.range(seq_len))` to the encoded patches inside `create_cct_model`.
The Embedding is called on a concrete tensor, so its output is a constant in the functional graph;
copied into many repositories. Ported to Keras 3 (`keras.ops`), one transformer block.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/vision/cct.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py a_eager_cct_position_embedding_on_range.py:
as returned: Functional, count_params() = 8910, 18 weights, unbuilt: none
after call: count_params() = 8910, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cct_tokenizer': 3888}
second call: 0 variables watched that the first call did not use
extra check (python -c: import the case, build_model(), list Embedding layers and 'embedding' variables of the model): none;
the 16x24 position table (384 params) is neither counted nor trained: its lookup is a constant in the graph"""

import keras
from keras import layers, ops


class CCTTokenizer(layers.Layer):
    def __init__(self, num_output_channels=(16, 24), **kwargs):
        super().__init__(**kwargs)
        self.conv_model = keras.Sequential()
        for channels in num_output_channels:
            self.conv_model.add(layers.Conv2D(channels, 3, padding="same", use_bias=False,
                                              activation="relu"))
            self.conv_model.add(layers.MaxPooling2D(2, padding="same"))

    def call(self, images):
        outputs = self.conv_model(images)
        return ops.reshape(outputs, (-1, outputs.shape[1] * outputs.shape[2], outputs.shape[-1]))

    def positional_embedding(self, image_size):
        dummy_outputs = self.call(ops.ones((1, image_size, image_size, 3)))
        sequence_length, projection_dim = dummy_outputs.shape[1], dummy_outputs.shape[-1]
        return layers.Embedding(input_dim=sequence_length, output_dim=projection_dim), sequence_length


def create_cct_model(image_size=16, num_classes=5):
    inputs = layers.Input((image_size, image_size, 3))
    cct_tokenizer = CCTTokenizer()
    encoded_patches = cct_tokenizer(inputs)

    pos_embed, seq_length = cct_tokenizer.positional_embedding(image_size)
    positions = ops.arange(0, seq_length)
    encoded_patches = encoded_patches + pos_embed(positions)

    x1 = layers.LayerNormalization(epsilon=1e-5)(encoded_patches)
    attention = layers.MultiHeadAttention(num_heads=2, key_dim=24)(x1, x1)
    x2 = layers.Add()([attention, encoded_patches])
    representation = layers.LayerNormalization(epsilon=1e-5)(x2)
    weights = ops.softmax(layers.Dense(1)(representation), axis=1)
    pooled = ops.squeeze(ops.matmul(ops.transpose(weights, (0, 2, 1)), representation), -2)
    return keras.Model(inputs, layers.Dense(num_classes)(pooled))


def build_model():
    return create_cct_model()
