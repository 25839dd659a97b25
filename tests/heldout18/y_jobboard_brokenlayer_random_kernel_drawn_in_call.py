"""A blog post ("Why is a custom layer not receiving input in plot_model?"), Example 1 `BrokenLayer`:
no `build()`, no weights; `call()` returns `tf.matmul(inputs, tf.random.normal(shape=[inputs.shape[-1],
self.output_dim]))`, so the "kernel" of this dense-like layer is a fresh random tensor drawn on every call.

The post blames plot_model; the weight problem is that the projection matrix is state created in
`call()`: never a variable, never counted, never trained or saved, and different on every forward pass.

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); `build_model()` is the post's commented
Sequential (`Input(shape=(10,))` + `BrokenLayer(5)`) without the plot_model call.
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/79975aa2db0354ab7266c0d3063adbd87b21f484/gpu-blog-data/why-is-a-custom-layer-not-receiving-input.md"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/y_jobboard_brokenlayer_random_kernel_drawn_in_call.py:
as returned: Sequential, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'broken_layer': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine18a/probe11.py): count_params() == 0, 0 weights; the same input passed twice gives different outputs (a new 10x5 random matrix is drawn per call). No warning printed."""

import keras
import tensorflow as tf
from keras import layers


class BrokenLayer(layers.Layer):
  def __init__(self, output_dim, **kwargs):
    super(BrokenLayer, self).__init__(**kwargs)
    self.output_dim = output_dim

  def call(self, inputs):
     return tf.matmul(inputs, tf.random.normal(shape = [inputs.shape[-1], self.output_dim]))


def build_model():
    input_shape = (None, 10)
    model = keras.Sequential([
       layers.Input(shape=input_shape[1:]),
       BrokenLayer(5)
    ])
    return model
