"""Sub-models create their Dense/LayerNorm lists inside `build()` but never build them.

Follow-up of keras#18823 (moving tf.keras 2.12 weights to Keras 3): the reporter moved the
layer creation of `SubModel` into `build()`, and `CombinedModel.build()` calls `build()` on
each sub-model. Keras 3 then says the layers "were never built" when loading weights: a
`build()` method must create all state, including the children's, and these children are only
instantiated, not built.
"""

SOURCE = "https://github.com/keras-team/keras/issues/18875"
CODES = ("LD005",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
after model.build((None, 16)): model.built is True, count_params() == 65 (only the head Dense,
built explicitly), and all 14 layers inside the two SubModels (3 Dense + 3 LayerNormalization +
output Dense each) are unbuilt; no warning printed (every class has its own build()).
The first real call builds them: count_params() == 23,809 after a call on a (2, 16) batch."""

import keras
from keras import layers, ops


class SubModel(keras.Model):
    def __init__(self, num_layer_norm, **kwargs):
        super().__init__(**kwargs)
        self.num_layer_norm = num_layer_norm

    def build(self, input_shape):
        self.dense_layers = [
            layers.Dense(64, activation="relu") for _ in range(self.num_layer_norm)
        ]
        self.layer_norms = [layers.LayerNormalization() for _ in range(self.num_layer_norm)]
        self.output_layer = layers.Dense(32, activation="relu")

    def call(self, inputs):
        x = inputs
        for dense, layer_norm in zip(self.dense_layers, self.layer_norms):
            x = layer_norm(dense(x))
        return self.output_layer(x)

    def get_config(self):
        config = super().get_config()
        config.update({"num_layer_norm": self.num_layer_norm})
        return config


class CombinedModel(keras.Model):
    def __init__(self, num_submodels, num_layer_norm, **kwargs):
        super().__init__(**kwargs)
        self.submodels = [SubModel(num_layer_norm) for _ in range(num_submodels)]
        self.head = layers.Dense(1)

    def build(self, input_shape):
        for submodel in self.submodels:
            submodel.build(input_shape)
        self.head.build((None, 32 * len(self.submodels)))

    def call(self, inputs):
        features = [submodel(inputs) for submodel in self.submodels]
        return self.head(ops.concatenate(features, axis=-1))


def build_model():
    model = CombinedModel(num_submodels=2, num_layer_norm=3)
    model.build((None, 16))
    return model
