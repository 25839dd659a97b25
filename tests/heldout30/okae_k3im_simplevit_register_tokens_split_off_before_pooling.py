"""k3im's SimpleViT with register tokens: a `RegisterTokens` layer makes its learnable tokens with
`add_weight` in `__init__` (no `build()`), concatenates them after the patches, and the model splits
them off again with `ops.split` before the average pooling; the 2-D sin-cos position table is a plain
constant added to the patches.

From anas-rz/k3im (`k3im/simple_vit_with_register_tokens.py`, a Keras 3 port of lucidrains'
vit-pytorch). Looks like the "register tokens dropped before the head get no gradient" and the
"position table stored as a raw tensor" traps, but on Keras 3 `add_weight` in `__init__` creates a
tracked variable, the registers reach the output through every self-attention layer (they are keys
and values of the patch tokens) so they get a gradient although their own rows are discarded, and
the sin-cos table is a fixed encoding by design (no weight is meant there).

Porting edits: none in the layers and the builder; `build_model()` calls `SimpleViT_RT` with
`image_size` 16, `patch_size` 4, `dim` 16, `depth` 1, `heads` 2, `dim_head` 8, `mlp_dim` 32,
`num_register_tokens` 2, 10 classes (the author's README uses 224/16/1024/6/16).
"""

SOURCE = "https://github.com/anas-rz/k3im/blob/633025993f7c6636e7df7fe98c96fba0bab9c6c5/k3im/simple_vit_with_register_tokens.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/okae_k3im_simplevit_register_tokens_split_off_before_pooling.py:
as returned: Functional, count_params() = 3338, 25 weights, unbuilt: none
after call: count_params() = 3338, 25 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 25 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'register_tokens': 32}
second call: 0 variables watched that the first call did not use
register_tokens (1x2x16 = 32) is a trainable weight with a non-None gradient although its rows are split off before pooling."""

import keras
from keras import layers
from keras import ops


def FeedForward(dim, hidden_dim, dropout=0.0):
    return keras.Sequential(
        [
            layers.LayerNormalization(),
            layers.Dense(hidden_dim, activation="gelu"),
            layers.Dropout(dropout),
            layers.Dense(dim),
            layers.Dropout(dropout),
        ]
    )


class RegisterTokens(layers.Layer):
    def __init__(self, num_register_tokens, dim):
        super().__init__()
        self.register_tokens = self.add_weight(
            [1, num_register_tokens, dim],
            initializer="random_normal",
            dtype="float32",
            trainable=True,
        )

    def call(self, x):
        b = ops.shape(x)[0]
        tokens = ops.repeat(self.register_tokens, b, axis=0)
        patches = ops.concatenate([x, tokens], axis=1)
        return patches


def pair(t):
    return t if isinstance(t, tuple) else (t, t)


def posemb_sincos_2d(h, w, dim, temperature: int = 10000, dtype="float32"):
    y, x = ops.meshgrid(ops.arange(h), ops.arange(w), indexing="xy")

    assert (dim % 4) == 0, "feature dimension must be multiple of 4 for sincos emb"
    omega = ops.arange(dim // 4) / (dim // 4 - 1)
    omega = 1.0 / (temperature**omega)
    x = ops.cast(x, dtype)
    y = ops.cast(y, dtype)
    omega = ops.cast(omega, dtype)
    y = ops.expand_dims(ops.reshape(y, [-1]), 1) * ops.expand_dims(omega, 0)
    x = ops.expand_dims(ops.reshape(x, [-1]), 1) * ops.expand_dims(omega, 0)
    pe = ops.concatenate((ops.sin(x), ops.cos(x), ops.sin(y), ops.cos(y)), 1)
    return ops.cast(pe, dtype)


def Transformer(dim, depth, heads, dim_head, mlp_dim):
    def _apply(x):
        for _ in range(depth):
            x += layers.MultiHeadAttention(heads, dim_head)(x, x)
            x += FeedForward(dim, mlp_dim)(x)
        return layers.LayerNormalization(epsilon=1e-6)(x)

    return _apply


def SimpleViT_RT(
    image_size,
    patch_size,
    num_classes,
    dim,
    depth,
    heads,
    mlp_dim,
    num_register_tokens=4,
    channels=3,
    dim_head=64,
    aug=None,
):
    image_height, image_width = pair(image_size)
    patch_height, patch_width = pair(patch_size)

    assert (
        image_height % patch_height == 0 and image_width % patch_width == 0
    ), "Image dimensions must be divisible by the patch size."

    patch_dim = channels * patch_height * patch_width

    i_p = layers.Input((image_height, image_width, channels))
    if aug is not None:
        img = aug(i_p)
    else:
        img = i_p
    patches = ops.image.extract_patches(img, (patch_height, patch_width))
    patches = layers.Reshape((-1, patch_dim))(patches)
    patches = layers.LayerNormalization()(patches)
    patches = layers.Dense(dim)(patches)
    patches = layers.LayerNormalization()(patches)
    pos_embedding = posemb_sincos_2d(
        h=image_height // patch_height,
        w=image_width // patch_width,
        dim=dim,
    )
    patches += pos_embedding

    transformer = Transformer(dim, depth, heads, dim_head, mlp_dim)
    n = ops.shape(patches)[1]
    patches = RegisterTokens(num_register_tokens, dim)(patches)
    patches = transformer(patches)
    if num_classes is None:
        return keras.Model(inputs=i_p, outputs=patches)
    patches, _ = ops.split(patches, [n], axis=1)
    patches = layers.GlobalAveragePooling1D(name="avg_pool")(patches)

    o_p = layers.Dense(num_classes)(patches)

    return keras.Model(inputs=i_p, outputs=o_p)


def build_model():
    return SimpleViT_RT(
        image_size=16, patch_size=4, num_classes=10, dim=16, depth=1, heads=2,
        mlp_dim=32, num_register_tokens=2, dim_head=8,
    )
