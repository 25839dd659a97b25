"""CLIP ported to TF2 as a keras.Model: token/positional embeddings, text projection and the
learnable temperature `logit_scale` are plain tf.Variables on the model.

CLIP-tf2 (RobertBiehl) loads OpenAI weights into a subclassed `keras.Model` whose text-side
parameters are `tf.Variable(...)` attributes, the learned temperature included. On Keras 3
a keras.Model does not track backend-native variables: the four are absent from
`model.weights` and `model.trainable_variables`, so fine-tuning never updates them (the
temperature stays at log(1/0.07)), `count_params()` leaves them out and saving drops them.

Porting edits: tiny Dense image encoder and a one-block Dense "transformer" instead of
ModifiedResNet/VisualTransformer/Transformer; LayerNorm -> keras LayerNormalization; the
`@tf.function(input_signature=...)` decorator on call() dropped. The constructor's
tf.Variables, encode_text() and call() are the repository's.
"""

SOURCE = "https://github.com/RobertBiehl/CLIP-tf2/blob/208afa71c8ca8196f4a1bb2c52fda27f55e9f3a0/clip_tf/model/clip.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
python tests/heldout19/_measure.py tests/heldout19/b_clip_tf2_logit_scale_and_text_params_tf_variables.py
  as returned: CLIP, count_params() = 3350, 10 weights, unbuilt: none   (Dense/LayerNorm weights only)
  after call: count_params() = 3350, 10 trainable weights, unbuilt: none; output dtypes ['float32']
  gradient None for 0 of 10 trainable weights: []
  tape watched 4 variables the model does not track: ['token_embedding:0', 'positional_embedding:0',
  'text_projection:0', 'logit_scale:0']
/tmp/mine19b/m_clip.py:
  weights 10, count_params 3350, logit_scale tracked False, token_embedding tracked False
  one SGD(0.5) step over model.trainable_variables on the contrastive loss: trainable_variables 10,
  logit_scale 2.65926 -> 2.65926, text_projection changed False
  (a tape asked directly does give logit_scale a gradient: the variable is used, only untracked)
token_embedding (160), positional_embedding (40), text_projection (48) and logit_scale (1) are never trained."""

from typing import Tuple

import numpy as np
import tensorflow as tf
from tensorflow import keras


class CLIP(keras.Model):
    def __init__(self, embed_dim=6, image_resolution=8, context_length=5, vocab_size=20,
                 transformer_width=8):
        super().__init__()

        self.image_resolution = image_resolution
        self.context_length = context_length

        self.visual = keras.Sequential(
            [keras.layers.Flatten(), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(embed_dim)],
            name="visual",
        )
        self.transformer = keras.Sequential(
            [keras.layers.Dense(transformer_width, activation="gelu"), keras.layers.Dense(transformer_width)],
            name="transformer",
        )

        self.vocab_size = vocab_size
        self.token_embedding = tf.Variable(tf.zeros((vocab_size, transformer_width)), name="token_embedding")
        self.positional_embedding = tf.Variable(tf.zeros((self.context_length, transformer_width)), name="positional_embedding")
        self.ln_final = keras.layers.LayerNormalization(name="ln_final")

        self.text_projection = tf.Variable(tf.zeros((transformer_width, embed_dim)), name="text_projection")
        self.logit_scale = tf.Variable(np.ones([]) * np.log(1 / 0.07), dtype=tf.float32, name="logit_scale")

    def encode_image(self, image):
        return self.visual(image)

    def encode_text(self, text):
        x = tf.nn.embedding_lookup(self.token_embedding, text)
        x = x + self.positional_embedding
        x = self.transformer(x)
        x = self.ln_final(x)

        x_shape = tf.shape(x)
        eot_token = tf.argmax(text, axis=-1)
        idx = tf.transpose(tf.stack((tf.range(0, x_shape[0], dtype=tf.int64), eot_token), axis=0, name='take_features_idx'))
        x = tf.gather_nd(x, idx) @ self.text_projection
        return x

    def call(self, input: Tuple[tf.Tensor, tf.Tensor]):
        image, text = input
        image_features = self.encode_image(image)

        text = tf.squeeze(text, axis=0)
        text_features = self.encode_text(text)

        image_features = image_features / tf.norm(image_features, axis=-1, keepdims=True)
        text_features = text_features / tf.norm(text_features, axis=-1, keepdims=True)

        logit_scale = tf.exp(self.logit_scale)
        logits_per_image = logit_scale * image_features @ tf.transpose(text_features)
        logits_per_text = logit_scale * text_features @ tf.transpose(image_features)
        return logits_per_image, logits_per_text


def build_model():
    model = CLIP()
    # initialize_parameters() in the repository: random normal text parameters
    model.token_embedding.assign(tf.random.normal(model.token_embedding.shape, stddev=0.02))
    model.positional_embedding.assign(tf.random.normal(model.positional_embedding.shape, stddev=0.01))
    model.text_projection.assign(tf.random.normal(model.text_projection.shape, stddev=8 ** -0.5))
    image = tf.random.uniform((2, 8, 8, 3))
    text = tf.constant([[[1, 4, 7, 19, 0], [2, 5, 19, 0, 0]]], dtype=tf.int64)
    model((image, text))
    return model, (image, text)
