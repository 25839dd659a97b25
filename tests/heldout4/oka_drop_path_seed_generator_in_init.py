"""Correct: a `DropPath` layer keeps a `keras.random.SeedGenerator` from `__init__` and draws `keras.random.uniform` in `call()`.

Migrating the ShiftViT example to Keras 3, the PR replaced `tf.random.uniform` by
`keras.random.uniform(..., seed=self.seed_generator)` with `self.seed_generator =
keras.random.SeedGenerator(1337)` created in `__init__`. A random tensor made in `call()` and a
state object made in `__init__` look like weight-like tensors created in call / raw state on
`self`, but the mask is per-batch noise, not a weight, and the SeedGenerator's state is tracked by
the layer. Here the block is a residual MLP with stochastic depth.
"""

SOURCE = "https://github.com/keras-team/keras-io/pull/2000"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py oka_drop_path_seed_generator_in_init.py:
as returned: Functional, count_params() = 592, 12 weights, unbuilt: none
after call: count_params() = 592, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mlp_block': 296, 'drop_path': 0, 'mlp_block_1': 296, 'drop_path_1': 0}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


class DropPath(layers.Layer):
    def __init__(self, drop_path_prob, **kwargs):
        super().__init__(**kwargs)
        self.drop_path_prob = drop_path_prob
        self.seed_generator = keras.random.SeedGenerator(1337)

    def call(self, x, training=False):
        if training:
            keep_prob = 1 - self.drop_path_prob
            shape = (ops.shape(x)[0],) + (1,) * (len(x.shape) - 1)
            random_tensor = keep_prob + keras.random.uniform(shape, 0, 1, seed=self.seed_generator)
            random_tensor = ops.floor(random_tensor)
            return (x / keep_prob) * random_tensor
        return x


class MlpBlock(layers.Layer):
    def __init__(self, dim, drop_path_prob=0.2, **kwargs):
        super().__init__(**kwargs)
        self.norm = layers.LayerNormalization(epsilon=1e-5)
        self.fc1 = layers.Dense(dim * 2, activation="gelu")
        self.fc2 = layers.Dense(dim)
        self.drop_path = DropPath(drop_path_prob)

    def call(self, x, training=False):
        return x + self.drop_path(self.fc2(self.fc1(self.norm(x))), training=training)


def build_model():
    inputs = keras.Input(shape=(16, 8))
    x = MlpBlock(8)(inputs)
    x = MlpBlock(8)(x)
    return keras.Model(inputs, layers.GlobalAveragePooling1D()(x))
