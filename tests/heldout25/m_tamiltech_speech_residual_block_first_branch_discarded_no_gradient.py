"""A Tamil speech-recognition (DeepSpeech2-style) residual CNN block whose `call()` runs the first
LayerNorm -> GELU -> Dropout -> Conv2D -> Swish -> BatchNorm branch into `x` and then restarts the
second branch from `self.ln2(inputs)`, so the first branch's result is thrown away.

From gitdckap/tamil-tech (`tamil_tech/layers/tf.py`, commit c03dd80), the TensorFlow port of the
repository's PyTorch `ResidualBlock` (`tamil_tech/layers/torch.py`), where the second branch
continues from `x` (`x = self.ln2(x)`). In the port, `ln1`, `conv1` and `bn1` are built, counted and
trainable, but nothing they compute reaches the output: their weights get `None` gradients and are
never trained, while the block looks complete in `summary()`.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); the `tensorflow_addons` import (used only by
`SpecAugment`) and the `get_config` methods left out; the block is wired the way the repository's
PyTorch `SpeechRecognitionModel` stacks it (a 3x3 Conv2D stem of the same width, residual blocks with
stride 1, then a per-frame Dense classifier), with 4 channels instead of 32, a 16x8 spectrogram and
6 output classes; the `BidirectionalRNN` head of that model is left out.
"""

SOURCE = "https://github.com/gitdckap/tamil-tech/blob/c03dd800090aa3e5604b3d3a704c12ac092ab88e/tamil_tech/layers/tf.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/m_tamiltech_speech_residual_block_first_branch_discarded_no_gradient.py:
as returned: Functional, count_params() = 926, 36 weights, unbuilt: none
after call: count_params() = 926, 28 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 12 of 28 trainable weights: ['residual_block_1/layer_normalization/gamma', 'residual_block_1/layer_normalization/beta', 'residual_block_1/conv2d_1/kernel', 'residual_block_1/conv2d_1/bias', 'residual_block_1/batch_normalization/gamma', 'residual_block_1/batch_normalization/beta']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'residual_block_1': 344, 'swish_activation': 0, 'gelu_activation': 0, 'residual_block_2': 344}
second call: 0 variables watched that the first call did not use
(The 12 are ln1 gamma/beta, conv1 kernel/bias, bn1 gamma/beta of both blocks: 6 per block, half of
each block's trainable weights; no warning is printed.)"""

import tensorflow as tf
import keras


class GELU(keras.layers.Layer):
    def __init__(self,
                 name="gelu_activation",
                 **kwargs):
        super(GELU, self).__init__(name=name, **kwargs)

    def call(self, inputs, **kwargs):
        outputs = 0.5 * (1.0 + tf.math.erf(inputs / tf.sqrt(2.0)))
        return inputs * outputs


class Swish(keras.layers.Layer):
    def __init__(self,
                 name="swish_activation",
                 **kwargs):
        super(Swish, self).__init__(name=name, **kwargs)

    def call(self, inputs, **kwargs):
        outputs = tf.nn.swish(inputs)
        return outputs


class ResidualBlock(keras.layers.Layer):
    def __init__(self, units, kernel, stride, dropout, name='residual_block', **kwargs):
        super(ResidualBlock, self).__init__(name=name, **kwargs)

        self.units = units

        self.ln1 = keras.layers.LayerNormalization()
        self.gelu1 = GELU()
        self.dropout1 = keras.layers.Dropout(dropout)
        self.conv1 = keras.layers.Conv2D(units, kernel_size=(kernel, kernel), strides=(stride, stride), padding='same')
        self.swish1 = Swish()
        self.bn1 = keras.layers.BatchNormalization()

        self.ln2 = keras.layers.LayerNormalization()
        self.gelu2 = GELU()
        self.dropout2 = keras.layers.Dropout(dropout)
        self.conv2 = keras.layers.Conv2D(units, kernel_size=(kernel, kernel), strides=(stride, stride), padding='same')
        self.swish2 = Swish()
        self.bn2 = keras.layers.BatchNormalization()

    def call(self, inputs):
        x = self.ln1(inputs)
        x = self.gelu1(x)
        x = self.dropout1(x)
        x = self.conv1(x)
        x = self.swish1(x)
        x = self.bn1(x)

        x = self.ln2(inputs)
        x = self.gelu2(x)
        x = self.dropout2(x)
        x = self.conv2(x)
        x = self.swish2(x)
        x = self.bn2(x)

        x += inputs

        return x


def build_model():
    spectrogram = keras.Input(shape=(16, 8, 1), name="spectrogram")
    x = keras.layers.Conv2D(4, 3, padding="same")(spectrogram)
    x = ResidualBlock(4, kernel=3, stride=1, dropout=0.1, name="residual_block_1")(x)
    x = ResidualBlock(4, kernel=3, stride=1, dropout=0.1, name="residual_block_2")(x)
    x = keras.layers.Reshape((16, 8 * 4))(x)
    logits = keras.layers.Dense(6)(x)
    return keras.Model(spectrogram, logits)
