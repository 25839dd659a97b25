# LD009 no-gradient: a trainable sublayer used only inside stop_gradient
import keras
from keras import layers, ops

CASE, TITLE = "LD009e", "a trainable Conv2D encoder read only through stop_gradient in call()"


class FeatureMatcher(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.reference = layers.Conv2D(4, 3, padding="same")
        self.student = layers.Conv2D(4, 3, padding="same")
        self.frozen = layers.Conv2D(4, 3, padding="same")
        self.frozen.trainable = False  # frozen on purpose: fine

    def call(self, images):
        target = ops.stop_gradient(self.reference(images))  # LD009
        anchor = ops.stop_gradient(self.frozen(images))
        return self.student(images) - target + anchor


SHAPE = (6, 6, 3)


def make():
    return FeatureMatcher()
