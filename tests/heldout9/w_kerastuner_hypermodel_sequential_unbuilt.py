"""HyperModel keeps a prebuilt feature layer and returns a Sequential that has no input shape.

keras-tuner issue #54 ("Weights for model sequential have not yet been created error"): the
`HyperModel` subclass stores the feature-column layer on itself in `__init__` and, in
`build(hp)`, adds it as the first layer of a fresh `tf.keras.Sequential`, followed by Dense layers
whose width is a hyperparameter, and compiles. Nothing gives the Sequential an input shape, so
the returned model has no weights at all when the tuner inspects it (parameter count, summary,
weight save/restore between trials): every layer is unbuilt until the first batch.
(keras_tuner is not installed here; `HyperModel` and the `hp` object are minimal stand-ins.)
"""

SOURCE = "https://github.com/keras-team/keras-tuner/issues/54"
CODES = ("LD005",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py w_kerastuner_hypermodel_sequential_unbuilt.py:
as returned: Sequential, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['FeatureLayer:feature_layer', 'LayerNormalization:layer_normalization', 'Dense:dense', 'Dense:dense_1', 'Dense:dense_2']
no inputs known: not called
own probe (/tmp/mine9b/p6.py): model.summary() lists every layer as "0 (unbuilt)", Total params: 0;
model.save_weights(...) raises ValueError "You are saving a model that has not yet been built";
after one call on a (2, 5) batch count_params() = 451."""

import tensorflow as tf
from tensorflow.keras import layers


class HyperParameters:
    """Stand-in for keras_tuner.HyperParameters: returns the default of each range."""

    def __init__(self):
        self.values = {}

    def Range(self, name, min_value, max_value, step=1, default=None):
        value = default if default is not None else min_value
        self.values[name] = value
        return value

    Int = Range


class HyperModel:
    def __init__(self, name=None, tunable=True):
        self.name = name
        self.tunable = tunable

    def build(self, hp):
        raise NotImplementedError


class FeatureLayer(layers.Layer):
    """Plays the role of tf.keras.layers.DenseFeatures: projects + normalises numeric columns."""

    def __init__(self, units=8, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(units)
        self.norm = layers.LayerNormalization()

    def call(self, inputs):
        return self.norm(self.proj(inputs))


class FBPDHyperModel(HyperModel):
    def __init__(self, features):
        super().__init__(name="fbpd")
        self.features_layers = features  # DenseFeatures Layer

    def build(self, hp):
        model = tf.keras.Sequential()
        model.add(self.features_layers)
        model.add(layers.Dense(units=hp.Range("units", 32, 512, 32), activation="relu"))
        model.add(layers.Dense(3, activation="softmax"))
        model.compile(
            optimizer=tf.keras.optimizers.Adam(),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        return model


def build_model():
    features_layer = FeatureLayer(units=8)
    hypermodel = FBPDHyperModel(features=features_layer)
    return hypermodel.build(HyperParameters())
