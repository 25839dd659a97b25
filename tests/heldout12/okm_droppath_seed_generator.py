"""DropPath (stochastic depth) keeps a `keras.random.SeedGenerator` on `self` inside a residual block.

In the Keras 3 migration of a CV library, `DropPath.__init__` stores
`self.seed = keras.random.SeedGenerator(seed=seed)` (with the int kept separately for get_config),
and `call()` draws its mask with `keras.random.uniform(..., seed=self.seed)`. To a linter this is
a backend random object stored in `__init__` and random state used in `call()`, which looks like
raw-tensor state or state made in call. On Keras 3 the SeedGenerator is tracked by the layer (its
state variable is a layer variable, not a trainable weight), the block's Dense/LayerNorm weights are
all counted and trained, and nothing is re-created per call.
"""

SOURCE = "https://github.com/keras-team/keras-cv/pull/2241"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okm_droppath_seed_generator.py:
as returned: Functional, count_params() = 8644, 14 weights, unbuilt: none
after call: count_params() = 8644, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mlp_mixer_block': 4256, 'drop_path': 0, 'mlp_mixer_block_1': 4256, 'drop_path_1': 0}
second call: 0 variables watched that the first call did not use
own script (/tmp/mine12b/sg.py): DropPath.variables == ['seed_generator/seed_generator_state'] (tracked state, not a weight), DropPath.weights == 0."""

import keras
from keras import layers, ops


@keras.saving.register_keras_serializable(package="heldout_cv")
class DropPath(layers.Layer):
    """Implements the DropPath layer (drops whole residual paths per sample)."""

    def __init__(self, rate=0.5, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self._seed_val = seed
        self.seed = keras.random.SeedGenerator(seed=seed)

    def call(self, x, training=None):
        if self.rate == 0.0 or not training:
            return x
        keep_prob = 1 - self.rate
        drop_map_shape = (ops.shape(x)[0],) + (1,) * (len(x.shape) - 1)
        drop_map = ops.cast(
            keras.random.uniform(drop_map_shape, seed=self.seed) > self.rate,
            x.dtype,
        )
        x = x / keep_prob
        x = x * drop_map
        return x

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self._seed_val})
        return config


class MLPMixerBlock(layers.Layer):
    def __init__(self, hidden_dim, drop_path_rate=0.1, **kwargs):
        super().__init__(**kwargs)
        self.hidden_dim = hidden_dim
        self.norm = layers.LayerNormalization(epsilon=1e-6)
        self.fc1 = layers.Dense(hidden_dim * 2, activation="gelu")
        self.fc2 = layers.Dense(hidden_dim)
        self.drop_path = DropPath(drop_path_rate, seed=42)

    def build(self, input_shape):
        self.norm.build(input_shape)
        self.fc1.build(input_shape)
        self.fc2.build(input_shape[:-1] + (self.hidden_dim * 2,))
        self.built = True

    def call(self, x, training=None):
        y = self.fc2(self.fc1(self.norm(x)))
        return x + self.drop_path(y, training=training)


def build_model():
    inputs = keras.Input((16, 32))
    x = MLPMixerBlock(32)(inputs)
    x = MLPMixerBlock(32, drop_path_rate=0.2)(x)
    outputs = layers.Dense(4)(layers.GlobalAveragePooling1D()(x))
    return keras.Model(inputs, outputs)
