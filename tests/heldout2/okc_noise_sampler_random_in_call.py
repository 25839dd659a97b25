"""A noise layer draws fresh Gaussian noise with `keras.random.normal` inside `call()`.

The report found that `tf.random.normal` evaluated once outside the model gave the same "noise" on
every prediction in TF2 eager mode; the accepted fix moves the draw into a `Sampler` layer's `call()`,
so each call samples anew. Random tensors created in `call()` look like state created in `call()`,
but they are data, not weights. Rewritten with `keras.random` and a `SeedGenerator` on the layer.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/36715"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py okc_noise_sampler_random_in_call.py:
as returned: Functional, count_params() = 22, 2 weights, unbuilt: none
after call: count_params() = 22, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sampler': 0}
second call: 0 variables watched that the first call did not use"""

import keras


class Sampler(keras.layers.Layer):
    def __init__(self, stddev=1.0, **kwargs):
        super().__init__(**kwargs)
        self.stddev = stddev
        self.seed_generator = keras.random.SeedGenerator(7)

    def call(self, inputs):
        noise = keras.random.normal(keras.ops.shape(inputs), stddev=self.stddev, seed=self.seed_generator)
        return inputs + noise


def build_model():
    inputs = keras.Input((10,))
    x = Sampler()(inputs)
    return keras.Model(inputs, keras.layers.Dense(2)(x))
