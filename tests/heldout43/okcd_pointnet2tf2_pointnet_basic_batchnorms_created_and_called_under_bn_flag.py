"""dgriffiths3's PointNet-1 classifier for TF 2 (`Pointnet_Model`, a point-cloud classification network) creates its seven `BatchNormalization` layers only `if self.bn:` and calls each of them only `if training == True and self.bn == True`; the training script calls the model with the default `training=True`, so with `bn=True` every batch norm is built on the first batch and trained, and with `bn=False` none is created. A look-alike of LD005 (layers made in `__init__` that `call()` may skip): creation and use are guarded by the same flag, so no layer is left unbuilt.

From dgriffiths3/pointnet2-tensorflow2 (PointNet++ layers for TF 2 with a basic PointNet baseline),
`models/cls_basic_model.py`: `__init__` stores the settings and calls `init_network()`, which creates `mlp1`..`mlp5`
(1x1 `Conv1D`s 64-64-64-128-1024), `maxpool` over all points, `dense1`/`dense2`/`dense3` and `dropout1`, plus `bn1`..`bn7`
under `if self.bn:`. `call(self, input, training=True)` runs them in order, reshaping with the fixed `self.batch_size`.
The repository's `train_modelnet.py` trains through a `tf.GradientTape` loop whose `train_step` calls `model(train_pts)`.
(Not a catalog defect, noted only: at inference (`training=False`) the batch norms are skipped altogether rather than
run with their moving statistics.)

Porting edits: none to the class apart from indentation (the original uses tabs) and dropping the unused `os`, `sys`,
`pylab`, `K` and `Flatten` imports. build_model() builds `Pointnet_Model(batch_size=2, num_points=64, num_classes=40,
bn=True)` (the repository's ModelNet setting has batch 4 and 8192 points) and returns it with a (2, 64, 3) point
batch; the model is not called, as the training script's first call happens inside its loop.
"""

SOURCE = "https://github.com/dgriffiths3/pointnet2-tensorflow2/blob/1cffd0206355c16ff6ca3e09e31cafc58af92bfa/models/cls_basic_model.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcd_pointnet2tf2_pointnet_basic_batchnorms_created_and_called_under_bn_flag.py:
as returned: Pointnet_Model, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv1D:conv1d', 'BatchNormalization:batch_normalization', 'Conv1D:conv1d_1', 'BatchNormalization:batch_normalization_1', 'Conv1D:conv1d_2', 'BatchNormalization:batch_normalization_2', 'Conv1D:conv1d_3', 'BatchNormalization:batch_normalization_3', 'Conv1D:conv1d_4', 'BatchNormalization:batch_normalization_4', 'Dense:dense', 'BatchNormalization:batch_normalization_5', 'Dense:dense_1', 'BatchNormalization:batch_normalization_6', 'Dense:dense_2']
after call: count_params() = 823848, 30 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 30 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

# Pointnet 1 model: https://github.com/charlesq34/pointnet

import numpy as np
import tensorflow as tf

from tensorflow.keras import Model
from tensorflow.keras.layers import (
    Dense,
    Conv1D,
    MaxPool1D,
    BatchNormalization,
    Dropout
)


class Pointnet_Model(Model):

    def __init__(self, batch_size, num_points, num_classes, bn=False, activation=tf.nn.relu):
        super(Pointnet_Model, self).__init__()

        self.activation = activation
        self.batch_size = batch_size
        self.num_points = num_points
        self.num_classes = num_classes
        self.keep_prob = 0.5
        self.bn = bn

        self.kernel_initializer = 'glorot_normal'
        self.kernel_regularizer = None

        self.init_network()


    def init_network(self):

        self.mlp1 = Conv1D(
            filters=64,
            kernel_size=[1],
            strides=[1],
            padding='same',
            activation=self.activation,
            kernel_initializer=self.kernel_initializer,
            kernel_regularizer=self.kernel_regularizer
        )

        if self.bn: self.bn1 = BatchNormalization()

        self.mlp2 = Conv1D(
            filters=64,
            kernel_size=[1],
            strides=[1],
            padding='same',
            activation=self.activation,
            kernel_initializer=self.kernel_initializer,
            kernel_regularizer=self.kernel_regularizer
        )

        if self.bn: self.bn2 = BatchNormalization()

        self.mlp3 = Conv1D(
            filters=64,
            kernel_size=[1],
            strides=[1],
            padding='same',
            activation=self.activation,
            kernel_initializer=self.kernel_initializer,
            kernel_regularizer=self.kernel_regularizer
        )

        if self.bn: self.bn3 = BatchNormalization()

        self.mlp4 = Conv1D(
            filters=128,
            kernel_size=[1],
            strides=[1],
            padding='same',
            activation=self.activation,
            kernel_initializer=self.kernel_initializer,
            kernel_regularizer=self.kernel_regularizer
        )

        if self.bn: self.bn4 = BatchNormalization()

        self.mlp5 = Conv1D(
            filters=1024,
            kernel_size=[1],
            strides=[1],
            padding='same',
            activation=self.activation,
            kernel_initializer=self.kernel_initializer,
            kernel_regularizer=self.kernel_regularizer
        )

        if self.bn: self.bn5 = BatchNormalization()

        self.maxpool = MaxPool1D(
            pool_size = (self.num_points)
        )

        self.dense1 = Dense(512, activation=self.activation)

        if self.bn: self.bn6 = BatchNormalization()

        self.dense2 = Dense(256, activation=self.activation)

        if self.bn: self.bn7 = BatchNormalization()

        self.dropout1 = Dropout(self.keep_prob)

        self.dense3 = Dense(self.num_classes, activation=tf.nn.softmax)


    def call(self, input, training=True):

        net = self.mlp1(input)
        if training == True and self.bn == True: net = self.bn1(net, training=training)

        net = self.mlp2(net)
        if training == True and self.bn == True: net = self.bn2(net, training=training)

        net = self.mlp3(net)
        if training == True and self.bn == True: net = self.bn3(net, training=training)

        net = self.mlp4(net)
        if training == True and self.bn == True: net = self.bn4(net, training=training)

        net = self.mlp5(net)
        if training == True and self.bn == True: net = self.bn5(net, training=training)

        net = self.maxpool(net)
        net = tf.reshape(net, (self.batch_size, -1))

        net = self.dense1(net)
        if training == True and self.bn == True: net = self.bn6(net, training=training)

        net = self.dense2(net)
        if training == True and self.bn == True: net = self.bn7(net, training=training)

        net = self.dropout1(net)

        pred = self.dense3(net)

        return pred


def build_model():
    model = Pointnet_Model(batch_size=2, num_points=64, num_classes=40, bn=True)
    points = np.random.default_rng(0).uniform(-1, 1, (2, 64, 3)).astype("float32")
    return model, points
