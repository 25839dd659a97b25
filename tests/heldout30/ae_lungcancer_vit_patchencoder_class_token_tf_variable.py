"""A lung-cancer ViT whose `PatchEncoder` keeps its learnable [CLS] token as a `tf.Variable` made in
`__init__`, tiled over the batch in `call()` and appended after the projected patches, next to a
position `Embedding` read on `tf.range` inside the layer.

From ImranNust/LungCancerDetection (`utilities/VisionTransformer.py`). On Keras 3 a raw `tf.Variable`
assigned to a layer is not tracked: the class token is not among the layer's or the model's weights,
is not counted, gets no update from `fit` and is not saved. (The projection `Dense` and the position
`Embedding` are sublayers called inside `call()` and are tracked; the `tf.range` is built inside the
layer's call, so the table is a weight.)

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); the author's `PatchExtractor`,
`PatchEncoder`, `MLP` and `Block` kept as written; the model around them (the author's notebook
builds it from these classes) is a functional Input(batch 2, 16x16x3) -> PatchExtractor(patch 4) ->
PatchEncoder -> one Block -> LayerNormalization -> first token -> Dense(3); the author's
`TransformerEncoder` is left out (its `call()` has `return y` commented out and returns None).
"""

SOURCE = "https://github.com/ImranNust/LungCancerDetection/blob/c86ea49a5c86c01a891f0367214c7f7e115de605/utilities/VisionTransformer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/ae_lungcancer_vit_patchencoder_class_token_tf_variable.py:
as returned: Functional, count_params() = 31731, 23 weights, unbuilt: none
after call: count_params() = 31731, 23 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 23 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'patch_extractor': 0, 'patch_encoder': 3168, 'block': 28320, 'mlp': 9360}
second call: 0 variables watched that the first call did not use
The untracked variable is PatchEncoder.class_token (1x48): 'patch_encoder': 3168 = projection 48*48+48 + position table 17*48, no class token; it is watched by the tape (it reaches the output through attention) but is not in model.trainable_weights, so fit never updates it and save_weights does not write it."""

import tensorflow as tf
import keras
from keras.layers import Layer, Dense, Embedding, Dropout
from keras.layers import LayerNormalization, MultiHeadAttention, Add


class PatchExtractor(Layer):
    def __init__(self, patch_size, batch_size, input_shape):
        super(PatchExtractor, self).__init__()
        self.patch_size = patch_size
        self.length_of_patch = int(patch_size * patch_size * input_shape[2])
        self.batch_size = batch_size
        self.num_patches = int(input_shape[0]/self.patch_size * input_shape[1]/self.patch_size)

    def build(self, input_shape):
        self.kernel = tf.zeros(shape = [self.batch_size, self.num_patches,
                                        self.length_of_patch],dtype=tf.dtypes.float32)
        super(PatchExtractor, self).build(input_shape)  # Be sure to call this somewhere!

    def call(self, images):
        patches = tf.image.extract_patches(images=images,
                                           sizes=[1, self.patch_size, self.patch_size, 1],
                                           strides=[1, self.patch_size, self.patch_size, 1],
                                           rates=[1, 1, 1, 1],
                                           padding="VALID")
        patch_dims = patches.shape[-1]
        self.kernel = tf.reshape(patches, [self.batch_size, self.num_patches,
                                               self.length_of_patch])
        return self.kernel


class PatchEncoder(Layer):
    def __init__(self, patch_size, batch_size, input_shape):
        super(PatchEncoder, self).__init__()
        self.num_patches = int(input_shape[0]/patch_size * input_shape[1]/patch_size)
        self.projection_dim = int(patch_size * patch_size * input_shape[2])
        self.batch_size = batch_size,
        w_init = tf.random_normal_initializer()
        class_token = w_init(shape=(1, self.projection_dim), dtype="float32")
        self.class_token = tf.Variable(initial_value=class_token, trainable=True)
        self.projection = Dense(units=self.projection_dim)
        self.position_embedding = Embedding(input_dim=self.num_patches+1,
                                            output_dim=self.projection_dim)

    def call(self, patch):
        batch = tf.shape(patch)[0]
        # reshape the class token embedins
        class_token = tf.tile(self.class_token, multiples = [batch, 1])
        class_token = tf.reshape(class_token, (batch, 1, self.projection_dim))
        # calculate patches embeddings
        patches_embed = self.projection(patch)
        patches_embed = tf.concat([patches_embed, class_token], 1)
        # calcualte positional embeddings
        positions = tf.range(start=0, limit=self.num_patches+1, delta=1)
        positions_embed = self.position_embedding(positions)
        # add both embeddings
        encoded = patches_embed + positions_embed
        return encoded


class MLP(Layer):
    def __init__(self, hidden_features, out_features, dropout_rate=0.1):
        super(MLP, self).__init__()
        self.dense1 = Dense(hidden_features, activation=tf.nn.gelu)
        self.dense2 = Dense(out_features)
        self.dropout = Dropout(dropout_rate)

    def call(self, x):
        x = self.dense1(x)
        x = self.dropout(x)
        x = self.dense2(x)
        y = self.dropout(x)
        return y


class Block(Layer):
    def __init__(self, projection_dim, num_heads=4, dropout_rate=0.1):
        super(Block, self).__init__()
        self.norm1 = LayerNormalization(epsilon=1e-6)
        self.attn = MultiHeadAttention(num_heads=num_heads, key_dim=projection_dim, dropout=dropout_rate)
        self.norm2 = LayerNormalization(epsilon=1e-6)
        self.mlp = MLP(projection_dim * 2, projection_dim, dropout_rate)

    def call(self, x):
        x1 = self.norm1(x)
        attention_output = self.attn(x1, x1)
        x2 = Add()([attention_output, x])
        x3 = self.norm2(x2)
        x3 = self.mlp(x3)
        y = Add()([x3, x2])
        return y


def build_model():
    input_shape = (16, 16, 3)
    patch_size, batch_size = 4, 2
    inputs = keras.Input(shape=input_shape, batch_size=batch_size)
    patches = PatchExtractor(patch_size, batch_size, input_shape)(inputs)
    encoded = PatchEncoder(patch_size, batch_size, input_shape)(patches)
    x = Block(int(patch_size * patch_size * input_shape[2]), num_heads=2)(encoded)
    x = LayerNormalization(epsilon=1e-6)(x)
    outputs = Dense(3, activation="softmax")(x[:, 0])
    return keras.Model(inputs, outputs)
