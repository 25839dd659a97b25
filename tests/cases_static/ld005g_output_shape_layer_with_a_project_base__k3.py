# LD005 unbuilt-sublayer: a layer deriving from a project base, with build() and compute_output_shape() (its own or the base's), is wired without running call()
import keras
from keras import layers, ops

CASE, TITLE = "LD005g", "build() and compute_output_shape() through a project base class: call()'s sublayers stay unbuilt"
FEATURES = 6


class GraphBase(layers.Layer):
    """A project base: keeps options, may add a weightless layer in build()."""

    def __init__(self, dropout=0.0, **kwargs):
        super().__init__(**kwargs)
        self.dropout = dropout

    def build(self, input_shape):
        if self.dropout > 0.0:
            self.dropout_layer = layers.Dropout(self.dropout)


class ShapeKeepingBase(layers.Layer):
    """A project base that answers the wiring for its subclasses."""

    def compute_output_shape(self, input_shape):
        return input_shape


class NodeMix(GraphBase):
    # MEASURED: params as returned 0, after call 132; Dense and BatchNormalization unbuilt as returned
    def build(self, input_shape):
        super().build(input_shape)
        self.dense = layers.Dense(2 * input_shape[-1], activation="relu")  # LD005
        self.norm = layers.BatchNormalization()  # LD005

    def call(self, inputs):
        return self.norm(self.dense(inputs))

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], 2 * input_shape[-1])


class NoSuperBuild(GraphBase):
    # MEASURED: params as returned 0, after call 42; Dense unbuilt as returned
    def build(self, input_shape):
        self.proj = layers.Dense(input_shape[-1])  # LD005

    def call(self, inputs):
        return self.proj(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape


class InheritedShape(ShapeKeepingBase):
    # MEASURED: params as returned 0, after call 12; LayerNormalization unbuilt as returned
    def build(self, input_shape):
        self.norm = layers.LayerNormalization()  # LD005

    def call(self, inputs):
        return self.norm(inputs)


class BaseBuildsIt(layers.Layer):
    """A project base whose build() builds the projection its subclasses create."""

    def build(self, input_shape):
        self.proj.build(input_shape)


class BuiltByBase(BaseBuildsIt):
    """Correct: the base's build() (reached by super().build()) builds the Dense.
    MEASURED: params as returned 42, after call 42."""

    def build(self, input_shape):
        self.proj = layers.Dense(input_shape[-1])
        super().build(input_shape)

    def call(self, inputs):
        return self.proj(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape


class TracedSubclass(GraphBase):
    """Correct: no compute_output_shape() anywhere: the wiring runs call(), which builds the Dense.
    MEASURED: params as returned 42, after call 42."""

    def build(self, input_shape):
        super().build(input_shape)
        self.proj = layers.Dense(input_shape[-1])

    def call(self, inputs):
        return ops.relu(self.proj(inputs))


class BuildsItself(GraphBase):
    """Correct: build() builds the Dense it creates.
    MEASURED: params as returned 42, after call 42."""

    def build(self, input_shape):
        super().build(input_shape)
        self.proj = layers.Dense(input_shape[-1])
        self.proj.build(input_shape)

    def call(self, inputs):
        return self.proj(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape


def _wired(layer):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layer(inputs))


def make_node_mix():
    return _wired(NodeMix())


def make_no_super_build():
    return _wired(NoSuperBuild(dropout=0.1))


def make_inherited_shape():
    return _wired(InheritedShape())


def make_built_by_base():
    return _wired(BuiltByBase())


def make_traced_subclass():
    return _wired(TracedSubclass())


def make_builds_itself():
    return _wired(BuildsItself())
