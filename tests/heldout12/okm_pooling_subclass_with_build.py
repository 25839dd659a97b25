"""A subclass of the stateless MaxPooling2D adds its own build() that creates a per-channel gain.

The report: since Keras 3.6 stateless layers such as pooling set `self.built = True` in
`__init__`, so a subclass that expects `build()` to run was already "built" at construction and its
`build()` was skipped (the author had to build it by hand before wrapping it in a Sequential).
The code looks like an unbuilt-layer / weight-never-created bug. On Keras 3.15.1 the fix for that
report is in: the subclass is not built at construction, `build()` runs when the Sequential is
built, the gain weight is created, counted and trained.
"""

SOURCE = "https://github.com/keras-team/keras/issues/20871"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okm_pooling_subclass_with_build.py:
as returned: Sequential, count_params() = 15922, 5 weights, unbuilt: none
after call: count_params() = 15922, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'scaled_max_pooling2d': 8}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


@keras.saving.register_keras_serializable("heldout_lip")
class ScaledMaxPooling2D(keras.layers.MaxPooling2D):
    """Max pooling followed by a learnable, non-negative per-channel gain."""

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None,
                 k_coef_lip=1.0, **kwargs):
        super().__init__(pool_size=pool_size, strides=strides, padding=padding,
                         data_format=data_format, **kwargs)
        self.k_coef_lip = k_coef_lip

    def build(self, input_shape):
        channels = input_shape[-1]
        self.gain = self.add_weight(
            name="gain",
            shape=(channels,),
            initializer="ones",
            constraint=keras.constraints.NonNeg(),
        )
        super().build(input_shape)  # MaxPooling2D has no build(): Layer.build

    def call(self, inputs):
        pooled = super().call(inputs)
        return pooled * ops.minimum(self.gain, self.k_coef_lip)

    def get_config(self):
        config = super().get_config()
        config.update({"k_coef_lip": self.k_coef_lip})
        return config


def build_model():
    lay = ScaledMaxPooling2D(pool_size=(2, 2))
    model = keras.Sequential([
        keras.Input((28, 28, 3)),
        keras.layers.Conv2D(8, 3, padding="same"),
        lay,
        keras.layers.Flatten(),
        keras.layers.Dense(10),
    ])
    return model
