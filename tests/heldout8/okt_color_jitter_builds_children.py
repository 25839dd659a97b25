"""Color-jitter preprocessing layer composed of Keras random-augmentation sublayers, with a build() that builds each child.

The Keras PR added a `build()` to `RandomColorJitter` only to silence the warning "`build()` was
called on layer 'random_color_jitter', however the layer does not have a `build()` method
implemented and it looks like it has unbuilt state". The user-side equivalent below composes
optional child augmentation layers chosen from constructor arguments (some stay None), skips them
at inference, and builds the ones that exist in build(). Looks like sublayers that may never be
called/built; on Keras 3 every existing child is built and the model has no untracked state.
"""

SOURCE = "https://github.com/keras-team/keras/pull/20729"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py okt_color_jitter_builds_children.py:
as returned: Functional, count_params() = 122, 4 weights, unbuilt: none
after call: count_params() = 122, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'color_jitter': 112}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


class ColorJitter(layers.Layer):
    def __init__(self, value_range=(0, 255), brightness_factor=None, contrast_factor=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.value_range = value_range
        self.brightness_factor = brightness_factor
        self.contrast_factor = contrast_factor
        self.seed = seed
        self.random_brightness, self.random_contrast = None, None
        if self.brightness_factor is not None:
            self.random_brightness = layers.RandomBrightness(factor=self.brightness_factor,
                                                             value_range=self.value_range, seed=self.seed)
        if self.contrast_factor is not None:
            self.random_contrast = layers.RandomContrast(factor=self.contrast_factor,
                                                         value_range=self.value_range, seed=self.seed)
        self.to_features = layers.Conv2D(4, 3, padding="same")

    def build(self, input_shape):
        if self.brightness_factor is not None:
            self.random_brightness.build(input_shape)
        if self.contrast_factor is not None:
            self.random_contrast.build(input_shape)
        self.to_features.build(input_shape)

    def call(self, inputs, training=True):
        x = inputs
        if training:
            if self.brightness_factor is not None:
                x = self.random_brightness(x, training=training)
            if self.contrast_factor is not None:
                x = self.random_contrast(x, training=training)
        return self.to_features(x)

    def get_config(self):
        return {**super().get_config(), "value_range": self.value_range,
                "brightness_factor": self.brightness_factor, "contrast_factor": self.contrast_factor,
                "seed": self.seed}


def build_model():
    inputs = keras.Input(shape=(16, 16, 3))
    x = ColorJitter(brightness_factor=0.2, contrast_factor=None, seed=1)(inputs)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(2)(x)
    return keras.Model(inputs, outputs)
