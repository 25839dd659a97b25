"""SigLIP backbone (keras-hub): scalar logit_scale/logit_bias weights, layers set before the
functional super().__init__(), and a compute_loss() that calls the model again.

Looks like several bugs at once: the backbone assigns `self.vision_encoder`,
`self.text_encoder` and `self.siglip_head` before `super().__init__()`; the head's only
weights are two shape-() scalars made in build() and read through `ops.exp(...)`; and
`compute_loss()` ignores `y_pred`, re-runs `self(x)` and builds its own targets from the
batch size. On Keras 3 all of it is right: the functional model tracks the three sublayers,
and one fit step moves both scalars and every encoder weight.

Porting edits: tiny vision encoder (Conv2D + pooling + Dense) and text encoder (Embedding +
mean pooling + Dense) instead of the ViT/transformer encoders; SigLIPHead, SigLIPLoss,
the backbone's __init__ and compute_loss follow keras-hub.
"""

SOURCE = "https://github.com/keras-team/keras-hub/blob/master/keras_hub/src/models/siglip/siglip_backbone.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
python tests/heldout19/_measure.py tests/heldout19/okb_kerashub_siglip_head_scalar_logits_compute_loss.py
  as returned: SigLIPBackbone, count_params() = 280, 9 weights, unbuilt: none
  after call: count_params() = 280, 9 trainable weights, unbuilt: none; output dtypes ['float32']
  gradient None for 0 of 9 trainable weights: []
  tape watched 0 variables the model does not track: []
  params of the case's own layers: {'siglip_head': 2}
  (the probe feeds a list to a dict-input model: a structure UserWarning, no effect on weights)
/tmp/mine19b/m_siglip.py (model.fit(x, None), one step of 4 image/text pairs, compute_loss path):
  count_params 280 trainable 9; changed 9 of 9; no warnings
  {'siglip_head/logit_scale': -0.0009995, 'siglip_head/logit_bias': -0.0009999}"""

import math

import keras
from keras import initializers, layers, ops


class SigLIPHead(layers.Layer):
    def build(self, input_shape):
        self.logit_scale = self.add_weight(
            shape=(),
            initializer=initializers.Constant(math.log(1.0)),
            trainable=True,
            dtype=self.variable_dtype,
            name="logit_scale",
        )
        self.logit_bias = self.add_weight(
            shape=(),
            initializer=initializers.Zeros(),
            trainable=True,
            dtype=self.variable_dtype,
            name="logit_bias",
        )

    def call(self, vision_embedding, text_embedding):
        normalized_vision_embedding = ops.sqrt(
            ops.sum(ops.power(vision_embedding, 2), axis=-1, keepdims=True)
        )
        normalized_text_embedding = ops.sqrt(
            ops.sum(ops.power(text_embedding, 2), axis=-1, keepdims=True)
        )
        vision_embedding = ops.divide(vision_embedding, normalized_vision_embedding)
        text_embedding = ops.divide(text_embedding, normalized_text_embedding)
        text_logits = ops.add(
            ops.multiply(
                ops.matmul(text_embedding, ops.transpose(vision_embedding)),
                ops.exp(self.logit_scale),
            ),
            self.logit_bias,
        )
        vision_logits = ops.transpose(text_logits)
        return vision_logits, text_logits

    def compute_output_shape(self, vision_embedding_shape, text_embedding_shape):
        return (
            (vision_embedding_shape[0], text_embedding_shape[0]),
            (text_embedding_shape[0], vision_embedding_shape[0]),
        )


class SigLIPLoss(keras.losses.Loss):
    def call(self, y_true, y_pred):
        y_pred = ops.convert_to_tensor(y_pred)
        y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
        loglike = ops.nn.log_sigmoid(y_true * y_pred)
        return -ops.sum(loglike, axis=-1)


def make_vision_encoder(image_shape=(8, 8, 3), dim=6):
    images = keras.Input(shape=image_shape)
    x = layers.Conv2D(4, 3, padding="same")(images)
    x = layers.GlobalAveragePooling2D()(x)
    model = keras.Model(images, layers.Dense(dim)(x), name="vision_encoder")
    model.image_shape = image_shape
    return model


def make_text_encoder(vocab=20, dim=6):
    token_ids = keras.Input(shape=(None,), dtype="int32")
    x = layers.Embedding(vocab, 5)(token_ids)
    x = layers.GlobalAveragePooling1D()(x)
    return keras.Model(token_ids, layers.Dense(dim)(x), name="text_encoder")


class SigLIPBackbone(keras.Model):
    def __init__(self, vision_encoder, text_encoder, dtype=None, **kwargs):
        # === Layers ===
        self.vision_encoder = vision_encoder
        self.text_encoder = text_encoder
        self.siglip_head = SigLIPHead(dtype=dtype, name="siglip_head")

        # === Functional Model ===
        image_input = layers.Input(shape=self.vision_encoder.image_shape, name="images")
        token_id_input = layers.Input(shape=(None,), dtype="int32", name="token_ids")
        vision_embeddings = self.get_vision_embeddings(image_input)
        text_embeddings = self.get_text_embeddings(token_id_input)
        vision_logits, text_logits = self.siglip_head(vision_embeddings, text_embeddings)

        super().__init__(
            inputs={"images": image_input, "token_ids": token_id_input},
            outputs={"vision_logits": vision_logits, "text_logits": text_logits},
            dtype=dtype,
            **kwargs,
        )

    def compute_loss(self, x, y=None, y_pred=None, sample_weight=None, **kwargs):
        outputs = self(x)
        text_logits = outputs["text_logits"]
        batch_size = ops.shape(text_logits)[0]
        eye = ops.eye(batch_size, dtype=text_logits.dtype)
        m1_diag1 = -ops.ones_like(text_logits) + 2 * eye
        return super().compute_loss(
            x=x, y=m1_diag1, y_pred=text_logits, sample_weight=sample_weight, **kwargs
        )

    def compile(self, optimizer="auto", loss="auto", metrics=None, **kwargs):
        if optimizer == "auto":
            optimizer = keras.optimizers.AdamW(1e-3, weight_decay=1e-4)
        if loss == "auto":
            loss = SigLIPLoss()
        super().compile(optimizer=optimizer, loss=loss, metrics=metrics, **kwargs)

    def get_vision_embeddings(self, images):
        return self.vision_encoder(images)

    def get_text_embeddings(self, token_ids):
        return self.text_encoder(token_ids)


def build_model():
    model = SigLIPBackbone(make_vision_encoder(), make_text_encoder())
    model.compile()
    return model
