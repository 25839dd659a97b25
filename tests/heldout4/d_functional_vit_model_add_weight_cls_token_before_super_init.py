"""A ViT `keras.Model` subclass wires its functional graph in `__init__` and calls `self.add_weight` for the CLS token before `super().__init__(inputs, outputs)`.

In a Keras 3 research library, `DINOv1(keras.Model).__init__` stores its settings, creates
`keras.Input`, and runs `_build_model(inputs)`, which assigns sub-layers to `self`, and — for the
CLS token — calls `self.add_weight(shape=(1, 1, embed_dim))`, tiles it over the batch and
concatenates it to the patch tokens; only then does it call
`super().__init__(inputs=inputs, outputs=outputs)`. The fixing commit notes that `add_weight`
"must not fire before super().__init__ in a Functional model" and moves the token into a
sub-layer. Rewritten (small) with a patch embedding and one attention block.
"""

SOURCE = "https://github.com/NikolasMarkou/dl_techniques/commit/9f1cd8285d8a3bdd819bde077379da81a46edde5"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py d_functional_vit_model_add_weight_cls_token_before_super_init.py:
build_model() raised RuntimeError: In layer 'TinyDINO', you forgot to call `super().__init__()` as the first statement in the `__init__()` method. Go add it!"""

import keras


class TinyDINO(keras.Model):
    def __init__(self, image_size=16, patch_size=4, embed_dim=16, num_heads=2, num_classes=3, **kwargs):
        self.embed_dim = embed_dim
        self.num_heads = num_heads
        self.num_classes = num_classes
        self.patch_size = patch_size
        inputs = keras.Input(shape=(image_size, image_size, 3))
        outputs = self._build_model(inputs)
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)

    def _build_model(self, inputs):
        self.patch_embed = keras.layers.Conv2D(self.embed_dim, self.patch_size, strides=self.patch_size)
        x = keras.layers.Reshape((-1, self.embed_dim))(self.patch_embed(inputs))
        batch_size = keras.ops.shape(x)[0]
        # Learnable CLS token, created on the model itself.
        self.cls_token = self.add_weight(shape=(1, 1, self.embed_dim), initializer="truncated_normal",
                                         trainable=True, name="cls_token")
        cls_tokens = keras.ops.tile(self.cls_token, [batch_size, 1, 1])
        x = keras.ops.concatenate([cls_tokens, x], axis=1)
        self.attention = keras.layers.MultiHeadAttention(self.num_heads, self.embed_dim // self.num_heads)
        x = x + self.attention(x, x)
        self.norm = keras.layers.LayerNormalization()
        x = self.norm(x)
        self.head = keras.layers.Dense(self.num_classes)
        return self.head(x[:, 0])


def build_model():
    return TinyDINO()
