"""A Keras model delegates its feature extractor to a backend-native module that Keras does not track.

The report replaced the `keras_core.layers` of the MNIST convnet example with `torch.nn.Module`
blocks inside a `keras_core.Model`; `fit` ran without error but the model learned nothing, and the
maintainer answered that only Keras `Layer` objects are tracked, not backend modules. The same
shape on the TensorFlow backend: a `tf.Module` holding its own `tf.Variable` kernel and bias,
stored on a subclassed `keras.Model` and called from `call()`; only the Keras head is trained.
"""

SOURCE = "https://github.com/keras-team/keras-core/issues/604"
CODES = ("LD011", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py c_ld011_tf_module_block_inside_keras_model.py:
as returned: MnistNet, count_params() = 650, 2 weights, unbuilt: none
after call: count_params() = 650, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 2 variables the model does not track: ['w:0', 'b:0']
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np
import tensorflow as tf


class NativeFeatureBlock(tf.Module):
    def __init__(self, in_features, out_features, name=None):
        super().__init__(name=name)
        self.w = tf.Variable(tf.random.normal((in_features, out_features), stddev=0.1), name="w")
        self.b = tf.Variable(tf.zeros((out_features,)), name="b")

    def __call__(self, x):
        return tf.nn.relu(tf.matmul(x, self.w) + self.b)


class MnistNet(keras.Model):
    def __init__(self, num_classes=10, **kwargs):
        super().__init__(**kwargs)
        self.features = NativeFeatureBlock(784, 64)
        self.classifier = keras.layers.Dense(num_classes, activation="softmax")

    def call(self, inputs):
        return self.classifier(self.features(inputs))


def build_model():
    model = MnistNet()
    images = np.random.default_rng(0).random((4, 784)).astype("float32")
    model(images)
    return model, images
