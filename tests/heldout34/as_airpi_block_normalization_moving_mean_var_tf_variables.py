"""airpi's hand-written `Block_Normalization` (one per channel group inside `Grouped_Batch_Normalization`, normalization
option 3 of its `Convolution_Block`) keeps its moving mean and variance as raw `tf.Variable`s next to `add_weight`
gamma/beta: on Keras 3 the running statistics are not tracked, so they are neither counted, listed nor saved, and
a reloaded network normalises inference inputs with mean 0 / variance 1.

From ThFriedrich/airpi (`ap_architectures/layers.py` at 0121654, the electron-ptychography U-Net of "AIRPI").
`Block_Normalization.__init__` creates `gamma`/`beta` with `self.add_weight(shape=(1,))` (tracked) and
`self.moving_mean = tf.Variable(0.0, trainable=False)`, `self.moving_var = tf.Variable(1.0, trainable=False)`
(LD003); `normalize()` updates them with `assign` when `training` and uses them otherwise.
`Grouped_Batch_Normalization` appends one `Block_Normalization` per channel group to a list in `__init__`
(tracked, fine) and `Convolution_Block` chooses it when `normalization == 3` (airpi's config comment: "0 = None,
1 = Instance, 2 = Layer else Batch"). tf.keras 2 tracked the two variables as non-trainable weights.

Porting edits: `tensorflow_addons` (not installable with TF 2.21) is replaced: `InstanceNormalization` and
`GroupNormalization` of the unused options 1 and 4 now come from `keras.layers.GroupNormalization`
(`groups=-1` for instance norm); the `ap_utils` import is dropped (not used by these classes); `self.batch_norm[ig](g, training)` ->
`training=training` (Keras 3 refuses a positional `training`). The three classes are
otherwise as written. build_model() wires one `Convolution_Block(filters=8, normalization=3)` into a functional
model on 8x8x4 inputs; the own probe `p_airpi.py` calls it in training mode and round-trips `save_weights`.
"""

SOURCE = "https://github.com/ThFriedrich/airpi/blob/0121654d0a0a7237ce885c3b79318359aba9e83d/ap_architectures/layers.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/as/as_airpi_block_normalization_moving_mean_var_tf_variables.py:
as returned: Functional, count_params() = 300, 6 weights, unbuilt: none
after call: count_params() = 300, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'convolution__block': 300, 'grouped__batch__normalization': 4, 'block__normalization_1': 2, 'block__normalization': 2}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine34/as/p_airpi.py:
Block_Normalization layers: 2 | model.weights: 6 | non_trainable_weights: 0 | moving_mean/moving_var in model.weights: 0 of 4
after 20 training calls: moving_mean of group 0 = -0.7925 moving_var = 28.1101
fresh model after load_weights: moving_mean = 0.0 moving_var = 1.0 | inference outputs equal: False"""

import tensorflow as tf
from tensorflow.keras import layers as kl, activations as ka

GroupNormalization = kl.GroupNormalization


def InstanceNormalization():  # stand-in for tensorflow_addons.layers.InstanceNormalization
    return kl.GroupNormalization(groups=-1)


class Block_Normalization(kl.Layer):
    """Block normalization layer. Normalizes the input tensor to have zero mean and unit variance
    across the entire tensor (including the batch dimension)"""

    def __init__(self, momentum=0.9, epsilon=1e-8):
        super(Block_Normalization, self).__init__()
        self.epsilon = epsilon
        self.momentum = momentum
        self.gamma = self.add_weight(
            name='gamma', shape=(1,), initializer='ones')
        self.beta = self.add_weight(
            name='beta', shape=(1,), initializer='zeros')
        self.moving_mean = tf.Variable(
            0.0, name='moving_mean', trainable=False)
        self.moving_var = tf.Variable(1.0, name='moving_var', trainable=False)

    def normalize(self, x: tf.Tensor, training: bool) -> tf.Tensor:
        if training:
            x_mean, x_var = tf.nn.moments(x, axes=[0, 1, 2, 3], keepdims=False)
            x_std = tf.sqrt(x_var + self.epsilon)
            self.moving_mean.assign(
                self.moving_mean * self.momentum + x_mean * (1 - self.momentum))
            self.moving_var.assign(
                self.moving_var * self.momentum + x_var * (1 - self.momentum))
            return self.gamma * (x - x_mean) / x_std + self.beta
        else:
            return self.gamma * (x - self.moving_mean) / tf.sqrt(self.moving_var + self.epsilon) + self.beta

    def call(self, x, training=False):
        return self.normalize(x, training)


class Grouped_Batch_Normalization(kl.Layer):
    """Grouped batch normalization layer. Normalizes the input tensor to have zero mean and unit variance
    across `n` groups (including the batch dimension)"""

    def __init__(self, groups=2):
        super(Grouped_Batch_Normalization, self).__init__()
        self.groups = groups
        self.batch_norm = []
        for _ in range(groups):
            self.batch_norm.append(Block_Normalization())

    def normalise(self, x: tf.Tensor, training: bool) -> tf.Tensor:
        grps = tf.split(x, self.groups, -1)
        for ig, g in enumerate(grps):
            grps[ig] = self.batch_norm[ig](g, training=training)
        return tf.concat(grps, -1)

    def call(self, x, training=None):
        return self.normalise(x, training)


class Convolution_Block(kl.Layer):
    """Layer implementing a sequence of 2D-Convolution, normalization and activation."""

    def __init__(self, filters=None, kernel_size=[3, 3], strides=[1, 1], padding='same', activation=5, normalization=5, dropout=None, initializer='glorot_uniform', kernel_regularizer=None, activity_regularizer=None, transpose=False):
        super(Convolution_Block, self).__init__()
        self.filters = filters
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding
        self.activation = activation
        self.dropout = dropout
        self.normalization = normalization
        self.initializer = initializer
        self.kernel_regularizer = kernel_regularizer
        self.activity_regularizer = activity_regularizer
        self.transpose = transpose

        if dropout is not None and dropout > 0.0:
            self.dropout_layer = kl.Dropout(self.dropout)
        else:
            self.dropout_layer = None

        if self.activation == 0:
            self.activation_layer = None
        elif self.activation == 1:
            self.activation_layer = kl.LeakyReLU()
        elif self.activation == 2:
            self.activation_layer = kl.ELU()
        elif self.activation == 3:
            self.activation_layer = ka.swish
        elif self.activation == 5:
            self.activation_layer = kl.ReLU()
        else:
            self.activation_layer = kl.Activation('linear')

        if self.normalization == 0:
            self.normalization_layer = None
        elif self.normalization == 1:
            self.normalization_layer = InstanceNormalization()
        elif self.normalization == 2:
            self.normalization_layer = kl.LayerNormalization()
        elif self.normalization == 3:
            self.normalization_layer = Grouped_Batch_Normalization()
        elif self.normalization == 4:
            self.normalization_layer = GroupNormalization(groups=2)
        elif self.normalization == 5:
            self.normalization_layer = kl.BatchNormalization()
        else:
            self.normalization_layer = None

    def build(self, input_shape):
        if self.filters is None:
            self.filters = input_shape[-1]
        if self.transpose:
            self.conv2d = kl.Conv2DTranspose(self.filters, kernel_size=self.kernel_size, strides=self.strides, padding=self.padding,
                                                     kernel_regularizer=self.kernel_regularizer, activity_regularizer=self.activity_regularizer, kernel_initializer=self.initializer,
                                                     activation=None, dtype=tf.float32)
        else:
            self.conv2d = kl.Conv2D(self.filters, kernel_size=self.kernel_size, strides=self.strides, padding=self.padding,
                                    kernel_regularizer=self.kernel_regularizer, activity_regularizer=self.activity_regularizer, kernel_initializer=self.initializer,
                                    activation=None, dtype=tf.float32)

    def call(self, x, training=False):
        x = self.conv2d(x)
        if self.normalization_layer is not None:
            x = self.normalization_layer(x)
        if self.activation_layer is not None:
            x = self.activation_layer(x)
        if self.dropout_layer is not None:
            x = self.dropout_layer(x)
        return x


def build_model():
    inp = tf.keras.Input((8, 8, 4))
    out = Convolution_Block(filters=8, normalization=3)(inp)
    return tf.keras.Model(inp, out)
