"""U-Net whose encoder/decoder blocks are lists of lists of layers filled with `.append` in __init__.

The TF 2.0-alpha reporter got empty `trainable_variables` and traced it to lists created empty as
attributes and then appended to ("Keras does not manage the append"). On Keras 3, layers appended to a
list attribute, including lists nested in lists, are tracked: this is correct code.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/29073"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after model(x): count_params() == 2,094 = every Conv2D/Conv2DTranspose held in the nested lists plus
the final conv; all 14 trainable weights get a non-None gradient under tf.GradientTape and one fit
step changes 14 of 14; no warning."""

import keras
from keras import layers, ops


class UNet(keras.Model):
    def __init__(self, depth=2, initial_filters=4, channels=1, **kwargs):
        super().__init__(**kwargs)
        self.encoder_layers = []
        self.decoder_layers = []
        self.concat_layers = []
        filters = initial_filters
        for _ in range(depth):
            block = []
            block.append(layers.Conv2D(filters, 3, padding="same"))
            block.append(layers.LeakyReLU())
            block.append(layers.Conv2D(filters, 3, strides=2, padding="same"))
            self.encoder_layers.append(block)
            filters *= 2
        for _ in range(depth):
            filters //= 2
            block = []
            block.append(layers.Conv2DTranspose(filters, 3, strides=2, padding="same"))
            block.append(layers.ReLU())
            self.decoder_layers.append(block)
            self.concat_layers.append(layers.Concatenate())
        self.final = layers.Conv2D(channels, 1)

    def call(self, inputs):
        x = inputs
        skips = []
        for block in self.encoder_layers:
            for layer in block:
                x = layer(x)
            skips.append(x)
        skips = skips[:-1][::-1] + [inputs]
        for block, concat, skip in zip(self.decoder_layers, self.concat_layers, skips):
            for layer in block:
                x = layer(x)
            x = concat([x, skip])
        return self.final(x)


def build_model():
    model = UNet()
    x = keras.random.normal((2, 8, 8, 1), seed=0)
    model(x)
    return model, x
