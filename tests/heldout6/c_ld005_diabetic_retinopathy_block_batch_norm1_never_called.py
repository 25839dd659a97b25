"""A retinopathy classifier's residual block creates `batch_norm1` but calls `batch_norm0` twice: batch_norm1 stays unbuilt.

Yii99/Diabetic-Algorithm (a small tf.keras 2 model for diabetic-retinopathy grading that also
returns its last feature map for Grad-CAM) keeps three `MyBlock`s on private attributes
(`self._block0`..`_block2`, tracked like public ones). Each block creates
`conv0, batch_norm0, conv1, batch_norm1`, but `call()` normalizes after `conv1` with
`self.batch_norm0` again (and reuses `conv0`/`batch_norm0` for the projection shortcut), so
`batch_norm1` is never called and nothing builds it. On Keras 3 it stays unbuilt with no
variables: the layer the author meant to train and save is absent from the weights, and
`batch_norm0` is shared by three different activations.
"""

SOURCE = "https://github.com/Yii99/Diabetic-Algorithm/blob/master/Model.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py c_ld005_diabetic_retinopathy_block_batch_norm1_never_called.py:
warning: `build()` was called on layer 'my_block', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despit
warning: `build()` was called on layer 'my_block_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, desp
warning: `build()` was called on layer 'my_block_2', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, desp
as returned: MyModel, count_params() = 60090, 30 weights, unbuilt: ['BatchNormalization:batch_normalization_1', 'BatchNormalization:batch_normalization_3', 'BatchNormalization:batch_normalization_5']
after call: count_params() = 60090, 24 trainable weights, unbuilt: ['BatchNormalization:batch_normalization_1', 'BatchNormalization:batch_normalization_3', 'BatchNormalization:batch_normalization_5']; output dtypes ['float32']
gradient None for 0 of 24 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_block': 144, 'my_block_1': 480, 'my_block_2': 1728}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Conv2D, Dense, Dropout, Flatten


class MyBlock(tf.keras.layers.Layer):
    def __init__(self, n_out):
        super(MyBlock, self).__init__()
        self.conv0 = Conv2D(n_out, 1, strides=1, activation="relu")
        self.batch_norm0 = tf.keras.layers.BatchNormalization()
        self.conv1 = Conv2D(n_out, 1, strides=1, activation="relu")
        self.batch_norm1 = tf.keras.layers.BatchNormalization()
        self.n_out = n_out

    def call(self, input, training=False):
        n_in = input.get_shape()[-1]
        h = self.conv0(input)
        h = self.batch_norm0(h, training=training)
        h = self.conv1(h)
        h = self.batch_norm0(h, training=training)
        n_out = self.n_out
        if n_in != n_out:
            shortcut = self.conv0(input)
            shortcut = self.batch_norm0(shortcut, training=training)
        else:
            shortcut = input
        return tf.nn.relu(shortcut + h)


class MyModel(tf.keras.Model):
    def __init__(self):
        super(MyModel, self).__init__()
        self.conv0 = Conv2D(4, 3, strides=1, activation="relu")
        self.Maxpool = tf.keras.layers.MaxPool2D(pool_size=(2, 2), strides=2)
        self._block0 = MyBlock(8)
        self._block1 = MyBlock(16)
        self._block2 = MyBlock(32)
        self.flatten = Flatten()
        self.dropout = Dropout(0.2)
        self.dense0 = Dense(8, activation="relu")
        self.dense1 = Dense(2)

    def call(self, inputs, training=False):
        output = self.conv0(inputs)
        output = self.Maxpool(output)
        output = self._block0(output, training=training)
        output = self._block1(output, training=training)
        output = self._block2(output, training=training)
        feature_map = output
        output = self.flatten(output)
        output = self.dropout(output, training=training)
        output = self.dense0(output)
        output = self.dense1(output)
        output = tf.nn.softmax(output)
        return output, feature_map


def build_model():
    model = MyModel()
    images = np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32")
    model(images)  # the training script builds the model on a first batch
    return model, images
