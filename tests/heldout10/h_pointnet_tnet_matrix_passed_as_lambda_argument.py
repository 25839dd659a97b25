"""PointNet (Keras): the T-Net's 3x3 / 64x64 transform reaches the point features through `Lambda(mat_mul, arguments={'B': input_T})`.

garyli1019/pointnet-keras implements PointNet classification/segmentation with the functional
API. The input- and feature-transformation nets end in `Reshape((3, 3))` / `Reshape((64, 64))`,
and the transform is applied with `Lambda(mat_mul, arguments={'B': input_T})(input_points)`:
the T-Net output is smuggled into the Lambda as a keyword argument instead of being one of its
inputs. Under Keras 2 / TF1 the graph tensor was simply captured (the repo's issue #10 reports
that saving and reloading the model is then broken). On Keras 3 the captured tensor is a symbolic
KerasTensor that the Lambda's function cannot use: building the classifier fails at the first
Lambda with "We could not automatically infer the shape of the Lambda's output"; given an
output_shape it builds, but the T-Net layers are not part of the model (their weights are missing)
and the first call fails. Sizes scaled down; the script's top-level code is wrapped in a function;
`Dense(9, weights=[zeros, identity])` -> zero kernel / identity bias initializers (Keras 3's Dense
has no `weights=` argument).
"""

SOURCE = "https://github.com/garyli1019/pointnet-keras/issues/10"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py h_pointnet_tnet_matrix_passed_as_lambda_argument.py:
build_model() raised NotImplementedError: Exception encountered when calling Lambda.call().
  (full message: "We could not automatically infer the shape of the Lambda's output. Please specify the `output_shape` argument")
own check (/tmp/mine10c/pointnet_outshape.py: the same file with output_shape= added to both Lambdas), measured with _measure.py:
as returned: Functional, count_params() = 778, 20 weights, unbuilt: none
call 1 raised ValueError: Exception encountered when calling Lambda.call().  ("A KerasTensor cannot be used as input to a TensorFlow function")
model.layers = ['input_layer', 'lambda', 'conv1d_2', 'batch_normalization_3', 'lambda_1', 'conv1d_4', 'batch_normalization_6',
'max_pooling1d_2', 'dense_4', 'batch_normalization_7', 'dropout', 'dense_5', 'flatten']: no layer of either T-Net
(conv1d, conv1d_1, dense..dense_3, conv1d_3 and their BatchNorms) is in the model."""

import numpy as np
import tensorflow as tf
from keras.layers import Input, Dense, Flatten, Reshape, Dropout
from keras.layers import Conv1D as Convolution1D, MaxPooling1D, BatchNormalization
from keras.layers import Lambda
from keras.initializers import Constant
from keras.models import Model


def mat_mul(A, B):
    return tf.matmul(A, B)


def rotate_point_cloud(batch_data):
    rotated_data = np.zeros(batch_data.shape, dtype=np.float32)
    for k in range(batch_data.shape[0]):
        rotation_angle = np.random.uniform() * 2 * np.pi
        cosval = np.cos(rotation_angle)
        sinval = np.sin(rotation_angle)
        rotation_matrix = np.array([[cosval, 0, sinval], [0, 1, 0], [-sinval, 0, cosval]])
        shape_pc = batch_data[k, ...]
        rotated_data[k, ...] = np.dot(shape_pc.reshape((-1, 3)), rotation_matrix)
    return rotated_data


def pointnet_cls(num_points=32, k=10, width=8):
    # ------------------------------------ Pointnet Architecture
    # input_Transformation_net
    input_points = Input(shape=(num_points, 3))
    x = Convolution1D(width, 1, activation='relu')(input_points)
    x = BatchNormalization()(x)
    x = Convolution1D(2 * width, 1, activation='relu')(x)
    x = BatchNormalization()(x)
    x = MaxPooling1D(pool_size=num_points)(x)
    x = Dense(2 * width, activation='relu')(x)
    x = BatchNormalization()(x)
    x = Dense(9, kernel_initializer='zeros',
              bias_initializer=Constant(np.array([1, 0, 0, 0, 1, 0, 0, 0, 1]).astype(np.float32)))(x)
    input_T = Reshape((3, 3))(x)

    # forward net
    g = Lambda(mat_mul, arguments={'B': input_T})(input_points)
    g = Convolution1D(width, 1, activation='relu')(g)
    g = BatchNormalization()(g)

    # feature transform net
    f = Convolution1D(width, 1, activation='relu')(g)
    f = BatchNormalization()(f)
    f = MaxPooling1D(pool_size=num_points)(f)
    f = Dense(2 * width, activation='relu')(f)
    f = BatchNormalization()(f)
    f = Dense(width * width, kernel_initializer='zeros',
              bias_initializer=Constant(np.eye(width).flatten().astype(np.float32)))(f)
    feature_T = Reshape((width, width))(f)

    # forward net
    g = Lambda(mat_mul, arguments={'B': feature_T})(g)
    g = Convolution1D(2 * width, 1, activation='relu')(g)
    g = BatchNormalization()(g)

    # global_feature
    global_feature = MaxPooling1D(pool_size=num_points)(g)

    # point_net_cls
    c = Dense(2 * width, activation='relu')(global_feature)
    c = BatchNormalization()(c)
    c = Dropout(rate=0.7)(c)
    c = Dense(k, activation='softmax')(c)
    prediction = Flatten()(c)
    # --------------------------------------------------end of pointnet

    model = Model(inputs=input_points, outputs=prediction)
    return model


def build_model():
    return pointnet_cls()
