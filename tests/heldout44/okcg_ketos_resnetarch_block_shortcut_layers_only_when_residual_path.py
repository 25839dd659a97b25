"""Ketos (MERIDIAN's deep-learning toolkit for underwater acoustics, here a fork's copy) builds its ResNet from `ResNetBlock` sub-models. A block creates its 1x1 shortcut convolution and batch norm (`self.conv_down`, `self.batch_norm_down`) only when `residual_path` is True and calls them only under the same flag, and it applies one weightless `self.dropout` two or three times per call. `ResNetArch` stacks the blocks in a `Sequential` named "dynamic_blocks" with `residual_path=True` exactly where the filter count or stride changes. Every layer that exists is called, the shortcut layers exist only where they are used, and the reused Dropout has no weights: a correct look-alike of LD005 (sublayers created conditionally) and of LD007/LD008 (one layer object applied several times).

From mathieudpnt/Ketos, `ketos/neural_networks/resnet.py`: classes `ResNetBlock` and `ResNetArch`; `ResNetArch`
inherits `NNArch` from `ketos/neural_networks/dev_utils/nn_interface.py` (a `tf.keras.Model` with an optional
`frontend` Sequential and `call_frontend`).

Porting edits: `NNArch` is pasted trimmed to `__init__`, `add_frontend` and `call_frontend`; the freeze/unfreeze,
clone and set_* helper methods of `ResNetArch` (not used by `call`) are left out; `ResNetBlock.set_batch_norm_momentum`
is kept to show the guarded access to `batch_norm_down`. build_model() returns
`ResNetArch(n_classes=2, block_sets=[2, 2, 2], initial_filters=16)` (the shape of the Ketos ResNet recipes, smaller)
and a (2, 32, 32, 1) spectrogram batch, not called.
"""

SOURCE = "https://github.com/mathieudpnt/Ketos/blob/7e53c7b774325b4b910e5d64663f10aa14537d4d/ketos/neural_networks/resnet.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcg_ketos_resnetarch_block_shortcut_layers_only_when_residual_path.py:
as returned: ResNetArch, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv2D:conv2d', 'Sequential:dynamic_blocks', 'ResNetBlock:res_net_block_5', 'BatchNormalization:batch_normalization_13', 'Conv2D:conv2d_14', 'BatchNormalization:batch_normalization_12', 'Conv2D:conv2d_13', 'ResNetBlock:res_net_block_4', 'BatchNormalization:batch_normalization_11', 'Conv2D:conv2d_12', 'BatchNormalization:batch_normalization_10', 'Conv2D:conv2d_11', 'BatchNormalization:batch_normalization_9', 'Conv2D:conv2d_10', 'ResNetBlock:res_net_block_3', 'BatchNormalization:batch_normalization_8', 'Conv2D:conv2d_9', 'BatchNormalization:batch_normalization_7', 'Conv2D:conv2d_8', 'ResNetBlock:res_net_block_2', 'BatchNormalization:batch_normalization_6', 'Conv2D:conv2d_7', 'BatchNormalization:batch_normalization_5', 'Conv2D:conv2d_6', 'BatchNormalization:batch_normalization_4', 'Conv2D:conv2d_5', 'ResNetBlock:res_net_block_1', 'BatchNormalization:batch_normalization_3', 'Conv2D:conv2d_4', 'BatchNormalization:batch_normalization_2', 'Conv2D:conv2d_3', 'ResNetBlock:res_net_block', 'BatchNormalization:batch_normalization_1', 'Conv2D:conv2d_2', 'BatchNormalization:batch_normalization', 'Conv2D:conv2d_1', 'BatchNormalization:batch_normalization_14', 'Dense:dense']
after call: count_params() = 175378, 47 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 47 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'res_net_block_5': 74240, 'res_net_block_4': 57856, 'res_net_block_3': 18688, 'res_net_block_2': 14592, 'res_net_block_1': 4736, 'res_net_block': 4736}
second call: 0 variables watched that the first call did not use
probes/probe_ketos.py (same model, one training call): blocks 2 and 4 (first block of the 32- and 64-filter sets) have residual_path=True and own conv_down/batch_norm_down (15 weights each); the other four blocks have no shortcut layers (10 weights each); every existing sublayer is built after the call."""

import numpy as np
import tensorflow as tf


class NNArch(tf.keras.Model):
    """ General class for neural network architectures in the ketos.neural_networks module (trimmed)."""
    def __init__(self):
        super(NNArch, self).__init__()
        self.frontend = None # Initialize as None

    def add_frontend(self, frontend):
        if self.frontend == None:
            self.frontend = tf.keras.models.Sequential(name="frontend") #Here we are creating an EMPTY frontend block
        self.frontend.add(frontend)

    def call_frontend(self, inputs):
        if self.frontend == None:
            return inputs
        else:
            return self.frontend(inputs)


class ResNetBlock(tf.keras.Model):
    """ Residual block for ResNet architectures."""
    def __init__(self, filters, strides=1, kernel=(3,3), residual_path=False, batch_norm_momentum=0.99, dropout_rate=0):
        super(ResNetBlock, self).__init__()

        self.filters = filters
        self.strides = strides
        self.kernel  = kernel
        self.residual_path = residual_path

        self.conv_1 = tf.keras.layers.Conv2D(filters=self.filters, kernel_size=self.kernel, strides=self.strides,
                                                padding="same", use_bias=False,
                                                kernel_initializer=tf.random_normal_initializer())

        self.batch_norm_1 = tf.keras.layers.BatchNormalization(momentum=batch_norm_momentum)

        self.conv_2 = tf.keras.layers.Conv2D(filters=self.filters, kernel_size=self.kernel, strides=1,
                                                padding="same", use_bias=False,
                                                kernel_initializer=tf.random_normal_initializer())

        self.batch_norm_2 = tf.keras.layers.BatchNormalization(momentum=batch_norm_momentum)

        if residual_path == True:
            self.conv_down = tf.keras.layers.Conv2D(filters=self.filters, kernel_size=(1,1), strides=self.strides,
                                                padding="same", use_bias=False,
                                                kernel_initializer=tf.random_normal_initializer())

            self.batch_norm_down = tf.keras.layers.BatchNormalization(momentum=batch_norm_momentum)

        self.dropout = tf.keras.layers.Dropout(rate=dropout_rate)

    def set_batch_norm_momentum(self, momentum):
        assert momentum>=0 and momentum<=1, 'batch normalization momentum must be between 0 and 1'

        self.batch_norm_1.momentum = momentum
        self.batch_norm_2.momentum = momentum
        if self.residual_path:
            self.batch_norm_down.momentum = momentum

    def call(self,inputs, training=None):
        residual = inputs

        x = self.batch_norm_1(inputs, training=training)
        x = tf.nn.relu(x)
        x = self.conv_1(x)
        x = self.dropout(x, training=training)
        x = self.batch_norm_2(x, training=training)
        x = tf.nn.relu(x)
        x = self.conv_2(x)
        x = self.dropout(x, training=training)

        if self.residual_path:
            residual = self.batch_norm_down(inputs, training=training)
            residual = tf.nn.relu(residual)
            residual = self.conv_down(residual)
            x = self.dropout(x, training=training)

        x = x + residual
        return x


class ResNetArch(NNArch):
    """ Implements a ResNet architecture, building on top of ResNetBlocks."""
    def __init__(self,  n_classes, pre_trained_base=None, block_sets=None, initial_filters=16,
                        initial_strides=1, initial_kernel=(3,3), strides=2, kernel=(3,3),
                        batch_norm_momentum=0.99, dropout_rate=0, **kwargs):
        super(ResNetArch, self).__init__(**kwargs)

        self.n_classes = n_classes
        self.initial_strides = initial_strides
        self.initial_kernel = initial_kernel
        self.strides = strides
        self.kernel = kernel

        if pre_trained_base:
            self.conv_initial = pre_trained_base[0]
            self.blocks = pre_trained_base[1]

        else:
            self.n_sets = len(block_sets)
            self.block_sets = block_sets
            self.input_filters = initial_filters
            self.output_filters = initial_filters
            self.conv_initial = tf.keras.layers.Conv2D(filters=self.output_filters, strides=self.initial_strides,
                                                    kernel_size=self.initial_kernel, padding="same", use_bias=False,
                                                    kernel_initializer=tf.random_normal_initializer())

            self.blocks = tf.keras.models.Sequential(name="dynamic_blocks")

            self.num_blocks = 0
            for set_id in range(self.n_sets):
                for block_id in range(self.block_sets[set_id]):
                    #First layer of every block except the first
                    if set_id != 0 and block_id == 0:
                        block = ResNetBlock(self.output_filters, strides=self.strides, kernel=self.kernel, residual_path=True,
                                            batch_norm_momentum=batch_norm_momentum, dropout_rate=dropout_rate)

                    else:
                        if self.input_filters != self.output_filters:
                            residual_path = True
                        else:
                            residual_path = False

                        block = ResNetBlock(self.output_filters, strides=1, kernel=self.kernel, residual_path=residual_path,
                                            batch_norm_momentum=batch_norm_momentum, dropout_rate=dropout_rate)

                    self.input_filters = self.output_filters

                    self.blocks.add(block)
                    self.num_blocks += 1

                self.output_filters *= 2

        self.batch_norm_final = tf.keras.layers.BatchNormalization(momentum=batch_norm_momentum)
        self.average_pool = tf.keras.layers.GlobalAveragePooling2D()
        self.fully_connected = tf.keras.layers.Dense(self.n_classes)
        self.softmax = tf.keras.layers.Softmax()

    def call(self, inputs, training=None):
        output = self.call_frontend(inputs)
        output = self.conv_initial(output)
        output = self.blocks(output, training=training)
        output = self.batch_norm_final(output, training=training)
        output = tf.nn.relu(output)
        output = self.average_pool(output)
        output = self.fully_connected(output)
        output = self.softmax(output)

        return output


def build_model():
    model = ResNetArch(n_classes=2, block_sets=[2, 2, 2], initial_filters=16)
    x = np.random.default_rng(0).random((2, 32, 32, 1)).astype("float32")
    return model, x
