"""Correct: a layer anneals its behaviour with a non-trainable `iteration` weight that `call` increments.

Asked how a layer can know the current epoch or step, a Keras contributor answered: add a
non-trainable weight named `iteration`, add an update that increments it, and use the variable in
`call`. Written for Keras 3: the counter is an `add_weight(trainable=False)` bumped with `assign_add`
in training mode; it is counted as a non-trainable parameter and is meant to get no gradient.
"""

SOURCE = "https://github.com/keras-team/keras/issues/5206"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py oka_epoch_counter_nontrainable_weight.py:
as returned: Functional, count_params() = 226, 5 weights, unbuilt: none
after call: count_params() = 226, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'annealed_noise': 1}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class AnnealedNoise(keras.layers.Layer):
    """Adds input noise whose scale decays with the number of training steps seen."""

    def __init__(self, initial_scale=0.5, decay=0.01, **kwargs):
        super().__init__(**kwargs)
        self.initial_scale = initial_scale
        self.decay = decay
        self.seed_generator = keras.random.SeedGenerator(7)

    def build(self, input_shape):
        self.iteration = self.add_weight(name="iteration", shape=(), initializer="zeros",
                                         trainable=False)

    def call(self, inputs, training=None):
        if not training:
            return inputs
        self.iteration.assign_add(1.0)
        scale = self.initial_scale / (1.0 + self.decay * self.iteration)
        return inputs + scale * keras.random.normal(ops.shape(inputs), seed=self.seed_generator)


def build_model():
    features = keras.Input((12,))
    hidden = keras.layers.Dense(16, activation="relu")(features)
    hidden = AnnealedNoise()(hidden)
    return keras.Model(features, keras.layers.Dense(1)(hidden))
