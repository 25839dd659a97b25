"""A blog post ("How can trainable weights from a previous layer be used within a Keras Lambda
function?") recommends reading a weight of the previous layer *outside* the Lambda and passing it in:
`scalar_value = tf.gather(tf.reshape(dense_layer.kernel, [-1]), 0)` is computed once, eagerly, and
`layers.Lambda(lambda x: x * scalar_value)` multiplies every output by it.

`scalar_value` is an EagerTensor: a frozen copy of kernel[0, 0] at construction time. The Lambda keeps
using that constant while `fit` moves the real kernel, so the "weight-derived" scale goes stale and gets
no gradient; the Lambda itself holds no weights and nothing of this is saved.

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); the post's `fit` on random data left out
of `build_model()` (measured in MEASURED instead). Example 1 of the post.
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/7cd8798ceb7286e7ee4e713a4b4251b8aef80baa/gpu-blog-data/how-can-trainable-weights-from-a-previous-layer.md"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/y_jobboard_lambda_scales_by_dense_kernel_snapshot.py:
as returned: Functional, count_params() = 210, 2 weights, unbuilt: none
after call: count_params() = 210, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
_measure sees nothing wrong (the Dense kernel itself is tracked and trained). Own script (/tmp/mine18a/probe2.py, the post's code + 2 epochs of adam fit): type(scalar_value) is EagerTensor; after fit scalar_value = -0.34498 while kernel[0,0] = -0.34698: the Lambda keeps multiplying by the construction-time copy. The Lambda has 0 weights; the scale is neither trained nor saved."""

import keras
import tensorflow as tf
from keras import layers


def build_model():
    # Define a simple Dense layer.
    dense_layer = layers.Dense(units=10, activation='relu')
    input_tensor = keras.Input(shape=(20,))
    output_tensor = dense_layer(input_tensor)

    # Get the weight from the dense layer.
    dense_weights = dense_layer.kernel  # Kernel contains the weight matrix

    # Extract one component of the first weight vector as the scaling constant
    scalar_value = tf.gather(tf.reshape(dense_weights, [-1]), 0)

    # Define the lambda layer using the scalar value.
    scaling_layer = layers.Lambda(lambda x: x * scalar_value)(output_tensor)

    model = keras.Model(inputs=input_tensor, outputs=scaling_layer)
    return model
