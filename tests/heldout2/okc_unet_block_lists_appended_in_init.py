"""A subclassed U-Net fills `self.encoder_layers` / `self.decoder_layers` (lists of per-block lists)
with `append` in `__init__`.

The TF 2.0 report found `model.trainable_variables` empty because tf.keras did not track layers
appended to lists created earlier in `__init__` at the time. On Keras 3 lists (also nested, also filled
by `append`) are tracked containers: all convolutions are counted and trained. Rewritten smaller.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/29073"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_unet_block_lists_appended_in_init.py:
as returned: Functional, count_params() = 1937, 10 weights, unbuilt: none
after call: count_params() = 1937, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'u_net': 1937}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


class UNet(keras.Model):
    def __init__(self, filters=(4, 8), **kwargs):
        super().__init__(**kwargs)
        self.encoder_layers = []
        self.decoder_layers = []
        self.concat_layers = []
        for f in filters:
            self.encoder_layers.append([layers.Conv2D(f, 3, padding="same", activation="relu"), layers.MaxPooling2D()])
        for f in reversed(filters):
            self.decoder_layers.append([layers.UpSampling2D(), layers.Conv2D(f, 3, padding="same", activation="relu")])
            self.concat_layers.append(layers.Concatenate())
        self.head = layers.Conv2D(1, 1)

    def call(self, x):
        skips = []
        for conv, pool in self.encoder_layers:
            x = conv(x)
            skips.append(x)
            x = pool(x)
        for (up, conv), concat, skip in zip(self.decoder_layers, self.concat_layers, reversed(skips)):
            x = conv(concat([up(x), skip]))
        return self.head(x)


def build_model():
    images = keras.Input((16, 16, 1))
    return keras.Model(images, UNet()(images))
