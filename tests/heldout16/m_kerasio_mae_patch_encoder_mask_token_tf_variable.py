"""Masked-autoencoder example (keras-io "Masked image modeling with Autoencoders") run on Keras 3:
the trainable mask token of `PatchEncoder` is a `tf.Variable` set in `__init__`, so Keras 3 does
not track it and the hand-written `train_step` (which collects `trainable_variables` component by
component) never updates it.

The example builds a `PatchEncoder` layer that projects image patches, adds position embeddings and
replaces the masked patches by a learned mask token. The token is created with
`tf.Variable(tf.random.normal([1, patch_area]), trainable=True)`; the projection and the position
embedding are made in `build()`. `MaskedAutoencoder.train_step` gathers
`self.patch_encoder.trainable_variables` (and those of the other parts) and applies the gradients
pair by pair. On tf.keras 2 the variable was tracked; on Keras 3 it is not a Keras variable, so it is
missing from `patch_encoder.trainable_variables`, from `count_params()` and from saved weights, while
the forward pass still reads it: the masked tokens stay at their random initial value forever.

Porting edits: `from tensorflow import keras` -> `import keras` (ops stay `tf.*`), tensorflow_addons
and the data pipeline left out, sizes made small (16x16 images, 4x4 patches, one transformer block in
encoder and decoder, no augmentation models), `self.compiled_loss(...)` -> `self.compute_loss(y=..., y_pred=...)`
and `compiled_metrics` dropped (both removed in Keras 3), the visualisation helpers left out.
`build_model()` wires the patch layer and the patch encoder into a functional model of the three
float outputs the encoder and decoder consume (the trainer itself has no `call()`).
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/24be2f3457eb5000f1b636cda1c279a5c0948542/examples/vision/masked_image_modeling.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/m_kerasio_mae_patch_encoder_mask_token_tf_variable.py:
as returned: Functional, count_params() = 1040, 3 weights, unbuilt: none
after call: count_params() = 1040, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'patches': 0, 'patch_encoder': 1040}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine16a/t_mae.py): MaskedAutoencoder(Patches, PatchEncoder, encoder, decoder) compiled with SGD(0.5)/mse,
fit 1 epoch on 4 random 16x16x3 images: mask_token in patch_encoder.trainable_variables: False; patch_encoder.weights =
[projection kernel, projection bias, position embeddings], count_params() 1040 (the 48 mask-token values are not counted);
mask_token changed by fit: False, while the projection kernel changed: True. The forward pass reads the tf.Variable (the tape
above watches it) but the train_step's variable lists never contain it."""

import keras
import tensorflow as tf
from keras import layers

IMAGE_SIZE = 16
PATCH_SIZE = 4
NUM_PATCHES = (IMAGE_SIZE // PATCH_SIZE) ** 2
MASK_PROPORTION = 0.75
LAYER_NORM_EPS = 1e-6
ENC_PROJECTION_DIM = 16
DEC_PROJECTION_DIM = 8


class Patches(layers.Layer):
    def __init__(self, patch_size=PATCH_SIZE, **kwargs):
        super().__init__(**kwargs)
        self.patch_size = patch_size
        self.resize = layers.Reshape((-1, patch_size * patch_size * 3))

    def call(self, images):
        patches = tf.image.extract_patches(
            images=images,
            sizes=[1, self.patch_size, self.patch_size, 1],
            strides=[1, self.patch_size, self.patch_size, 1],
            rates=[1, 1, 1, 1],
            padding="VALID",
        )
        return self.resize(patches)


class PatchEncoder(layers.Layer):
    def __init__(
        self,
        patch_size=PATCH_SIZE,
        projection_dim=ENC_PROJECTION_DIM,
        mask_proportion=MASK_PROPORTION,
        downstream=False,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.patch_size = patch_size
        self.projection_dim = projection_dim
        self.mask_proportion = mask_proportion
        self.downstream = downstream

        # This is a trainable mask token initialized randomly from a normal
        # distribution.
        self.mask_token = tf.Variable(
            tf.random.normal([1, patch_size * patch_size * 3]), trainable=True
        )

    def build(self, input_shape):
        (_, self.num_patches, self.patch_area) = input_shape
        self.projection = layers.Dense(units=self.projection_dim)
        self.position_embedding = layers.Embedding(
            input_dim=self.num_patches, output_dim=self.projection_dim
        )
        self.num_mask = int(self.mask_proportion * self.num_patches)

    def call(self, patches):
        batch_size = tf.shape(patches)[0]
        positions = tf.range(start=0, limit=self.num_patches, delta=1)
        pos_embeddings = self.position_embedding(positions[tf.newaxis, ...])
        pos_embeddings = tf.tile(pos_embeddings, [batch_size, 1, 1])
        patch_embeddings = self.projection(patches) + pos_embeddings

        if self.downstream:
            return patch_embeddings
        else:
            mask_indices, unmask_indices = self.get_random_indices(batch_size)
            unmasked_embeddings = tf.gather(
                patch_embeddings, unmask_indices, axis=1, batch_dims=1
            )
            unmasked_positions = tf.gather(
                pos_embeddings, unmask_indices, axis=1, batch_dims=1
            )
            masked_positions = tf.gather(
                pos_embeddings, mask_indices, axis=1, batch_dims=1
            )
            # Repeat the mask token number of mask times.
            mask_tokens = tf.repeat(self.mask_token, repeats=self.num_mask, axis=0)
            mask_tokens = tf.repeat(
                mask_tokens[tf.newaxis, ...], repeats=batch_size, axis=0
            )
            masked_embeddings = self.projection(mask_tokens) + masked_positions
            return (
                unmasked_embeddings,
                masked_embeddings,
                unmasked_positions,
                mask_indices,
                unmask_indices,
            )

    def get_random_indices(self, batch_size):
        rand_indices = tf.argsort(
            tf.random.uniform(shape=(batch_size, self.num_patches)), axis=-1
        )
        mask_indices = rand_indices[:, : self.num_mask]
        unmask_indices = rand_indices[:, self.num_mask :]
        return mask_indices, unmask_indices


def create_encoder(num_heads=2):
    inputs = layers.Input((None, ENC_PROJECTION_DIM))
    x1 = layers.LayerNormalization(epsilon=LAYER_NORM_EPS)(inputs)
    attention_output = layers.MultiHeadAttention(num_heads=num_heads, key_dim=ENC_PROJECTION_DIM)(x1, x1)
    x2 = layers.Add()([attention_output, inputs])
    x3 = layers.LayerNormalization(epsilon=LAYER_NORM_EPS)(x2)
    x3 = layers.Dense(ENC_PROJECTION_DIM, activation=tf.nn.gelu)(x3)
    x = layers.Add()([x3, x2])
    outputs = layers.LayerNormalization(epsilon=LAYER_NORM_EPS)(x)
    return keras.Model(inputs, outputs, name="mae_encoder")


def create_decoder(image_size=IMAGE_SIZE):
    inputs = layers.Input((NUM_PATCHES, ENC_PROJECTION_DIM))
    x = layers.Dense(DEC_PROJECTION_DIM)(inputs)
    x = layers.LayerNormalization(epsilon=LAYER_NORM_EPS)(x)
    x = layers.Flatten()(x)
    pre_final = layers.Dense(units=image_size * image_size * 3, activation="sigmoid")(x)
    outputs = layers.Reshape((image_size, image_size, 3))(pre_final)
    return keras.Model(inputs, outputs, name="mae_decoder")


class MaskedAutoencoder(keras.Model):
    def __init__(self, patch_layer, patch_encoder, encoder, decoder, **kwargs):
        super().__init__(**kwargs)
        self.patch_layer = patch_layer
        self.patch_encoder = patch_encoder
        self.encoder = encoder
        self.decoder = decoder

    def calculate_loss(self, images, test=False):
        patches = self.patch_layer(images)
        (
            unmasked_embeddings,
            masked_embeddings,
            unmasked_positions,
            mask_indices,
            unmask_indices,
        ) = self.patch_encoder(patches)
        encoder_outputs = self.encoder(unmasked_embeddings)
        encoder_outputs = encoder_outputs + unmasked_positions
        decoder_inputs = tf.concat([encoder_outputs, masked_embeddings], axis=1)
        decoder_outputs = self.decoder(decoder_inputs)
        decoder_patches = self.patch_layer(decoder_outputs)

        loss_patch = tf.gather(patches, mask_indices, axis=1, batch_dims=1)
        loss_output = tf.gather(decoder_patches, mask_indices, axis=1, batch_dims=1)
        total_loss = self.compute_loss(y=loss_patch, y_pred=loss_output)
        return total_loss, loss_patch, loss_output

    def train_step(self, images):
        with tf.GradientTape() as tape:
            total_loss, loss_patch, loss_output = self.calculate_loss(images)

        # Apply gradients.
        train_vars = [
            self.patch_layer.trainable_variables,
            self.patch_encoder.trainable_variables,
            self.encoder.trainable_variables,
            self.decoder.trainable_variables,
        ]
        grads = tape.gradient(total_loss, train_vars)
        tv_list = []
        for (grad, var) in zip(grads, train_vars):
            for g, v in zip(grad, var):
                tv_list.append((g, v))
        self.optimizer.apply_gradients(tv_list)
        return {"loss": total_loss}


def build_model():
    patch_layer = Patches()
    patch_encoder = PatchEncoder()
    images = layers.Input((IMAGE_SIZE, IMAGE_SIZE, 3))
    patches = patch_layer(images)
    unmasked_embeddings, masked_embeddings, unmasked_positions, _, _ = patch_encoder(patches)
    return keras.Model(images, [unmasked_embeddings, masked_embeddings, unmasked_positions])
