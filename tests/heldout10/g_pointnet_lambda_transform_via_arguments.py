"""PointNet in Keras: the T-net's 3x3 / 64x64 transforms reach the main branch through `Lambda(arguments=...)`.

The classification script builds the input- and feature-transform nets functionally, reshapes their output
to a matrix, and applies it with `Lambda(mat_mul, arguments={'B': input_T})(input_points)`: the transform
tensor is handed to the Lambda as a constant keyword argument instead of as an input. Users reported that
saving the model / weights was "useless" with these Lambda layers. The transform nets are not on the graph
path from the model's input to its output (the Lambda's only input is the point cloud), so the functional
model never owns their layers. Ported to Keras 3 the way the errors ask (initializers instead of
`weights=[...]`, an explicit `output_shape` for the Lambda), the model builds with the T-net layers missing
from `model.layers` and the parameter count, and the first call fails because the Lambda still holds a
symbolic KerasTensor.
"""

SOURCE = "https://github.com/garyli1019/pointnet-keras/issues/10"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py g_pointnet_lambda_transform_via_arguments.py:
as returned: Functional, count_params() = 823848, 44 weights, unbuilt: none
call 1 raised ValueError: Exception encountered when calling Lambda.call().
(own script: model.layers has 22 layers and starts ['input_layer', 'lambda', 'conv1d_3', ...]: both transform nets,
input-T and feature-T, are missing from the model and from the count; the call fails with "A KerasTensor cannot be
used as input to a TensorFlow function" inside mat_mul)"""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Input
from keras.models import Model
from keras.layers import Dense, Flatten, Reshape, Dropout
from keras.layers import Convolution1D, MaxPooling1D, BatchNormalization
from keras.layers import Lambda


def mat_mul(A, B):
    return tf.matmul(A, B)


def rotate_point_cloud(batch_data):
    """Randomly rotate the point clouds along the up direction (augmentation, used in the training loop)."""
    rotated_data = np.zeros(batch_data.shape, dtype=np.float32)
    for k in range(batch_data.shape[0]):
        rotation_angle = np.random.uniform() * 2 * np.pi
        cosval, sinval = np.cos(rotation_angle), np.sin(rotation_angle)
        rotation_matrix = np.array([[cosval, 0, sinval], [0, 1, 0], [-sinval, 0, cosval]])
        rotated_data[k, ...] = np.dot(batch_data[k, ...].reshape((-1, 3)), rotation_matrix)
    return rotated_data


def identity_bias(n):
    return keras.initializers.Constant(np.eye(n).flatten().astype(np.float32))


def pointnet_cls(num_points=128, k=40):
    # ------------------------------------ Pointnet Architecture
    # input_Transformation_net
    input_points = Input(shape=(num_points, 3))
    x = Convolution1D(64, 1, activation="relu")(input_points)
    x = BatchNormalization()(x)
    x = Convolution1D(128, 1, activation="relu")(x)
    x = BatchNormalization()(x)
    x = Convolution1D(1024, 1, activation="relu")(x)
    x = BatchNormalization()(x)
    x = MaxPooling1D(pool_size=num_points)(x)
    x = Dense(512, activation="relu")(x)
    x = BatchNormalization()(x)
    x = Dense(256, activation="relu")(x)
    x = BatchNormalization()(x)
    x = Dense(9, kernel_initializer="zeros", bias_initializer=identity_bias(3))(x)
    input_T = Reshape((3, 3))(x)

    # forward net
    g = Lambda(mat_mul, output_shape=(num_points, 3), arguments={"B": input_T})(input_points)
    g = Convolution1D(64, 1, activation="relu")(g)
    g = BatchNormalization()(g)
    g = Convolution1D(64, 1, activation="relu")(g)
    g = BatchNormalization()(g)

    # feature transform net
    f = Convolution1D(64, 1, activation="relu")(g)
    f = BatchNormalization()(f)
    f = Convolution1D(128, 1, activation="relu")(f)
    f = BatchNormalization()(f)
    f = Convolution1D(1024, 1, activation="relu")(f)
    f = BatchNormalization()(f)
    f = MaxPooling1D(pool_size=num_points)(f)
    f = Dense(512, activation="relu")(f)
    f = BatchNormalization()(f)
    f = Dense(256, activation="relu")(f)
    f = BatchNormalization()(f)
    f = Dense(64 * 64, kernel_initializer="zeros", bias_initializer=identity_bias(64))(f)
    feature_T = Reshape((64, 64))(f)

    # forward net
    g = Lambda(mat_mul, output_shape=(num_points, 64), arguments={"B": feature_T})(g)
    g = Convolution1D(64, 1, activation="relu")(g)
    g = BatchNormalization()(g)
    g = Convolution1D(128, 1, activation="relu")(g)
    g = BatchNormalization()(g)
    g = Convolution1D(1024, 1, activation="relu")(g)
    g = BatchNormalization()(g)

    # global_feature
    global_feature = MaxPooling1D(pool_size=num_points)(g)

    # point_net_cls
    c = Dense(512, activation="relu")(global_feature)
    c = BatchNormalization()(c)
    c = Dropout(rate=0.7)(c)
    c = Dense(256, activation="relu")(c)
    c = BatchNormalization()(c)
    c = Dropout(rate=0.7)(c)
    c = Dense(k, activation="softmax")(c)
    prediction = Flatten()(c)
    # --------------------------------------------------end of pointnet
    return Model(inputs=input_points, outputs=prediction)


def build_model():
    return pointnet_cls()
