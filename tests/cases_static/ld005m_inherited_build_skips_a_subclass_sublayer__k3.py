# LD005 unbuilt-sublayer: a subclass with no build() inherits a project base's build() that builds only some sublayers, and the model is built without data
# Measured on Keras 3.15.1 + TF 2.21 (each make_* below, as returned, before any call on data): the inherited
# build() runs alone (an explicit model.build(shape), or the base's own "build in name scope" protocol), builds the
# sublayers it names (self.backbone, getattr(self, "encoder"), getattr(self, self.base_model_prefix)) and the
# subclass's head stays unbuilt with no weights: count_params() misses it, load_weights() has nowhere to put it.
#   make_prefixed_classifier  20 params, head Dense unbuilt (after a call on data: 35)
#   make_tagger               40 params, tag_head Dense unbuilt (after a call: 85)
#   make_scorer               40 params, score Dense unbuilt (after a call: 49)
#   make_gated                20 params (the layer as returned), gate Dense unbuilt (after a call: 40)
# Twins, as returned: make_head_built_too 35 (its own build() calls super().build() and builds the head),
# make_called_after_build 85 (called on data: call() builds the head), make_names_from_a_tuple 35 (the base builds
# every part it lists), make_dummy_call_protocol 35 (the protocol calls the model on dummy data, not build()).
# Lint before the change: none of the four reported (the inherited build() was not read).
import keras
import numpy as np
from keras import Model as KModel
from keras import layers

CASE, TITLE = "LD005m", "a project base's build() builds only the sublayers it names: the subclass's own sublayer stays unbuilt"
FEATURES = 4


class PrefixedPreTrained(keras.Model):
    """transformers' TF pattern: build() builds the main layer named by a class attribute; from_config builds
    the model in a name scope (no data) before the weights are loaded."""

    base_model_prefix = "encoder"

    def build(self, input_shape=None):
        if self.built:
            return
        self.built = True
        main = getattr(self, self.base_model_prefix, None)
        if main is not None:
            main.build((None, FEATURES))

    def build_in_name_scope(self):
        self.build(input_shape=None)

    @classmethod
    def from_config(cls, config):
        model = cls(**config)
        model.build_in_name_scope()
        return model


class PrefixedClassifier(PrefixedPreTrained):
    def __init__(self, classes=3, **kwargs):
        super().__init__(**kwargs)
        self.encoder = layers.Dense(4, activation="relu")
        self.dropout = layers.Dropout(0.1)
        self.head = layers.Dense(classes)  # LD005

    def call(self, inputs, training=False):
        return self.head(self.dropout(self.encoder(inputs), training=training))


class BackboneModel(KModel):
    """A base whose build() builds the backbone every subclass has, then marks the model built."""

    def build(self, input_shape):
        self.backbone.build(input_shape)
        self.built = True


class Tagger(BackboneModel):
    def __init__(self, tags=5, **kwargs):
        super().__init__(**kwargs)
        self.backbone = layers.Dense(8)
        self.tag_head = layers.Dense(tags)

    def call(self, inputs):
        return self.tag_head(self.backbone(inputs))


class EncoderBase(keras.Model):
    def build(self, input_shape):
        getattr(self, "encoder").build(input_shape)
        self.built = True

    def materialize(self):
        self.build((None, FEATURES))
        return self


class MiddleModel(EncoderBase):
    """Adds helpers only: the build() that runs is EncoderBase's."""

    def describe(self):
        return self.name


class Scorer(MiddleModel):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = layers.Dense(8, activation="tanh")
        self.score = layers.Dense(1)  # LD005

    def call(self, inputs):
        return self.score(self.encoder(inputs))


class ProjectedLayer(layers.Layer):
    def build(self, input_shape):
        self.proj.build(input_shape)
        super().build(input_shape)


class GatedProjection(ProjectedLayer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(units)
        self.gate = layers.Dense(units, activation="sigmoid")

    def call(self, inputs):
        return self.proj(inputs) * self.gate(inputs)


def make_prefixed_classifier():
    return PrefixedClassifier.from_config({"classes": 3})


def make_tagger():
    model = Tagger()
    model.build((None, FEATURES))  # LD005
    return model


def make_scorer():
    return Scorer().materialize()


def make_gated():
    layer = GatedProjection()
    layer.build((None, FEATURES))  # LD005
    return layer


# Correct look-alikes.
class HeadBuiltToo(PrefixedPreTrained):
    """Its own build() runs the base's, then builds the head."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = layers.Dense(4, activation="relu")
        self.head = layers.Dense(3)

    def build(self, input_shape=None):
        if self.built:
            return
        super().build(input_shape)
        self.head.build((None, 4))

    def call(self, inputs):
        return self.head(self.encoder(inputs))


class NamedPartsBase(keras.Model):
    """The base builds every part its subclass lists by name."""

    built_parts = ("encoder", "head")

    def build(self, input_shape):
        for name in self.built_parts:
            getattr(self, name).build(input_shape if name == "encoder" else (None, 4))
        self.built = True


class NamedParts(NamedPartsBase):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = layers.Dense(4)
        self.head = layers.Dense(3)

    def call(self, inputs):
        return self.head(self.encoder(inputs))


class DummyCallPreTrained(keras.Model):
    """The protocol runs the model on dummy data: call() builds everything."""

    def build(self, input_shape=None):
        self.encoder.build((None, FEATURES))
        self.built = True

    @classmethod
    def from_config(cls, config):
        model = cls(**config)
        model(np.zeros((1, FEATURES), "float32"))
        return model


class DummyCallClassifier(DummyCallPreTrained):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = layers.Dense(4)
        self.head = layers.Dense(3)

    def call(self, inputs):
        return self.head(self.encoder(inputs))


def make_head_built_too():
    model = HeadBuiltToo()
    model.build((None, FEATURES))
    return model


def make_called_after_build():
    model = Tagger()
    model.build((None, FEATURES))
    model(np.zeros((1, FEATURES), "float32"))
    return model


def make_names_from_a_tuple():
    model = NamedParts()
    model.build((None, FEATURES))
    return model


def make_dummy_call_protocol():
    return DummyCallClassifier.from_config({})
