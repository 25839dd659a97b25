"""keras-cv CLIP (Keras 3): the learnable temperature is a keras.Variable made in the model's
__init__, and call() stores the normalised embeddings on self.

Looks like the CLIP-tf2 bug (a temperature variable assigned to a keras.Model instead of
made with add_weight) plus state written to `self` inside `call()`. On Keras 3 it is right:
a `keras.Variable` assigned to a layer/model attribute is tracked, so `logit_scale` is in
`model.trainable_weights`, is counted, and one training step moves it with every encoder
weight; `self.image_embeddings = ...` stores plain tensors, which create no state.

Porting edits: CLIPImageEncoder/CLIPTextEncoder replaced by tiny Dense/Embedding encoders
with the same call signatures; the CLIP constructor (logit_scale, *_embeddings = None) and
call() are keras-cv's.
"""

SOURCE = ("https://github.com/keras-team/keras-cv/blob/3aa5c6c03a778ccb427d2dbafb9819f81d49d214/"
          "keras_cv/models/feature_extractor/clip/clip_model.py")
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
python tests/heldout19/_measure.py tests/heldout19/okb_kerascv_clip_logit_scale_keras_variable.py
  as returned: CLIP, count_params() = 1367, 5 weights, unbuilt: none
/tmp/mine19b/m_kcvclip.py:
  weights 5, count_params 1367, logit_scale tracked True
  one tf.function SGD step on the contrastive loss over model.trainable_weights:
  None grads 0, changed 5 of 5 (logit_scale included)"""

import keras
from keras import ops


class CLIPImageEncoder(keras.Model):
    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.flatten = keras.layers.Flatten()
        self.proj = keras.layers.Dense(output_dim)

    def call(self, image):
        return self.proj(self.flatten(image))


class CLIPTextEncoder(keras.Model):
    def __init__(self, vocab_size, transformer_width, embed_dim, **kwargs):
        super().__init__(**kwargs)
        self.token_embedding = keras.layers.Embedding(vocab_size, transformer_width)
        self.pool = keras.layers.GlobalAveragePooling1D()
        self.text_projection = keras.layers.Dense(embed_dim, use_bias=False)

    def call(self, text):
        return self.text_projection(self.pool(self.token_embedding(text)))


class CLIP(keras.Model):
    def __init__(self, embed_dim=6, context_length=5, vocab_size=20, transformer_width=8, **kwargs):
        super().__init__(**kwargs)

        self.context_length = context_length
        self.image_encoder = CLIPImageEncoder(output_dim=embed_dim, name="image_encoder")
        self.text_encoder = CLIPTextEncoder(
            vocab_size=vocab_size, transformer_width=transformer_width,
            embed_dim=embed_dim, name="text_encoder",
        )

        self.logit_scale = keras.Variable(
            ops.ones([]) * ops.log(1 / 0.07), name="logit_scale"
        )
        self.image_embeddings = None
        self.text_embeddings = None

    def encode_images(self, image):
        return self.image_encoder(image)

    def encode_text(self, text):
        return self.text_encoder(text)

    def call(self, image, text):
        self.image_embeddings = self.encode_images(image)
        self.text_embeddings = self.encode_text(text)
        normalize_image_features = keras.ops.sqrt(
            keras.ops.sum(keras.ops.power(self.image_embeddings, 2), keepdims=True)
        )
        normalize_text_features = keras.ops.sqrt(
            keras.ops.sum(keras.ops.power(self.text_embeddings, 2), keepdims=True)
        )
        self.image_embeddings = self.image_embeddings / normalize_image_features
        self.text_embeddings = self.text_embeddings / normalize_text_features
        logit_scale = ops.exp(self.logit_scale)
        logits_per_image = (
            ops.matmul(self.image_embeddings, ops.transpose(self.text_embeddings)) * logit_scale
        )
        logits_per_text = ops.transpose(logits_per_image)
        return logits_per_image, logits_per_text


def build_model():
    model = CLIP()
    image = keras.random.uniform((2, 8, 8, 3))
    text = ops.convert_to_tensor([[1, 4, 7, 19, 0], [2, 5, 19, 0, 0]], dtype="int32")
    model(image, text)
    return model
