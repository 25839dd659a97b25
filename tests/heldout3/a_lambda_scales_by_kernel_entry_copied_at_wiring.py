"""A Lambda scales a Dense output by one entry of that Dense's kernel, read with `tf.gather` while wiring the model.

A 2025 blog post ("How can trainable weights from a previous layer be used within a Keras Lambda
function?") recommends extracting the weights *outside* the Lambda after the layer is built and passing
them in "as constant arguments": `scalar_value = tf.gather(tf.reshape(dense_layer.kernel, [-1]), 0)`,
then `Lambda(lambda x: x * scalar_value)`. The gather runs once, eagerly, at wiring time: the Lambda
multiplies by the kernel's initial value forever, whatever training does to the kernel.
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/main/gpu-blog-data/how-can-trainable-weights-from-a-previous-layer.md"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py a_lambda_scales_by_kernel_entry_copied_at_wiring.py:
as returned: Functional, count_params() = 210, 2 weights, unbuilt: none
after call: count_params() = 210, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
extra check (python: build_model(), kernel.assign(2 * kernel), then model(x) / relu(x @ kernel + bias)): the Lambda
still multiplies by kernel[0, 0] as it was at wiring (-0.3035) while the kernel now holds -0.6070: a constant
copy taken when the model was built, not the weight."""

import keras
import tensorflow as tf
from keras import layers


def build_model():
    dense_layer = layers.Dense(units=10, activation="relu")
    input_tensor = keras.Input(shape=(20,))
    output_tensor = dense_layer(input_tensor)
    dense_weights = dense_layer.kernel
    scalar_value = tf.gather(tf.reshape(dense_weights, [-1]), 0)
    scaling_layer = layers.Lambda(lambda x: x * scalar_value)(output_tensor)
    return keras.Model(inputs=input_tensor, outputs=scaling_layer)
