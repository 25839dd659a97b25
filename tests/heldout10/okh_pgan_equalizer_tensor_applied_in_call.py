"""ProGAN equalized learning rate, fixed form: the He constant is a tf tensor stored in build() and applied to the weight in call().

Same repository as the shadowed-weight bug (mbourand/GAN), a few days later (commit a565732,
"Minibatch stddev and fix on Equalized"): `EqualizedLRDense`/`EqualizedLRConv2D` now keep the
variable untouched and store only the scale, `self.equalizer = tf.sqrt(2 / fan_in)`, as a plain
tensor on self in build(); call() computes `self.equalized_weights * self.equalizer`. A raw tensor
assigned to self in build() next to a weight looks like raw-tensor state, and the weight is
multiplied by it, but the equalizer is a constant by design and the variable is read on every
call: both weights get gradients and are counted once. The discriminator here uses the
equalized conv and dense layers plus the repo's MinibatchStandardDeviation layer.
"""

SOURCE = "https://github.com/mbourand/GAN/blob/a565732964009c1424c1567c6f86bfcd5c68f1ca/EqualizedLRConv2D.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okh_pgan_equalizer_tensor_applied_in_call.py:
as returned: Sequential, count_params() = 1793, 6 weights, unbuilt: none
after call: count_params() = 1793, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'equalized_lr_conv2d': 224, 'minibatch_standard_deviation': 0, 'equalized_lr_conv2d_1': 1312, 'equalized_lr_dense': 257}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from keras.layers import Layer, Input, LeakyReLU, Flatten, Activation
from keras.models import Sequential
from keras.initializers import Constant, RandomNormal

# ---------------------------------------------------------------- settings.py (scaled down)
IMAGE_SIZE = 16
IMAGE_CHANNEL = 3
RANDOM_NORMAL_STD_DEV = 0.02
LEAKY_RELU_ALPHA = 0.2
KERNEL_SIZE = 3


# ---------------------------------------------------------------- EqualizedLRConv2D.py
class EqualizedLRConv2D(Layer):
    def __init__(self, filters, kernel_size, strides=1, bias_init_value=0, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.kernel_size = kernel_size
        self.strides = strides
        self.bias_init_value = bias_init_value

    def build(self, input_shape):
        weight_shape = (self.kernel_size[0], self.kernel_size[1], input_shape[3], self.filters)

        self.equalized_weights = self.add_weight(
            name='equalized_weights',
            shape=weight_shape,
            initializer=RandomNormal(stddev=RANDOM_NORMAL_STD_DEV),
            trainable=True
        )
        self.equalized_biases = self.add_weight(
            name='equalized_biases',
            shape=(self.filters,),
            initializer=Constant(self.bias_init_value),
            trainable=True
        )

        self.equalizer = tf.sqrt(2 / (weight_shape[0] * weight_shape[1] * weight_shape[2]))

        super().build(input_shape)

    def call(self, inputs):
        conv_result = tf.nn.conv2d(
            inputs,
            self.equalized_weights * self.equalizer,
            strides=(1, self.strides, self.strides, 1),
            padding='SAME'
        )
        return conv_result + self.equalized_biases[None, None, None, :]

    def get_config(self):
        config = super().get_config().copy()
        config.update({
            'filters': self.filters,
            'kernel_size': self.kernel_size,
            'strides': self.strides,
            'bias_init_value': self.bias_init_value
        })
        return config


# ---------------------------------------------------------------- EqualizedLRDense.py
class EqualizedLRDense(Layer):
    def __init__(self, units, bias_init_value=0, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.bias_init_value = bias_init_value

    def build(self, input_shape):
        self.equalized_weights = self.add_weight(
            name='equalized_weights',
            shape=(input_shape[1], self.units),
            initializer=RandomNormal(stddev=RANDOM_NORMAL_STD_DEV),
            trainable=True
        )
        self.equalized_biases = self.add_weight(
            name='equalized_biases',
            shape=(self.units,),
            initializer=Constant(self.bias_init_value),
            trainable=True
        )

        self.equalizer = tf.sqrt(2 / input_shape[1])

        super().build(input_shape)

    def call(self, inputs):
        return tf.matmul(inputs, self.equalized_weights * self.equalizer) + self.equalized_biases[None, :]

    def get_config(self):
        config = super().get_config().copy()
        config.update({'units': self.units, 'bias_init_value': self.bias_init_value})
        return config


# ---------------------------------------------------------------- MinibatchStandardDeviation.py
class MinibatchStandardDeviation(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, inputs):
        square_diffs = tf.square(inputs - tf.reduce_mean(inputs, axis=0, keepdims=True))
        mean_square_diff = tf.reduce_mean(square_diffs, axis=0, keepdims=True)
        stddev = tf.sqrt(mean_square_diff)
        mean_stddev = tf.reduce_mean(stddev, keepdims=True)
        shape = tf.shape(inputs)
        output = tf.tile(mean_stddev, [shape[0], shape[1], shape[2], 1])
        return tf.concat([inputs, output], axis=-1)

    def get_config(self):
        config = super().get_config().copy()
        return config


# ---------------------------------------------------------------- discriminator_model.py (equalized variant)
def get_discriminator_model():
    discriminator = Sequential([
        Input(shape=(IMAGE_SIZE, IMAGE_SIZE, IMAGE_CHANNEL)),
        EqualizedLRConv2D(8, (KERNEL_SIZE, KERNEL_SIZE), strides=2),
        LeakyReLU(negative_slope=LEAKY_RELU_ALPHA),
        MinibatchStandardDeviation(),
        EqualizedLRConv2D(16, (KERNEL_SIZE, KERNEL_SIZE), strides=2),
        LeakyReLU(negative_slope=LEAKY_RELU_ALPHA),
        Flatten(),
        EqualizedLRDense(1),
        Activation('sigmoid')
    ])
    return discriminator


def build_model():
    return get_discriminator_model()
