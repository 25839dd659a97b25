"""Subclassed ViT creates its [CLS] token with add_weight inside build(), only when classification=True.

A write-up of a Stack Overflow-style question "Can't serialize and deserialize ViT in Keras when setting
classification = True": a subclassed Keras Model (custom PatchEmbedding, a list of transformer blocks, an
optional Dense head) creates the learnable class token conditionally in `build()`
(`if self.classification: self.cls_token = self.add_weight(...)`) and concatenates it to the patch
sequence in `call()`. The post blames this conditional weight for a load failure. As far as weight tracking
goes, the code is correct on Keras 3: `add_weight` in `build()` under a flag is tracked, counted and trained
whenever the flag is on, and the sublayers in the Python list are tracked too. (The reload problem in the
post comes from `get_config()` not carrying the flag, which is a serialization issue, not a lost weight.)
"""

SOURCE = "https://prodopsy.com/cant-serialize-and-deserialize-vit-in-keras-when-setting-classification-true"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okn_vit_conditional_cls_token_in_build.py:
as returned: ViT, count_params() = 18917, 39 weights, unbuilt: none
after call: count_params() = 18917, 39 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 39 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'patch_embedding': 1568, 'transformer_block': 8544, 'transformer_block_1': 8544}
second call: 0 variables watched that the first call did not use
(own check: model.weights contains 'vi_t/cls_token' and it gets a non-None gradient; no warning printed.)"""

import numpy as np
import keras
from keras import layers, ops


class PatchEmbedding(layers.Layer):
    def __init__(self, patch_size, hidden_size, **kwargs):
        super().__init__(**kwargs)
        self.patch_size = patch_size
        self.hidden_size = hidden_size
        self.proj = layers.Conv2D(hidden_size, kernel_size=patch_size, strides=patch_size, padding="valid")

    def call(self, images):
        x = self.proj(images)
        b = ops.shape(x)[0]
        return ops.reshape(x, (b, -1, self.hidden_size))

    def get_config(self):
        config = super().get_config()
        config.update({"patch_size": self.patch_size, "hidden_size": self.hidden_size})
        return config


class TransformerBlock(layers.Layer):
    def __init__(self, hidden_size, num_heads, mlp_dim, dropout=0.1, **kwargs):
        super().__init__(**kwargs)
        self.norm1 = layers.LayerNormalization(epsilon=1e-6)
        self.attn = layers.MultiHeadAttention(num_heads=num_heads, key_dim=hidden_size // num_heads)
        self.norm2 = layers.LayerNormalization(epsilon=1e-6)
        self.mlp = keras.Sequential([layers.Dense(mlp_dim, activation="gelu"), layers.Dropout(dropout),
                                     layers.Dense(hidden_size)])

    def call(self, x, training=False):
        h = self.norm1(x)
        x = x + self.attn(h, h, training=training)
        return x + self.mlp(self.norm2(x), training=training)


class ViT(keras.Model):
    def __init__(self, patch_size=4, hidden_size=32, depth=2, num_heads=4, mlp_dim=64,
                 num_classes=5, classification=True, **kwargs):
        super().__init__(**kwargs)
        self.patch_size = patch_size
        self.hidden_size = hidden_size
        self.classification = classification
        self.num_classes = num_classes
        self.patch_embed = PatchEmbedding(patch_size, hidden_size)
        self.blocks = [TransformerBlock(hidden_size, num_heads, mlp_dim) for _ in range(depth)]
        self.norm = layers.LayerNormalization(epsilon=1e-6)
        if self.classification:
            self.head = layers.Dense(num_classes)

    def build(self, input_shape):
        if self.classification:
            self.cls_token = self.add_weight(
                name="cls_token",
                shape=(1, 1, self.hidden_size),
                initializer="zeros",
                trainable=True,
            )
        super().build(input_shape)

    def call(self, inputs, training=False):
        x = self.patch_embed(inputs)
        if self.classification:
            b = ops.shape(x)[0]
            cls = ops.broadcast_to(self.cls_token, (b, 1, self.hidden_size))
            x = ops.concatenate([cls, x], axis=1)
        for block in self.blocks:
            x = block(x, training=training)
        x = self.norm(x)
        if self.classification:
            return self.head(x[:, 0])
        return x

    def get_config(self):
        config = super().get_config()
        config.update({"patch_size": self.patch_size, "hidden_size": self.hidden_size,
                       "num_classes": self.num_classes})
        return config


def build_model():
    model = ViT(classification=True)
    x = np.random.default_rng(0).random((2, 16, 16, 3)).astype("float32")
    model(x)
    return model, x


if __name__ == "__main__":
    model, x = build_model()
    model.summary()
    print([w.path for w in model.trainable_weights][:3])
