"""hoel-bagard's Classification-TensorFlow2 builds a small MobileNet for MNIST/Fashion-MNIST/cats-vs-dogs from two custom layers, `MyConv2D` and `InvertedResidual` (the latter "taken from" a Medium post on MobileNetV2 bottlenecks). Both create all their sublayers (Conv2D, DepthwiseConv2D, three BatchNormalizations, a ReLU) inside `build()` without building them there, and the training script then calls `model.build((None, *input_shape))` and `model.summary()`. This looks like the unbuilt-sublayer pattern (LD005: sublayers that no `build()` builds), but the layers are wired into a functional `tf.keras.Model`, so the symbolic call on the `Input` runs each layer's `call()` right after its `build()` and every sublayer gets built with the right shapes; `model.build(...)` on the functional model is a no-op. Correct look-alike.

From hoel-bagard/Classification-TensorFlow2: `src/networks/small_mobile_net.py` (function `SmallMobileNet`),
`src/layers/inverted_residual.py` (class `InvertedResidual`), `src/layers/my_conv2D.py` (class `MyConv2D`), and
`train.py` (`model = SmallMobileNet(dataset.input_shape, dataset.classes_nb)`, `model.build((None,
*dataset.input_shape))`, `print(model.summary())`).

Porting edits: the three files are pasted together; `ModelConfig.REG_FACTOR` comes from a stand-in class with the
value of `config/model_config_template.py` (0.0005); `DepthwiseConv2D(..., kernel_regularizer=...)` becomes `depthwise_regularizer=` (Keras 3 rejects the
old keyword with "Unrecognized keyword arguments passed to DepthwiseConv2D"). build_model() does what train.py does for a 28x28x1 input with
10 classes (builds, then `model.build((None, 28, 28, 1))`; the summary print is left out) and returns the model.
"""

SOURCE = "https://github.com/hoel-bagard/Classification-TensorFlow2/blob/7e1f41db4b725011a52fdeee34679547c9453e44/src/layers/inverted_residual.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcg_classtf2_smallmobilenet_inverted_residual_sublayers_created_in_build.py:
as returned: Functional, count_params() = 9080, 40 weights, unbuilt: none
after call: count_params() = 9080, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_conv2d': 168, 'inverted_residual': 604, 'inverted_residual_1': 6368}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras.layers import (
    BatchNormalization,
    Conv2D,
    DepthwiseConv2D,
    ReLU,
)


class ModelConfig:
    REG_FACTOR = 0.0005  # Regularization factor


class InvertedResidual(tf.keras.layers.Layer):
    # Taken from:
    # https://medium.com/@luis_gonzales/a-look-at-mobilenetv2-inverted-residuals-and-linear-bottlenecks-d49f85c12423
    def __init__(self, filters, strides, expansion_factor=6, trainable=True, name=None, **kwargs):
        super(InvertedResidual, self).__init__(trainable=trainable, name=name, **kwargs)
        self.filters = filters
        self.strides = strides
        self.expansion_factor = expansion_factor  # allowed to be decimal value

    def build(self, input_shape):
        input_channels = int(input_shape[3])
        self.ptwise_conv1 = Conv2D(filters=int(input_channels*self.expansion_factor),
                                   kernel_size=1, use_bias=False,
                                   kernel_regularizer=tf.keras.regularizers.l2(ModelConfig.REG_FACTOR))
        self.dwise = DepthwiseConv2D(kernel_size=3, strides=self.strides,
                                     padding='same', use_bias=False,
                                     depthwise_regularizer=tf.keras.regularizers.l2(ModelConfig.REG_FACTOR))
        self.ptwise_conv2 = Conv2D(filters=self.filters, kernel_size=1, use_bias=False,
                                   kernel_regularizer=tf.keras.regularizers.l2(ModelConfig.REG_FACTOR))

        self.bn1 = BatchNormalization()
        self.bn2 = BatchNormalization()
        self.bn3 = BatchNormalization()

    def call(self, input_x):
        # Expansion to high-dimensional space
        x = self.ptwise_conv1(input_x)
        x = self.bn1(x)
        x = tf.nn.relu6(x)

        # Spatial filtering
        x = self.dwise(x)
        x = self.bn2(x)
        x = tf.nn.relu6(x)

        # Projection back to low-dimensional space w/ linear activation
        x = self.ptwise_conv2(x)
        x = self.bn3(x)

        # Residual connection if i/o have same spatial and depth dims
        if input_x.shape[1:] == x.shape[1:]:
            x += input_x
        return x

    def get_config(self):
        cfg = super(InvertedResidual, self).get_config()
        cfg.update({'filters': self.filters,
                    'strides': self.strides,
                    'expansion_factor': self.expansion_factor})
        return cfg


class MyConv2D(tf.keras.layers.Layer):
    def __init__(self, filters, kernel_size, strides, padding, trainable=True, name=None, **kwargs):
        super(MyConv2D, self).__init__(trainable=trainable, name=name, **kwargs)
        self.filters = filters
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding

    def build(self, input_shape):
        self.conv2D = Conv2D(filters=self.filters,
                             kernel_size=self.kernel_size,
                             strides=self.strides,
                             padding=self.padding,
                             kernel_regularizer=tf.keras.regularizers.l2(ModelConfig.REG_FACTOR),
                             activation=None)
        self.bn = BatchNormalization()
        self.relu6 = ReLU(max_value=6, negative_slope=0.1)

    def call(self, input_x):
        x = self.conv2D(input_x)
        x = self.bn(x)
        x = self.relu6(x)
        return x

    def get_config(self):
        cfg = super(MyConv2D, self).get_config()
        cfg.update({'filters': self.filters,
                    'kernel_size': self.kernel_size,
                    'strides': self.strides,
                    'padding': self.padding})
        return cfg


def SmallMobileNet(input_shape, output_classes):
    inputs = tf.keras.Input(shape=input_shape, name="InputLayer")
    x = MyConv2D(filters=12, kernel_size=3, strides=2, padding="same")(inputs)
    x = InvertedResidual(filters=16, strides=2, expansion_factor=1)(x)
    x = InvertedResidual(filters=32, strides=2, expansion_factor=6)(x)
    # Adding this layers seems to make the network to deep/wide to learn
    # x = InvertedResidual(filters=64, strides=1, expansion_factor=6)(x)
    x = Conv2D(filters=output_classes, kernel_size=1, strides=1, padding="same")(x)
    x = tf.keras.layers.Flatten()(x)
    # x = tf.keras.layers.Dropout(0.2)(x)
    outputs = tf.keras.layers.Dense(output_classes, activation="softmax")(x)

    return tf.keras.Model(inputs=inputs, outputs=outputs)


def build_model():
    input_shape = (28, 28, 1)
    model = SmallMobileNet(input_shape, 10)
    model.build((None, *input_shape))
    return model
