# LD012 lambda-captured-state: a Lambda made in a loop whose function reads the loop variable when it runs
"""`[Lambda(lambda z: z[:, k:k + 1])(x) for k in range(3)]`: a Python closure reads `k` when it runs, not when it
is made, and Keras calls a Lambda's function again every time the model runs, after the loop has ended, so every
Lambda returns the last slice: no error, the outputs are silently the same (a Keras relation network's per-cell
`get_feature`, jayjinseokkim/relation-network; n-beats' per-channel slices with input_dim > 1). An error when
the loop is known to run at least twice (a literal range or list), else a warning. The twins bind the index when
the Lambda is made (a default argument, `arguments=`) or read a name the loop does not change.

MEASURED (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow; each make_* model's predict on its batch; /tmp/s45/m3.py):
  make_channel_slices:             [3, 3, 3] for the input [1, 2, 3] (every Lambda returns the last slice)
  make_grid_cells:                 the 6 cells of a 2x3 map all return the last cell [20, 21, 22, 23]
  make_bound_by_default:           [1, 2, 3] (twin)
  make_bound_by_arguments:         [1, 2, 3] (twin)
  make_loop_outside_the_function:  [4, 8, 12] (twin: `scale` is not the loop's variable)
"""
import numpy as np
import keras
from keras import layers


def make_channel_slices():
    x = keras.Input((3,))
    outs = [layers.Lambda(lambda z: z[:, k:k + 1])(x) for k in range(3)]  # LD012
    return keras.Model(x, layers.Concatenate()(outs)), np.array([[1., 2., 3.]], "float32")


def make_grid_cells(width=2, height=3):
    images = keras.Input((width, height, 4))
    objects = []
    for k1 in range(width):
        for k2 in range(height):
            def get_feature(t):
                return t[:, k1, k2, :]
            objects.append(layers.Lambda(get_feature)(images))  # LD012 (warning: the loop count is not in the code)
    return keras.Model(images, layers.Concatenate()(objects)), np.arange(24, dtype="float32").reshape(1, 2, 3, 4)


def make_bound_by_default():
    x = keras.Input((3,))
    outs = [layers.Lambda(lambda z, k=k: z[:, k:k + 1])(x) for k in range(3)]
    return keras.Model(x, layers.Concatenate()(outs)), np.array([[1., 2., 3.]], "float32")


def make_bound_by_arguments():
    x = keras.Input((3,))
    outs = []
    for k in range(3):
        outs.append(layers.Lambda(lambda z, k: z[:, k:k + 1], arguments={"k": k})(x))
    return keras.Model(x, layers.Concatenate()(outs)), np.array([[1., 2., 3.]], "float32")


def make_loop_outside_the_function():
    x = keras.Input((3,))
    scale = 2.0
    h = x
    for _ in range(2):
        h = layers.Lambda(lambda z: z * scale)(h)
    return keras.Model(x, h), np.array([[1., 2., 3.]], "float32")
