# LD011 untracked-container: layers handed to a plain record (a dataclass or a plain class that stores its arguments)
import dataclasses
import typing

import keras
from keras import layers, ops

CASE, TITLE = "LD011k", "layers made as arguments of a dataclass or plain record stay outside Keras"
FEATURES = 6


@dataclasses.dataclass(frozen=True)
class Stage:
    """A pipeline step: a module and how often to run it."""

    module: layers.Layer
    repeats: int = 1


class Branch:
    """A plain class that keeps what it is given."""

    def __init__(self, head, weight):
        self.head = head
        self.weight = weight


class Route(typing.NamedTuple):
    """A NamedTuple is a tuple: Keras 3 tracks the layers inside it."""

    module: layers.Layer
    repeats: int


@dataclasses.dataclass
class Options:
    width: int
    dropout: float


class StagedModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.stages = [Stage(layers.Dense(FEATURES, activation="relu"), 2), Stage(module=layers.Dense(FEATURES))]  # LD011
        self.head = layers.Dense(1)

    def call(self, inputs):
        x = inputs
        for stage in self.stages:
            for _ in range(stage.repeats):
                x = stage.module(x)
        return self.head(x)


class BranchModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        encoder = layers.Dense(4)
        self.branch = Branch(encoder, 0.5)  # LD011
        self.head = layers.Dense(1)

    def call(self, inputs):
        return self.head(self.branch.head(inputs) * self.branch.weight)


class PipelineBase(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.pipeline = self.make_pipeline()
        self.head = layers.Dense(1)

    def make_pipeline(self):
        raise NotImplementedError

    def call(self, inputs):
        x = inputs
        for stage in self.pipeline:
            x = stage.module(x)
        return self.head(x)


class TwoStagePipeline(PipelineBase):
    def make_pipeline(self):
        return (Stage(module=layers.Dense(FEATURES)), Stage(module=layers.Dense(FEATURES)))  # LD011


class OwnPipeline(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.pipeline = self._stages(2)
        self.head = layers.Dense(1)

    def _stages(self, count):
        return [Stage(layers.Dense(FEATURES)) for _ in range(count)]  # LD011

    def call(self, inputs):
        x = inputs
        for stage in self.pipeline:
            x = stage.module(x)
        return self.head(x)


class RoutedModel(keras.Model):
    """Correct: NamedTuples are tuples, and Keras 3 tracks the layers inside them."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.routes = [Route(layers.Dense(FEATURES), 1), Route(layers.Dense(FEATURES), 2)]
        self.head = layers.Dense(1)

    def call(self, inputs):
        x = inputs
        for route in self.routes:
            for _ in range(route.repeats):
                x = route.module(x)
        return self.head(x)


class AliasedStageModel(keras.Model):
    """Correct: the record refers to a layer that is also an attribute, so Keras tracks it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.encoder = layers.Dense(FEATURES)
        self.stage = Stage(self.encoder, 2)
        self.head = layers.Dense(1)

    def call(self, inputs):
        x = inputs
        for _ in range(self.stage.repeats):
            x = self.stage.module(x)
        return self.head(x)


class ListedStageModel(keras.Model):
    """Correct: the layer given to the record is also kept in a tracked list."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        dense = layers.Dense(FEATURES)
        self.blocks = [dense]
        self.stage = Stage(dense, 1)
        self.head = layers.Dense(1)

    def call(self, inputs):
        return self.head(self.stage.module(inputs))


class OptionsModel(keras.Model):
    """Correct: the dataclass holds numbers only."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.options = Options(width=4, dropout=0.1)
        self.dense = layers.Dense(self.options.width)
        self.head = layers.Dense(1)

    def call(self, inputs):
        return self.head(ops.relu(self.dense(inputs)))


def make_staged():
    return StagedModel()


def make_branch():
    return BranchModel()


def make_two_stage():
    return TwoStagePipeline()


def make_own_pipeline():
    return OwnPipeline()


def make_routed():
    return RoutedModel()


def make_aliased():
    return AliasedStageModel()


def make_listed():
    return ListedStageModel()


def make_options():
    return OptionsModel()
