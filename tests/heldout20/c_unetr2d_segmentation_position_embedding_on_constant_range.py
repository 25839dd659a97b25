"""A 2-D UNETR (ViT encoder + CNN decoder) for multiclass face-part segmentation whose position
embeddings come from `L.Embedding(...)` called on a concrete `tf.range(num_patches)` while the
functional model is wired.

From nikhilroxtomar/Multiclass-Image-Segmentation-using-UNETR-in-TensorFlow (`unetr_2d.py`). The
`Embedding` call runs eagerly (its input is a plain tensor, not a Keras tensor), so the looked-up
table enters the graph as a constant through `patch_embed + pos_embed`: the Embedding layer is not
part of the model, its `num_patches x hidden_dim` table is not counted, never trained and not saved.
The rest of the UNETR (12 transformer blocks in the original, the four skip reshapes, the
deconvolution decoder) is wired correctly.

Porting edits: `tensorflow.keras.layers as L` -> `keras.layers as L` (the ops stay `tf.*`);
`image_size` 256 -> 64, `num_layers` 12 -> 4 with `skip_connection_index` [1, 2, 3, 4] (the author's
[3, 6, 9, 12] for 12 layers), `hidden_dim` 64 -> 16, `mlp_dim` 128 -> 32, `num_heads` 6 -> 2,
`patch_size` 16 (16 patches), 11 classes as in the repository.
"""

SOURCE = "https://github.com/nikhilroxtomar/Multiclass-Image-Segmentation-using-UNETR-in-TensorFlow/blob/f4a635e5bde9f08d47e6bdd86c0d49bbeb7f5b3f/unetr_2d.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout20/_measure.py tests/heldout20/c_unetr2d_segmentation_position_embedding_on_constant_range.py:
as returned: Functional, count_params() = 959787, 184 weights, unbuilt: none
after call: count_params() = 959787, 152 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 152 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own check: no Embedding layer in model.layers; the 16x16 = 256-value position table is missing from
count_params() and the tape never sees it (its lookup is a constant in the graph)."""

from math import log2
import tensorflow as tf
import keras.layers as L
from keras.models import Model


def mlp(x, cf):
    x = L.Dense(cf["mlp_dim"], activation="gelu")(x)
    x = L.Dropout(cf["dropout_rate"])(x)
    x = L.Dense(cf["hidden_dim"])(x)
    x = L.Dropout(cf["dropout_rate"])(x)
    return x


def transformer_encoder(x, cf):
    skip_1 = x
    x = L.LayerNormalization()(x)
    x = L.MultiHeadAttention(
        num_heads=cf["num_heads"], key_dim=cf["hidden_dim"]
    )(x, x)
    x = L.Add()([x, skip_1])

    skip_2 = x
    x = L.LayerNormalization()(x)
    x = mlp(x, cf)
    x = L.Add()([x, skip_2])

    return x


def conv_block(x, num_filters, kernel_size=3):
    x = L.Conv2D(num_filters, kernel_size=kernel_size, padding="same")(x)
    x = L.BatchNormalization()(x)
    x = L.ReLU()(x)
    return x


def deconv_block(x, num_filters, strides=2):
    x = L.Conv2DTranspose(num_filters, kernel_size=2, padding="same", strides=strides)(x)
    return x


def build_unetr_2d(cf, skip_connection_index=(3, 6, 9, 12)):
    """ Inputs """
    input_shape = (cf["num_patches"], cf["patch_size"]*cf["patch_size"]*cf["num_channels"])
    inputs = L.Input(input_shape)

    """ Patch + Position Embeddings """
    patch_embed = L.Dense(cf["hidden_dim"])(inputs)

    positions = tf.range(start=0, limit=cf["num_patches"], delta=1)
    pos_embed = L.Embedding(input_dim=cf["num_patches"], output_dim=cf["hidden_dim"])(positions)
    x = patch_embed + pos_embed

    """ Transformer Encoder """
    skip_connections = []

    for i in range(1, cf["num_layers"]+1, 1):
        x = transformer_encoder(x, cf)

        if i in skip_connection_index:
            skip_connections.append(x)

    """ CNN Decoder """
    z3, z6, z9, z12 = skip_connections

    ## Reshaping
    z0 = L.Reshape((cf["image_size"], cf["image_size"], cf["num_channels"]))(inputs)

    shape = (
        cf["image_size"]//cf["patch_size"],
        cf["image_size"]//cf["patch_size"],
        cf["hidden_dim"]
    )
    z3 = L.Reshape(shape)(z3)
    z6 = L.Reshape(shape)(z6)
    z9 = L.Reshape(shape)(z9)
    z12 = L.Reshape(shape)(z12)

    ## Additional layers for managing different patch sizes
    total_upscale_factor = int(log2(cf["patch_size"]))
    upscale = total_upscale_factor - 4

    if upscale >= 1: ## Patch size 16 or greater
        z3 = deconv_block(z3, z3.shape[-1], strides=2**upscale)
        z6 = deconv_block(z6, z6.shape[-1], strides=2**upscale)
        z9 = deconv_block(z9, z9.shape[-1], strides=2**upscale)
        z12 = deconv_block(z12, z12.shape[-1], strides=2**upscale)

    if upscale < 0: ## Patch size less than 16
        p = 2**abs(upscale)
        z3 = L.MaxPool2D((p, p))(z3)
        z6 = L.MaxPool2D((p, p))(z6)
        z9 = L.MaxPool2D((p, p))(z9)
        z12 = L.MaxPool2D((p, p))(z12)

    ## Decoder 1
    x = deconv_block(z12, 128)

    s = deconv_block(z9, 128)
    s = conv_block(s, 128)

    x = L.Concatenate()([x, s])

    x = conv_block(x, 128)
    x = conv_block(x, 128)

    ## Decoder 2
    x = deconv_block(x, 64)

    s = deconv_block(z6, 64)
    s = conv_block(s, 64)
    s = deconv_block(s, 64)
    s = conv_block(s, 64)

    x = L.Concatenate()([x, s])
    x = conv_block(x, 64)
    x = conv_block(x, 64)

    ## Decoder 3
    x = deconv_block(x, 32)

    s = deconv_block(z3, 32)
    s = conv_block(s, 32)
    s = deconv_block(s, 32)
    s = conv_block(s, 32)
    s = deconv_block(s, 32)
    s = conv_block(s, 32)

    x = L.Concatenate()([x, s])
    x = conv_block(x, 32)
    x = conv_block(x, 32)

    ## Decoder 4
    x = deconv_block(x, 16)

    s = conv_block(z0, 16)
    s = conv_block(s, 16)

    x = L.Concatenate()([x, s])
    x = conv_block(x, 16)
    x = conv_block(x, 16)

    """ Output """
    outputs = L.Conv2D(cf["num_classes"], kernel_size=1, padding="same", activation="sigmoid")(x)

    return Model(inputs, outputs, name="UNETR_2D")


def build_model():
    config = {}
    config["image_size"] = 64
    config["num_classes"] = 11
    config["num_layers"] = 4
    config["hidden_dim"] = 16
    config["mlp_dim"] = 32
    config["num_heads"] = 2
    config["dropout_rate"] = 0.1
    config["patch_size"] = 16
    config["num_patches"] = (config["image_size"]**2)//(config["patch_size"]**2)
    config["num_channels"] = 3
    return build_unetr_2d(config, skip_connection_index=(1, 2, 3, 4))
