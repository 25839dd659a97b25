"""A Lambda's function creates one Dense per input tensor and sums them (arguments={'output_dims': 10}).

The report passed a list `[input, hidden]` into `Lambda(dense_fn, arguments={'output_dims': 10})`,
where `dense_fn` builds a new `Dense(output_dims)` for each tensor; it crashed on output shapes in Keras
1. Written for Keras 3: the function runs, and every Dense is made inside the Lambda's call.
"""

SOURCE = "https://github.com/keras-team/keras/issues/3599"
CODES = ("LD002", "LD012")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py a_lambda_dense_per_input_in_function.py:
as returned: Functional, count_params() = 110, 2 weights, unbuilt: none
after call: count_params() = 110, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 4 variables the model does not track: ['functional/lambda/dense_1/kernel:0', 'functional/lambda/dense_1/bias:0', 'functional/lambda/dense_2/kernel:0', 'functional/lambda/dense_2/bias:0']
second call: 4 variables watched that the first call did not use"""

import keras
from keras import layers


def dense_fn(tensors, output_dims):
    outputs = [layers.Dense(output_dims)(t) for t in tensors]
    return keras.ops.sum(keras.ops.stack(outputs), axis=0)


def build_model(numeric_columns=10):
    inputs = keras.Input((numeric_columns,), name="numeric_input")
    hidden = layers.Dense(10)(inputs)
    merged = layers.Lambda(dense_fn, output_shape=(10,), arguments={"output_dims": 10})([inputs, hidden])
    outputs = layers.Add()([merged, inputs])
    return keras.Model(inputs, outputs)
