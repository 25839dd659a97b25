# LD005 unbuilt-sublayer: a functional Model subclass attaches a head that only a side method (re-running the trunk) uses
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f11b/measure5.py: layers not built
# as returned and after compile + fit on ones): reranker: score_head unbuilt before and after fit;
# auxiliary: the aux Dense unbuilt before and after fit; projector: the projection Dense unbuilt before
# and after fit. Twins: built_side_head and wired_projection: nothing unbuilt. head_on_features: its head
# is unbuilt too, like ld005f's HeadLater; it stays clean by design (a head on features the caller
# holds is a later stage the caller drives, nothing re-runs the trunk), so the rule is a warning.
import keras
from keras import Model, layers, ops

CASE, TITLE = "LD005p", "a head attached after super().__init__(inputs, outputs), used only by a method that re-runs the trunk"
FEATURES = 6


class Backbone(keras.Model):
    def __init__(self, width=8, **kwargs):
        inputs = keras.Input((FEATURES,))
        super().__init__(inputs, layers.Dense(width)(inputs), **kwargs)


class Reranker(keras.Model):
    def __init__(self, backbone, **kwargs):
        inputs = backbone.input
        x = backbone(inputs)
        outputs = layers.Dense(2, name="logits")(x)
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)
        self.backbone = backbone
        self.score_head = layers.Dense(1, name="score_head")  # LD005

    def score(self, features):
        hidden = self.backbone(features)
        return ops.squeeze(self.score_head(hidden), -1)


class AuxiliaryModel(Model):
    def __init__(self, **kwargs):
        encoder = keras.Sequential([layers.Dense(8, activation="relu")])
        inp = keras.Input((FEATURES,))
        super().__init__(inp, layers.Dense(1)(encoder(inp)), **kwargs)
        self.encoder = encoder
        self.aux = layers.Dense(3)  # LD005

    def predict_aux(self, x):
        return self.aux(self.encoder(x))


class Projector(keras.Model):
    def __init__(self, **kwargs):
        inp = keras.Input((FEATURES,))
        out = layers.Dense(4)(inp)
        super().__init__(inputs=inp, outputs=out, **kwargs)
        self.projection = layers.Dense(2)  # LD005

    def embed(self, x):
        return self.projection(self(x))


class HeadOnFeatures(keras.Model):
    """Correct: the head is kept for a method callers run on features they hold (nothing re-runs the trunk)."""

    def __init__(self, **kwargs):
        inp = keras.Input((FEATURES,))
        super().__init__(inp, layers.Dense(4)(inp), **kwargs)
        self.head = layers.Dense(2)

    def classify(self, features):
        return self.head(features)


class BuiltSideHead(keras.Model):
    """Correct: the side head is built in __init__, so its weights exist (and are saved) from the start."""

    def __init__(self, backbone, **kwargs):
        inputs = backbone.input
        super().__init__(inputs, layers.Dense(2)(backbone(inputs)), **kwargs)
        self.backbone = backbone
        self.score_head = layers.Dense(1)
        self.score_head.build((None, 8))

    def score(self, features):
        return self.score_head(self.backbone(features))


class WiredProjection(keras.Model):
    """Correct: the side method re-runs the trunk, but its head is also part of the wired graph."""

    def __init__(self, **kwargs):
        projection = layers.Dense(2)
        inp = keras.Input((FEATURES,))
        out = projection(layers.Dense(4)(inp))
        super().__init__(inputs=inp, outputs=out, **kwargs)
        self.projection = projection

    def embed(self, x):
        return self.projection(self(x))


def make_reranker():
    return Reranker(Backbone())


def make_auxiliary():
    return AuxiliaryModel()


def make_projector():
    return Projector()


def make_head_on_features():
    return HeadOnFeatures()


def make_built_side_head():
    return BuiltSideHead(Backbone())


def make_wired_projection():
    return WiredProjection()
