"""A U-Net for retinal OCT (RNFL) segmentation whose `EncoderBlock.call()` instantiates a new
`Dropout(dropout)` layer on every call (the rate is passed per call, `self.encoder2(e1, 0.2)`), and keeps
the skip tensor on `self.e` for the decoder.

From gabcastro/segmentation-oct-rnfl (`src/unet.py` with `src/components/encoderblock.py`,
`decoderblock.py` and `cnnblock.py`). The Dropout made inside `call()` is not tracked by the block;
on Keras 3 each Dropout owns a seed-generator state variable, created anew on every call: an eager
call works, but `fit` fails while tracing the train step ("tf.function only supports singleton
tf.Variables created on the first call"), so the segmentation model cannot be trained at all.
The convolutions themselves (CNNBlocks set in `__init__`) are tracked.

Porting edits: the four files inlined; `tensorflow.keras` -> `keras` (the ops stay `tf.*`); the per-call
dropout rates passed as keywords (`self.encoder2(e1, dropout=0.2)`; Keras 3 rejects a float as a
second positional argument of `__call__`); `build_model()` returns the subclassed `Unet()` with a batch
of two 32x32 single-channel images (the author's `Unet.model(input_shape)` helper, which wires
`self.call` on a Keras tensor, is kept but not used: on Keras 3 it builds a graph that captures the
`self.e` tensors of the tracing scratch graph and fails at the first call).
"""

SOURCE = "https://github.com/gabcastro/segmentation-oct-rnfl/blob/0e0a8dc0c9878c032f84cb480e0fd45252e43a14/src/components/encoderblock.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout20/_measure.py tests/heldout20/c_gabcastro_octunet_encoder_dropout_made_in_call.py:
as returned: Unet, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['EncoderBlock:encoder_block', 'CNNBlock:cnn_block_1', ... (all 64 sublayers: nothing is built before a call)]
after call: count_params() = 5496001, 70 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 70 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder_block': 9824, 'encoder_block_1': 55936, 'encoder_block_2': 222464, 'encoder_block_3': 887296, 'cnn_block_8': 1182208, 'decoder_block': 2361856, ...}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine20a/gabsub.py): eager call ok (output (2, 32, 32, 1), 70 trainable weights);
model.compile('sgd', 'mse'); model.fit(...) raises ValueError in EncoderBlock.call(): "tf.function only
supports singleton tf.Variables created on the first call" (the Dropout made in call() creates its
seed-generator variable while the train step is traced): no weight is ever trained by fit."""

import tensorflow as tf
import keras
from keras.layers import Layer, Conv2D, BatchNormalization, MaxPooling2D, Dropout, UpSampling2D, concatenate


class CNNBlock(Layer):
    def __init__(self, out_channel, params_args = None, kernel_size=3):
        super(CNNBlock, self).__init__()

        params = {}

        if params_args is None:
            params = dict (
                padding='same',
                kernel_initializer='he_normal',
                dilation_rate=1
            )
        else:
            params = params_args

        self.conv = Conv2D(filters=out_channel, kernel_size=kernel_size, **params)
        self.bn = BatchNormalization()

    def call(self, input_tensor, training=False):
        x = self.conv(input_tensor)
        x = self.bn(x, training=training)
        x = tf.nn.relu(x)
        return x


class EncoderBlock(Layer):
    def __init__(self, channel):
        super(EncoderBlock, self).__init__()

        self.cnn1 = CNNBlock(channel)
        self.cnn2 = CNNBlock(channel)

        self.pooling = MaxPooling2D()

        self.e = None

    def call(self, input_tensor, dropout = 0, training=False):
        x = self.cnn1(input_tensor, training=training)
        self.e = self.cnn2(x, training=training)
        if dropout > 0:
            self.e = Dropout(dropout)(self.e, training=training)
        return self.pooling(self.e)


class DecoderBlock(Layer):
    def __init__(self, channel):
        super(DecoderBlock, self).__init__()

        self.upsampling = UpSampling2D()
        self.cnn1 = CNNBlock(channel)
        self.cnn2 = CNNBlock(channel)

    def call(self, input_tensor, concat_tensor):
        x = self.upsampling(input_tensor)
        x = concatenate([concat_tensor, x], axis=3)
        x = self.cnn1(x)
        return self.cnn2(x)


class Unet(keras.Model):
    """
    UNet model, guide by the original paper
    https://arxiv.org/abs/1505.04597

    Implemented using best practices from tensorflow documentation
    https://www.tensorflow.org/guide/keras/custom_layers_and_models#the_model_class
    """

    def __init__(self):
        super(Unet, self).__init__()

        self.encoder1 = EncoderBlock(32)
        self.encoder2 = EncoderBlock(64)
        self.encoder3 = EncoderBlock(128)
        self.encoder4 = EncoderBlock(256)

        self.bottleneck = CNNBlock(512)

        self.decoder1 = DecoderBlock(256)
        self.decoder2 = DecoderBlock(128)
        self.decoder3 = DecoderBlock(64)
        self.decoder4 = DecoderBlock(32)

        self.out = Conv2D(1, 1, activation='sigmoid')

    def call(self, inputs):
        e1 = self.encoder1(inputs)
        e2 = self.encoder2(e1, dropout=0.2)
        e3 = self.encoder3(e2, dropout=0.3)
        e4 = self.encoder4(e3, dropout=0.7)

        b = self.bottleneck(e4)

        d1 = self.decoder1(b, self.encoder4.e)
        d2 = self.decoder2(d1, self.encoder3.e)
        d3 = self.decoder3(d2, self.encoder2.e)
        d4 = self.decoder4(d3, self.encoder1.e)

        o = self.out(d4)

        return o

    def model(self, input_shape):
        x = keras.Input(shape=input_shape)
        return keras.Model(inputs=[x], outputs=self.call(x))


def build_model():
    import numpy as np
    model = Unet()
    images = np.random.default_rng(0).random((2, 32, 32, 1)).astype("float32")
    return model, images
