# LD001 raw-tensor-state: a subclass of a built-in weighted layer stores an array handed to it (or a part of one) as the base's weight and overrides build() so no weight is made
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix15a/measure_ld001l.py: each make_* below called, then the model
# called on data and count_params() read): the buggy makers raise AttributeError "property 'embeddings' / 'kernel'
# of '<class>' object has no setter" at the first marked line of their class (FrozenProjection's bias line is never
# reached on Keras 3; the same store in OffsetDense goes through, as `bias` is a plain attribute: the layer runs on
# the NumPy bias, 24 params counted instead of 28); the correct twins build and count every weight (PretrainedLookup
# 160, LoadedDense 28, PresetEmbedding 160, Embedding with weights=[...] 160).
import numpy as np
import keras
from keras.layers import Embedding as Lookup
from keras import layers

CASE, TITLE = "LD001l", "the base layer's weight replaced by the array the constructor is given; build() makes none"
VOCAB, DIM, FEATURES = 20, 8, 6


class GloveLookup(Lookup):
    """Pre-trained vectors kept fixed: the table is stored where Embedding keeps its weight."""

    def __init__(self, glove, **kwargs):
        vectors = glove.astype("float32")
        super().__init__(vectors.shape[0], vectors.shape[1], trainable=False, **kwargs)
        self.embeddings = vectors  # LD001

    def build(self, input_shape=None):
        self.built = True


class FrozenProjection(layers.Dense):
    """Weights from a checkpoint, as [kernel, bias]; build() is skipped so they are not overwritten."""

    def __init__(self, pretrained, **kwargs):
        super().__init__(pretrained[0].shape[-1], **kwargs)
        self._load(pretrained)

    def _load(self, arrays):
        self.kernel = arrays[0]  # LD001
        self.bias = arrays[1]  # LD001

    def build(self, input_shape):
        return


class OffsetDense(keras.layers.Dense):
    """A kernel made by hand in build(), the bias taken as given: a constant, not a weight."""

    def __init__(self, units, offsets, **kwargs):
        super().__init__(units, **kwargs)
        self.bias = offsets  # LD001

    def build(self, input_shape):
        self._kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.built = True


# ---------------------------------------------------------------- correct twins


class PretrainedLookup(Lookup):
    """Correct: the base builds its weight, then the table is assigned into it."""

    def __init__(self, table, **kwargs):
        super().__init__(table.shape[0], table.shape[1], trainable=False, **kwargs)
        self.table = table

    def build(self, input_shape=None):
        super().build(input_shape)
        self.embeddings.assign(self.table)


class LoadedDense(layers.Dense):
    """Correct: the checkpoint arrays are kept under their own names and assigned after the base's build()."""

    def __init__(self, pretrained, **kwargs):
        super().__init__(pretrained[0].shape[-1], **kwargs)
        self.initial_kernel, self.initial_bias = pretrained

    def build(self, input_shape):
        super().build(input_shape)
        self.kernel.assign(self.initial_kernel)
        self.bias.assign(self.initial_bias)


class PresetEmbedding(Lookup):
    """Correct: the table goes in through the initializer."""

    def __init__(self, table, **kwargs):
        super().__init__(table.shape[0], table.shape[1],
                         embeddings_initializer=keras.initializers.Constant(table), **kwargs)


def _table():
    return np.random.default_rng(0).normal(size=(VOCAB, DIM)).astype("float32")


def _ids():
    return np.random.default_rng(1).integers(0, VOCAB, size=(2, 5))


def _dense_arrays():
    rng = np.random.default_rng(2)
    return [rng.normal(size=(FEATURES, 4)).astype("float32"), np.zeros((4,), "float32")]


def make_glove():
    return GloveLookup(_table()), _ids()


def make_frozen_projection():
    return FrozenProjection(_dense_arrays()), np.ones((2, FEATURES), "float32")


def make_offset_dense():
    return OffsetDense(4, np.full((4,), 0.5, "float32")), np.ones((2, FEATURES), "float32")


def make_pretrained_lookup():
    return PretrainedLookup(_table()), _ids()


def make_loaded_dense():
    return LoadedDense(_dense_arrays()), np.ones((2, FEATURES), "float32")


def make_preset_embedding():
    return PresetEmbedding(_table()), _ids()


def make_embedding_with_weights():
    return layers.Embedding(VOCAB, DIM, weights=[_table()], trainable=False), _ids()
