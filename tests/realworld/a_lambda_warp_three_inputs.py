"""Correct: a warping Lambda whose inputs (depth map, image, ray directions) all arrive as Keras tensors.

The reporter's `warpImage(args)` unpacks `depth_map, refImg, refPos = args` and warps the
image by a flow built from the depth map; they suspected "no weights are being updated" because
the Lambda has no parameters. The function reads nothing from outside; gradients flow through the
Lambda into the depth network. (Their `tf.contrib.image.dense_image_warp` is replaced by a
bilinear-free shift made of keras.ops so it runs on Keras 3.)
"""

SOURCE = "https://github.com/keras-team/keras/issues/12172"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 2801 (the three Conv2D of the depth net); the Lambda has 0 weights and takes its
three inputs as KerasTensors; every conv weight gets a gradient through the Lambda; output
(2, 16, 16, 3); no warning."""

import keras
from keras import ops
from keras.layers import Conv2D, Input, Lambda


def warpImage(args):
    depth_map, refImg, refPos = args
    curX = ops.multiply(depth_map, refPos[:, :, :, :1])
    curY = ops.multiply(depth_map, refPos[:, :, :, 1:])
    dMove = ops.concatenate([curX, curY], axis=3)
    # stand-in for dense_image_warp(img, flow): image modulated by the flow magnitude
    return refImg * (1.0 + ops.tanh(ops.sum(dMove, axis=3, keepdims=True)))


def depth_net(inp):
    c1 = Conv2D(8, (7, 7), padding="same", activation="relu")(inp)
    c2 = Conv2D(8, (5, 5), padding="same", activation="relu")(c1)
    return Conv2D(1, (1, 1), padding="same")(c2)


def build_model():
    img = Input((16, 16, 3))
    ref_img = Input((16, 16, 3))
    ref_pos = Input((16, 16, 2))
    depth = depth_net(img)
    warped = Lambda(warpImage)([depth, ref_img, ref_pos])
    return keras.Model([img, ref_img, ref_pos], warped)
