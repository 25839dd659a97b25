"""A blog post on "why isn't my custom layer being counted in model.summary()" shows
`IncorrectCustomLayer`, whose `call()` multiplies the input by `tf.random.normal((in, units))`
drawn afresh on every call: the layer has no weights, every forward pass uses a new random matrix,
and nothing in it can be trained.

The post's first example puts the layer after a `Dense(10)` in a `Sequential`, calls the model once
and observes that the summary shows no parameters for it; the post blames the missing `build()`.
The defect is the matrix itself: it is a weight-like tensor created inside `call()`, so it is
neither tracked nor reused - two calls on the same input give different outputs, the Dense before it
trains against noise, and no weight of the custom layer is ever saved.

Porting edits: `tf.keras.*` -> `keras.*` (the layer keeps `tf.matmul`/`tf.random.normal`);
`model.summary()` left out; `build_model()` returns the Sequential called once on the post's
(1, 10) dummy input, with a (2, 10) batch for measuring.
"""

SOURCE = "https://github.com/Alejogb1/job-board/blob/eea7dc11a4b5d456fd9ab8d5abd24b043fef27de/gpu-blog-data/why-isnt-my-custom-layer-being-counted-in-modelsummary.md"
CODES = ("LD002",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/m_jobboard_summary_post_random_matrix_drawn_in_call.py:
as returned: Sequential, count_params() = 110, 2 weights, unbuilt: none
after call: count_params() = 110, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'incorrect_custom_layer': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine16a/t_rand.py): two calls on the same (2, 10) batch give different outputs (np.allclose False); the
custom layer has 0 weights, the model's weights are only the Dense kernel/bias; compile + one fit epoch runs without any warning
(the random matrix is redrawn inside the traced step)."""

import numpy as np
import tensorflow as tf
import keras


class IncorrectCustomLayer(keras.layers.Layer):
  def __init__(self, units, **kwargs):
    super(IncorrectCustomLayer, self).__init__(**kwargs)
    self.units = units
    # Missing build method here

  def call(self, inputs):
    return tf.matmul(inputs, tf.random.normal(shape = (inputs.shape[-1], self.units)))


def build_model():
  model = keras.Sequential([
      keras.layers.Dense(10),
      IncorrectCustomLayer(5)
  ])
  dummy_input = tf.random.normal(shape=(1, 10))
  model(dummy_input)
  return model, np.random.default_rng(0).random((2, 10)).astype("float32")
