# LD005 unbuilt-sublayer: a layer with no build() answers the wiring from compute_output_spec/shape while its call() cannot run on symbolic inputs
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow, /tmp/fix17a/measure_u.py on this file): each
# make_* wires the layer on keras.Input (functional); then count_params() and the unbuilt sublayers.
# Keras 3 builds a layer with no build() by tracing call() on the symbolic inputs; when call() turns an
# input into concrete values (convert_to_numpy, .numpy(), np.asarray) the trace fails, Keras warns
# "looks like it has unbuilt state" and marks the layer built, and the overridden compute_output_spec /
# compute_output_shape answers the wiring without call(): the sublayers stay unbuilt.
# make_pooler: TokenPooler.score and .head unbuilt (count_params 5: the outer Dense only);
# make_regions: RegionEncoder (a Model, wired inside another Model's __init__) leaves .stem and the
# dict .heads of project blocks (which make their Dense in build()) unbuilt, count 17 (the outer Dense);
# make_segmenter: Segmenter (compute_output_spec from a project base) leaves .mix unbuilt, count 5.
# (A sublayer call() runs before the conversion is built by the failed trace: measured with stem called
# first, count 89.)
# Twins: make_built_regions: the same RegionEncoder with a build() that builds every sublayer (keras-hub
# PR #2710's fix): count 233, nothing unbuilt; make_traceable: compute_output_spec returns directly but
# call() traces (no concrete values): Keras builds it by the trace, count 297, nothing unbuilt;
# make_spec_from_call: compute_output_spec answers through call() (super().compute_output_spec), count
# 297, nothing unbuilt; make_self_built: the untraceable pooler of make_pooler, but its sublayer is a project
# layer that builds itself in its own __init__ (keras-hub's style), count 18, nothing unbuilt (lead,
# /tmp/m_selfbuilt.py). Every buggy one warned "looks like it has unbuilt state"; no twin did.
import keras
import numpy as np
from keras import layers, ops

CASE, TITLE = "LD005u", "a build()-less layer whose compute_output_spec hides an untraceable call()"
FEATURES = 8


class TokenPooler(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.score = layers.Dense(1)  # LD005
        self.head = layers.Dense(units)  # LD005

    def call(self, tokens, lengths):
        counts = ops.convert_to_numpy(lengths)
        pooled = []
        for i, n in enumerate(counts.reshape(-1)):
            weights = ops.softmax(self.score(tokens[i, : int(n)]), axis=0)
            pooled.append(ops.sum(weights * tokens[i, : int(n)], axis=0))
        return self.head(ops.stack(pooled))

    def compute_output_shape(self, tokens_shape, lengths_shape=None):
        return (tokens_shape[0], self.units)


class ProjectBlock(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.fc = layers.Dense(self.units, name="fc")
        self.fc.build(input_shape)

    def call(self, x):
        return ops.gelu(self.fc(x))


class RegionEncoder(keras.Model):
    def __init__(self, units, kinds=("cls", "box"), **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.stem = layers.Dense(units)  # LD005
        self.heads = {kind: ProjectBlock(units, name=kind) for kind in kinds}  # LD005

    def _offsets(self, boxes):
        corners = boxes.numpy()
        return ops.convert_to_tensor(corners[..., :2] - corners[..., 2:])

    def call(self, features, boxes):
        offsets = self._offsets(boxes)
        x = self.stem(features) + ops.sum(offsets)
        return ops.concatenate([head(x) for head in self.heads.values()], axis=-1)

    def compute_output_spec(self, features, boxes=None):
        """Answer the wiring without running the forward pass."""
        return keras.KerasTensor((features.shape[0], self.units * len(self.heads)), dtype="float32")


class SpecLayer(layers.Layer):
    """A project base that answers the output spec from the constructor's settings."""

    def compute_output_spec(self, *args, **kwargs):
        return keras.KerasTensor((args[0].shape[0], self.units), dtype=self.compute_dtype)


class Segmenter(SpecLayer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.mix = layers.Dense(units)  # LD005

    def call(self, values, segment_ids):
        ids = np.asarray(segment_ids).reshape(-1)
        sums = ops.segment_sum(values, ids, num_segments=int(ids.max()) + 1)
        return self.mix(sums)


class BuiltRegionEncoder(RegionEncoder):
    def build(self, features_shape, boxes_shape=None):
        self.stem.build(features_shape)
        for head in self.heads.values():
            head.build((features_shape[0], self.units))


class TraceableEncoder(keras.Model):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.stem = layers.Dense(units)
        self.blocks = [ProjectBlock(units) for _ in range(3)]

    def call(self, features, boxes):
        x = self.stem(features) + ops.sum(boxes[..., :2] - boxes[..., 2:])
        for block in self.blocks:
            x = block(x)
        return x

    def compute_output_spec(self, features, boxes=None):
        """Answer the wiring without running the forward pass."""
        return keras.KerasTensor((features.shape[0], self.units), dtype="float32")


class SpecFromCall(TraceableEncoder):
    def compute_output_spec(self, features, boxes=None):
        return super().compute_output_spec(features, boxes)


class SelfBuiltScore(layers.Layer):
    """keras-hub's style: the layer builds itself in __init__, so it is built however its holder is."""

    def __init__(self, features, **kwargs):
        super().__init__(**kwargs)
        self.fc = layers.Dense(1)
        self.build((None, features))

    def build(self, input_shape):
        self.fc.build(input_shape)

    def call(self, x):
        return self.fc(x)


class SelfBuiltPooler(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.score = SelfBuiltScore(FEATURES)

    def call(self, tokens, lengths):
        counts = ops.convert_to_numpy(lengths)
        pooled = []
        for i, n in enumerate(counts.reshape(-1)):
            weights = ops.softmax(self.score(tokens[i, : int(n)]), axis=0)
            pooled.append(ops.sum(weights * tokens[i, : int(n)], axis=0))
        return ops.stack(pooled)

    def compute_output_shape(self, tokens_shape, lengths_shape=None):
        return (tokens_shape[0], FEATURES)


class RegionModel(keras.Model):
    def __init__(self, encoder, **kwargs):
        features = keras.Input((FEATURES,), name="features")
        boxes = keras.Input((4,), name="boxes")
        self.encoder = encoder
        outputs = layers.Dense(1)(self.encoder(features, boxes))
        super().__init__(inputs={"features": features, "boxes": boxes}, outputs=outputs, **kwargs)


def make_pooler():
    tokens = keras.Input((5, FEATURES))
    lengths = keras.Input((1,), dtype="int32")
    return keras.Model([tokens, lengths], layers.Dense(1)(TokenPooler(4)(tokens, lengths)))


def make_regions():
    return RegionModel(RegionEncoder(FEATURES))


def make_segmenter():
    values = keras.Input((FEATURES,), batch_size=6)
    ids = keras.Input((), batch_size=6, dtype="int32")
    return keras.Model([values, ids], layers.Dense(1)(Segmenter(4)(values, ids)))


def make_built_regions():
    return RegionModel(BuiltRegionEncoder(FEATURES))


def make_traceable():
    return RegionModel(TraceableEncoder(FEATURES))


def make_spec_from_call():
    return RegionModel(SpecFromCall(FEATURES))


def make_self_built():
    tokens = keras.Input((5, FEATURES))
    lengths = keras.Input((1,), dtype="int32")
    return keras.Model([tokens, lengths], layers.Dense(1)(SelfBuiltPooler()(tokens, lengths)))
