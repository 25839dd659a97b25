"""A hybrid ResNet50 + ViT classifier whose `ClassToken` layer creates the learnable [CLS] embedding
with `tf.Variable(...)` in `build()`; the position embeddings come from an `Embedding` called on a
concrete `tf.range(num_patches)` while the functional graph is wired.

From nikhilroxtomar/Vision-Transformer-with-ResNet50-in-TensorFlow (`resnet50-vit.py`, the same
`ClassToken` as the author's ViT tutorial and copied into many projects). On Keras 3 a raw
`tf.Variable` set on a layer is not tracked: the class token is not a weight of the model, is not
trained and is not saved. The `Embedding(...)(positions)` call runs eagerly on a concrete tensor
while the model is wired: its output enters the graph as a constant, so the position-embedding
table is not a weight of the model either (the layer is nowhere in `model.layers`).

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); `ResNet50(weights="imagenet")`
-> `weights=None` (no download); `image_size` 512 -> 64, `num_layers` 12 -> 2, `hidden_dim`
768 -> 16, `mlp_dim` 3072 -> 64, `num_heads` 12 -> 2, so that the model builds on CPU (it still has 57M parameters, mostly the
author's 32x32 patch conv on 2048 channels and ResNet50; about 30 s to measure)
(ResNet50 output 2x2x2048, patch_size 32 -> 4 patches, as in the author's formula).
"""

SOURCE = "https://github.com/nikhilroxtomar/Vision-Transformer-with-ResNet50-in-TensorFlow/blob/180b41680afd2a4e1400dbe75abfa61d01acdd7a/resnet50-vit.py"
CODES = ("LD003", "LD011")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout20/_measure.py tests/heldout20/c_resnet50vit_class_token_tf_variable_in_build.py:
as returned: Functional, count_params() = 57151066, 356 weights, unbuilt: none
after call: count_params() = 57151066, 250 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 250 trainable weights: []
tape watched 1 variables the model does not track: ['class_token/Variable:0']
params of the case's own layers: {'class_token': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine20a/vitprobe.py): no Embedding layer in model.layers (the position table is a
constant folded into the graph); ClassToken has 0 weights; one fit step (SGD) leaves the class token
unchanged; save_weights() writes an empty 'layers/class_token/vars' group and no embedding entry."""

import tensorflow as tf
import keras
from keras.layers import (Layer, Dense, Dropout, LayerNormalization, MultiHeadAttention, Add,
                          Input, Conv2D, Reshape, Embedding, Concatenate)
from keras.models import Model
from keras.applications import ResNet50


class ClassToken(Layer):
    def __init__(self,):
        super().__init__()

    def build(self, input_shape):
        w_init = tf.random_normal_initializer()
        self.w = tf.Variable(
            initial_value=w_init(shape=(1, 1, input_shape[-1]), dtype="float32"),
            trainable=True
        )

    def call(self, inputs):
        batch_size = tf.shape(inputs)[0]
        hidden_dim = self.w.shape[-1]

        cls = tf.broadcast_to(self.w, [batch_size, 1, hidden_dim])
        cls = tf.cast(cls, dtype=inputs.dtype)

        return cls


def mlp(x, cf):
    x = Dense(cf["mlp_dim"], activation="gelu")(x)
    x = Dropout(cf["dropout_rate"])(x)
    x = Dense(cf["hidden_dim"])(x)
    x = Dropout(cf["dropout_rate"])(x)
    return x


def transformer_encoder(x, cf):
    skip_1 = x
    x = LayerNormalization()(x)
    x = MultiHeadAttention(
        num_heads=cf["num_heads"], key_dim=cf["hidden_dim"]
    )(x, x)
    x = Add()([x, skip_1])

    skip_2 = x
    x = LayerNormalization()(x)
    x = mlp(x, cf)
    x = Add()([x, skip_2])

    return x


def ResNet50ViT(cf):
    """ Input """
    inputs = Input((cf["image_size"], cf["image_size"], cf["num_channels"]))

    """ Pre-trained Resnet50 """
    resnet50 = ResNet50(include_top=False, weights=None, input_tensor=inputs)
    output = resnet50.output

    """ Patch Embeddings """
    patch_embed = Conv2D(
        cf["hidden_dim"],
        kernel_size=cf["patch_size"],
        padding="same"
    )(output)
    _, h, w, f = patch_embed.shape
    patch_embed = Reshape((h*w, f))(patch_embed)

    """ Position Embeddings """
    positions = tf.range(start=0, limit=cf["num_patches"], delta=1)
    pos_embed = Embedding(input_dim=cf["num_patches"], output_dim=cf["hidden_dim"])(positions)

    """ Patch + Position Embeddings """
    embed = patch_embed + pos_embed

    """ Adding Class Token """
    token = ClassToken()(embed)
    x = Concatenate(axis=1)([token, embed])

    """ Transformer Encoder """
    for _ in range(cf["num_layers"]):
        x = transformer_encoder(x, cf)

    x = LayerNormalization()(x)
    x = x[:, 0, :]
    x = Dense(cf["num_classes"], activation="softmax")(x)

    model = Model(inputs, x)
    return model


def build_model():
    config = {}
    config["num_layers"] = 2
    config["hidden_dim"] = 16
    config["mlp_dim"] = 64
    config["num_heads"] = 2
    config["dropout_rate"] = 0.1

    config["image_size"] = 64
    config["patch_size"] = 32
    config["num_patches"] = int(config["image_size"]**2 / config["patch_size"]**2)
    config["num_channels"] = 3
    config["num_classes"] = 10
    return ResNet50ViT(config)
