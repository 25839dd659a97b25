"""A noise-injection layer keeps a `SeedGenerator` made in `__init__` and draws with `keras.random` in `call()`.

The report's `RNL` layer (random noise layer) creates `keras.random.SeedGenerator(seed=1337)` in
the constructor and, in `call()`, draws a uniform number to decide with `keras.ops.cond` whether to
add uniform noise. The user hit an `UnexpectedTracerError` on the JAX backend at the end of an
epoch. The seed generator's state is a non-trainable variable that Keras tracks; the layer has no
trainable weight by design. Rewritten so the noisy branch is returned (the report returned
`inputs` by mistake) and used in a small Sequential model.
"""

SOURCE = "https://github.com/keras-team/keras/issues/20724"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py okc_random_noise_layer_seed_generator_in_init.py:
as returned: Sequential, count_params() = 385, 4 weights, unbuilt: none
after call: count_params() = 385, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'random_noise_layer': 0}
second call: 0 variables watched that the first call did not use"""

import keras


class RandomNoiseLayer(keras.layers.Layer):
    def __init__(self, noise_rate, **kwargs):
        super().__init__(**kwargs)
        self.noise_rate = noise_rate
        self.seed_generator = keras.random.SeedGenerator(seed=1337)

    def call(self, inputs, training=False):
        if not training:
            return inputs
        apply_noise = keras.random.uniform((), seed=self.seed_generator) < self.noise_rate
        return keras.ops.cond(
            apply_noise,
            lambda: inputs + keras.random.uniform(keras.ops.shape(inputs), 0.0, self.noise_rate,
                                                  seed=self.seed_generator),
            lambda: inputs,
        )

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model():
    return keras.Sequential([
        keras.Input((10,)),
        RandomNoiseLayer(noise_rate=0.1),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
