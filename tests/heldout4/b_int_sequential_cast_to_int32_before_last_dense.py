"""A Sequential model casts the hidden Dense output to int32 in a Lambda and feeds the integers to the last Dense.

A post on TFLite-compatible alternatives to `Cast` starts from "the original model with a Cast
operation": `Sequential([Input((10,)), Dense(5), Lambda(lambda x: tf.cast(x, tf.int32)),
Dense(1)])`. The cast to an integer type cuts the gradient: the first Dense (kernel and bias) gets `None`,
counted but never trained; only the last Dense, which reads the integers as its input, trains.
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/main/gpu-blog-data/can-tflite-offer-compatible-alternatives-to-cast-minimum.md"
CODES = ("LD009",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py b_int_sequential_cast_to_int32_before_last_dense.py:
as returned: Sequential, count_params() = 61, 4 weights, unbuilt: none
after call: count_params() = 61, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 4 trainable weights: ['sequential/dense/kernel', 'sequential/dense/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf


def build_model():
    return keras.Sequential([
        keras.layers.Input(shape=(10,)),
        keras.layers.Dense(5),
        keras.layers.Lambda(lambda x: tf.cast(x, tf.int32)),
        keras.layers.Dense(1),
    ])
