"""A radar point-cloud PointNet whose `InputTransformNet` (T-net) starts empty Python lists
`self.mlp_list`, `self.dense_list`, `self.batch_norm_list` in `__init__`, appends `MLP`, `Dense` and
`BatchNormalization` sublayers to them inside `build()` (plus the pooling and reshape layers as
attributes there), and creates its `w` (zeros) / `b` (identity) transform weights with `add_weight` in
`build()`; `MLP` itself creates its `Conv2D`/`BatchNormalization` in `build()`.

From TUMFTM/RadarSeg (`radarseg/model/pointnet.py`, `InputTransformNet`; `radarseg/model/layer/mlp.py`,
`MLP`). Looks like several traps at once (sublayers made outside `__init__`, layers held in plain
lists, `None` placeholders in the batch-norm list, config dicts mutated in `__init__`), but on Keras 3
the lists assigned to `self` are tracked, so every sublayer created in `build()` is found, built by
the first call and counted, and `w`, `b` and all sublayer weights get gradients.

Porting edits: `tensorflow.keras` -> `keras`; `K.expand_dims`/`K.dot`/`K.bias_add`/`K.flatten`
(gone from Keras 3's backend module) -> `tf.expand_dims`/`tf.matmul`/`tf.nn.bias_add`/`tf.reshape`;
`get_config`/`compute_output_shape` and MLP's unused regularizer/initializer arguments dropped;
one MLP of 8 filters, one Dense of 8 units with batch norm, 16 radar points.
"""

SOURCE = "https://github.com/TUMFTM/RadarSeg/blob/6555faf65db094f9585032b3dcf3a64355252598/radarseg/model/pointnet.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/okl_radarseg_pointnet_tnet_sublayers_appended_to_lists_in_build.py:
as returned: Functional, count_params() = 249, 14 weights, unbuilt: none
after call: count_params() = 249, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'input_transform_net': 249, 'mlp': 64}
second call: 0 variables watched that the first call did not use
Hand check of the 249: MLP Conv2D 1x3 (1->8) 32 + its BN 32, Dense 8->8 72 + BN 32, w 8x9 72, b 3x3 9;
all created in build() and all tracked (4 of the 14 weights are BN moving statistics)."""

import numpy as np
import tensorflow as tf
import keras
from keras import layers


class MLP(layers.Layer):
    def __init__(self,
                 filters,
                 kernel_size=[1, 1],
                 strides=[1, 1],
                 padding='valid',
                 data_format='channels_last',
                 activation='relu',
                 use_bias=True,
                 bn=False,
                 momentum=0.9,
                 epsilon=0.001,
                 name=None,
                 **kwargs):
        # Initialize keras base layer
        super(MLP, self).__init__(name=name, **kwargs)

        # Initialize MLP layer
        self.filters = filters
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding
        self.data_format = data_format
        self.activation = activation
        self.use_bias = use_bias

        self.bn = bn
        self.momentum = momentum
        self.epsilon = epsilon

        if self.data_format == 'channels_last':
            self.axis = -1
        elif self.data_format == 'channels_first':
            self.axis = 1
        else:
            raise ValueError('The data_format has to be either channels_last or channels_first!')

    def build(self, input_shape):
        # Build mlp layer
        self.mlp = layers.Conv2D(filters=self.filters, kernel_size=self.kernel_size, strides=self.strides, padding=self.padding,
                                 data_format=self.data_format, activation=self.activation, use_bias=self.use_bias)

        # Build batch normalization layer
        if self.bn:
            self.batch_normalization = layers.BatchNormalization(axis=self.axis, momentum=self.momentum, epsilon=self.epsilon)

        # Call build function of the keras base layer
        super(MLP, self).build(input_shape)

    def call(self, inputs):
        # Apply mlp layer
        output = self.mlp(inputs)

        # Apply batch normalization layer
        if self.bn:
            output = self.batch_normalization(output)

        return output


class InputTransformNet(layers.Layer):
    def __init__(self,
                 mlp=[{'filters': 1}],
                 dense=[],
                 batch_norm=[],
                 pooling='max',
                 data_format='channels_last',
                 name=None,
                 **kwargs):
        # Initialize keras base layer
        super(InputTransformNet, self).__init__(name=name, **kwargs)

        # Initialize InputTransformNet layer
        self.mlp = mlp
        self.dense = dense
        self.batch_norm = batch_norm
        self.pooling = pooling
        self.data_format = data_format

        # Checks
        assert self.pooling in set(('max', 'avg'))
        assert self.data_format in set(('channels_last', 'channels_first'))
        assert self.mlp

        # Set layer attributes
        self.chan_axis = -1 if self.data_format == 'channels_last' else 1
        self.mlp_list = []
        self.dense_list = []
        self.batch_norm_list = []

        # Pass module data_format setting to all mlp layers
        _ = [mlp_setting.update({'data_format': self.data_format}) for mlp_setting in self.mlp]
        _ = [batch_norm_setting.update({'axis': self.chan_axis}) for batch_norm_setting in self.batch_norm if batch_norm_setting is not None]

        # Set kernel of the first mlp layer
        if self.mlp and data_format == 'channels_last':
            self.mlp[0].update({'kernel_size': [1, 3]})
        elif self.mlp and data_format == 'channels_first':
            self.mlp[0].update({'kernel_size': [3, 1]})

        # Adjust the length of the batch_norm layers to match with the dense layers
        self.batch_norm += [None] * (len(self.dense) - len(self.batch_norm))

    def build(self, input_shape):
        # Build MLP layer
        for mlp_setting in self.mlp:
            self.mlp_list.append(MLP(**mlp_setting))

        # Build pooling layer
        if self.pooling == 'max':
            self.pooling_layer = layers.GlobalMaxPool2D(data_format=self.data_format)
        else:
            self.pooling_layer = layers.GlobalAveragePooling2D(data_format=self.data_format)

        # Build dense layer
        for dense_setting, batch_norm_setting in zip(self.dense, self.batch_norm):
            self.dense_list.append(layers.Dense(**dense_setting))
            if batch_norm_setting is not None:
                self.batch_norm_list.append(layers.BatchNormalization(**batch_norm_setting))
            else:
                self.batch_norm_list.append(None)

        # Add weights
        if self.dense:
            shape = (self.dense[-1]['units'], 9)
        elif self.mlp:
            shape = (self.mlp[-1]['filters'], 9)
        else:
            shape = (input_shape[self.chan_axis], 9)

        self.w = self.add_weight(name='w', shape=shape, initializer='zeros', trainable=True)
        self.b = self.add_weight(name='b', shape=(3, 3), initializer='identity', trainable=True)

        # Build reshape layer
        self.reshape = layers.Reshape(target_shape=(3, 3))

        # Call build function of the keras base layer
        super(InputTransformNet, self).build(input_shape)

    def call(self, inputs):
        # Expand input dimensions (to match the input format of the mlp layer)
        trans_mat = tf.expand_dims(inputs, axis=self.chan_axis)

        # Point coordinate encoding
        for mlp_layer in self.mlp_list:
            trans_mat = mlp_layer(trans_mat)

        # Pool encoded point channels (coordinates)
        trans_mat = self.pooling_layer(trans_mat)

        # Process encoded information
        for dense_layer, batch_norm_layer in zip(self.dense_list, self.batch_norm_list):
            trans_mat = dense_layer(trans_mat)
            if batch_norm_layer is not None:
                trans_mat = batch_norm_layer(trans_mat)

        # Apply transformation matrix
        trans_mat = tf.matmul(trans_mat, self.w)
        trans_mat = tf.nn.bias_add(trans_mat, tf.reshape(self.b, [-1]))

        # Adjust output format
        trans_mat = self.reshape(trans_mat)

        return trans_mat


def build_model():
    points = keras.Input((16, 3))
    trans = InputTransformNet(mlp=[{'filters': 8, 'bn': True}], dense=[{'units': 8, 'activation': 'relu'}],
                              batch_norm=[{'momentum': 0.9}])(points)
    aligned = layers.Dot(axes=(2, 1))([points, trans])
    return keras.Model(points, aligned)
