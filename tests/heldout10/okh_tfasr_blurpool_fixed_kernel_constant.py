"""TensorFlowASR BlurPool: a tensor named `kernel` made with tf.constant in __init__ and reassigned twice.

TensorFlowASR (speech recognition) ports adobe's antialiased-cnns BlurPool: the layer builds a
binomial blur filter in __init__ as `self.kernel = tf.constant(...)`, then overwrites it with
`self.kernel = tf.divide(self.kernel, tf.reduce_sum(self.kernel))` and again with a
`tf.repeat(...)`, and convolves with it in call(). It reads like raw-tensor state (a "kernel"
that is not a weight) and like a weight shadowed by a tensor derived from it, but the blur filter
is meant to be fixed (antialiased-cnns registers it as a non-trainable buffer); nothing learnable is
lost. The Conv2D layers around it are tracked and trained normally; the blur layer has 0 params by
design. Used here inside a conv subsampling block of a subclassed encoder, called on data.
"""

SOURCE = "https://github.com/TensorSpeech/TensorFlowASR/blob/f092d39743d74308cb7959001c4657b98d01e7be/tensorflow_asr/models/layers/blurpool.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okh_tfasr_blurpool_fixed_kernel_constant.py:
as returned: CtcEncoder, count_params() = 5517, 8 weights, unbuilt: none
after call: count_params() = 5517, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv2d_blur_subsampling': 2480, 'conv2d_blur_subsampling_blurpool_1': 0, 'conv2d_blur_subsampling_blurpool_0': 0}
second call: 0 variables watched that the first call did not use
(5517 = 160 + 2320 conv + 2080 proj + 957 logits: every learnable weight is tracked; the blur filter is a fixed constant by design.)"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


# ---------------------------------------------------------------- tensorflow_asr/models/base_layer.py
class Layer(keras.layers.Layer):
    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        super().__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)
        self.supports_masking = True


# ---------------------------------------------------------------- tensorflow_asr/models/layers/blurpool.py
class BlurPool2D(Layer):
    def __init__(self, filters: int, kernel_size: int = 4, strides: int = 2, padding: str = "reflect",
                 trainable=True, name="blurpool2d", dtype=None, **kwargs):
        super().__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)
        self.filters = filters
        self.kernel_size = kernel_size
        self.strides = strides
        self.pad_mode = "CONSTANT" if padding == "valid" else padding.upper()
        if padding != "valid":
            self.paddings = [
                [0, 0],
                [int(1.0 * (kernel_size - 1) / 2), int(np.ceil(1.0 * (kernel_size - 1) / 2))],
                [int(1.0 * (kernel_size - 1) / 2), int(np.ceil(1.0 * (kernel_size - 1) / 2))],
                [0, 0],
            ]
        else:
            self.paddings = [[0, 0], [0, 0], [0, 0], [0, 0]]

        if self.kernel_size == 1:
            a = np.array([1.0])
        elif self.kernel_size == 2:
            a = np.array([1.0, 1.0])
        elif self.kernel_size == 3:
            a = np.array([1.0, 2.0, 1.0])
        elif self.kernel_size == 4:
            a = np.array([1.0, 3.0, 3.0, 1.0])
        elif self.kernel_size == 5:
            a = np.array([1.0, 4.0, 6.0, 4.0, 1.0])
        else:
            raise ValueError("Kernel size must be in [1, 2, 3, 4, 5]")

        self.kernel = tf.constant(a[:, None] * a[None, :], dtype=self.compute_dtype)
        self.kernel = tf.divide(self.kernel, tf.reduce_sum(self.kernel))
        self.kernel = tf.repeat(tf.expand_dims(self.kernel, -1), self.filters, axis=-1)

    def call(self, inputs):
        inputs = tf.pad(inputs, paddings=self.paddings, mode=self.pad_mode)
        in_channels = tf.shape(inputs)[3]
        kernel = tf.repeat(tf.expand_dims(self.kernel, axis=2), in_channels, axis=2)
        return tf.nn.conv2d(inputs, filters=kernel, strides=self.strides, padding="VALID")

    def get_config(self):
        config = super().get_config()
        config.update({"filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides})
        return config


# ---------------------------------------------------------------- tensorflow_asr/models/layers/subsampling.py (blur variant)
class Conv2dBlurSubsampling(Layer):
    def __init__(self, filters=(16, 16), kernel_size=3, name="conv2d_blur_subsampling", **kwargs):
        super().__init__(name=name, **kwargs)
        self.convs = []
        self.blurs = []
        for i, f in enumerate(filters):
            self.convs.append(keras.layers.Conv2D(f, kernel_size, padding="same", name=f"{name}_conv_{i}"))
            self.blurs.append(BlurPool2D(filters=f, kernel_size=4, strides=2, name=f"{name}_blurpool_{i}"))

    def call(self, inputs, training=False):
        outputs = inputs
        for conv, blur in zip(self.convs, self.blurs):
            outputs = conv(outputs, training=training)
            outputs = tf.nn.relu(outputs)
            outputs = blur(outputs)
        shape = tf.shape(outputs)
        return tf.reshape(outputs, [shape[0], shape[1], outputs.shape[2] * outputs.shape[3]])


class CtcEncoder(keras.Model):
    def __init__(self, vocab_size=29, encoder_dim=32, **kwargs):
        super().__init__(**kwargs)
        self.subsampling = Conv2dBlurSubsampling()
        self.proj = keras.layers.Dense(encoder_dim, activation="relu", name="proj")
        self.logits = keras.layers.Dense(vocab_size, name="logits")

    def call(self, inputs, training=False):
        x = self.subsampling(inputs, training=training)
        x = self.proj(x)
        return self.logits(x)


def build_model():
    model = CtcEncoder()
    features = np.random.default_rng(0).standard_normal((2, 32, 16, 1)).astype("float32")  # [B, T, n_mels, 1]
    model(features)
    return model, features
