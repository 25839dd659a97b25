# LD005 unbuilt-sublayer: a held model whose stage lists are walked by hand, never called itself: its head stays unbuilt
import keras
from keras import layers

CASE, TITLE = "LD005zo", "a held classifier reached only through its stage lists: its head is never built"
FEATURES = 3
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases2.py): after a call, UNet's encoder.head (Dense) and
# encoder.norm are unbuilt, with no weights; WholeEncoder calls its encoder, and everything is built.


class Classifier(keras.Model):
    def __init__(self, classes=3, **kwargs):
        super().__init__(**kwargs)
        self.stage1 = [layers.Conv2D(8, 3, padding="same"), layers.LayerNormalization()]
        self.stage2 = [layers.Conv2D(16, 3, strides=2, padding="same"), layers.LayerNormalization()]
        self.pool = layers.GlobalAveragePooling2D()
        self.norm = layers.LayerNormalization()
        self.head = layers.Dense(classes)

    def call(self, x):
        for layer in self.stage1 + self.stage2:
            x = layer(x)
        return self.head(self.norm(self.pool(x)))


class UNet(keras.Model):
    """advsinha17's ConvNeXt U-Net: the encoder's stages are walked for skip connections."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = Classifier()  # LD005
        self.out = layers.Conv2D(1, 1)

    def call(self, x):
        for layer in self.encoder.stage1:
            x = layer(x)
        for layer in self.encoder.stage2:
            x = layer(x)
        return self.out(x)


class WholeEncoder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = Classifier()

    def call(self, x):
        return self.encoder(x)
