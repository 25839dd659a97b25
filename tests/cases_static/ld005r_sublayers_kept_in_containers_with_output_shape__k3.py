# LD005 unbuilt-sublayer: sublayers kept in a list or dict (append, item store, comprehension, a local list, +=) by a layer with build() and compute_output_shape(): Keras 3 wires it without running call(), so the contained sublayers stay unbuilt
# Measured (Keras 3.15.1 + TF 2.21, KERAS_BACKEND=tensorflow; /tmp/fix14a/measure.py builds each make_*(), lists
# the sublayers not built, and count_params() before -> after one call on zeros):
#   make_appended_stages: 2 Dense unbuilt; count_params 0 -> 92
#   make_item_stored_heads: head_ctr, head_cvr unbuilt; 2 -> 16 (only build()'s own bias)
#   make_comprehension_experts: 3 Dense unbuilt; 0 -> 84
#   make_helper_local_towers: 2 Conv1D unbuilt; 0 -> 128
#   make_augmented_projections: 2 Dense unbuilt; 0 -> 65
#   make_built_stages 92 -> 92, make_traced_heads 16 -> 16, make_locally_built_towers 128 -> 128,
#   make_built_experts 84 -> 84: nothing unbuilt
import keras
from keras import layers, ops
from keras.layers import Dense as FC

CASE, TITLE = "LD005r", "sublayers kept in containers, made without being built, in a layer that answers compute_output_shape()"
FEATURES = 6


class StackedExpansion(layers.Layer):
    """A list filled by append in a loop of build()."""

    def __init__(self, widths=(8, 4), **kwargs):
        super().__init__(**kwargs)
        self.widths = widths

    def build(self, input_shape):
        self.stages = []  # LD005
        for width in self.widths:
            self.stages.append(FC(width, activation="relu"))
        super().build(input_shape)

    def call(self, inputs):
        x = inputs
        for stage in self.stages:
            x = stage(x)
        return x

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.widths[-1])


class ItemStoredHeads(layers.Layer):
    """A dict filled by item stores in __init__; build() only makes the shared bias."""

    def __init__(self, names=("ctr", "cvr"), **kwargs):
        super().__init__(**kwargs)
        self.names = names
        self.heads = {}  # LD005
        for name in names:
            self.heads[name] = layers.Dense(1, name=f"head_{name}")

    def build(self, input_shape):
        self.shared_bias = self.add_weight(shape=(len(self.names),), initializer="zeros", name="shared_bias")

    def call(self, inputs):
        scores = [self.heads[name](inputs) for name in self.names]
        return ops.concatenate(scores, axis=-1) + self.shared_bias

    def compute_output_shape(self, input_shape):
        return (input_shape[0], len(self.names))


class ComprehensionExperts(layers.Layer):
    """A dict comprehension in build()."""

    def __init__(self, experts=3, units=4, **kwargs):
        super().__init__(**kwargs)
        self.n_experts = experts
        self.units = units

    def build(self, input_shape):
        self.experts = {f"expert_{i}": layers.Dense(self.units) for i in range(self.n_experts)}  # LD005
        self.built = True

    def call(self, inputs):
        outs = [expert(inputs) for expert in self.experts.values()]
        return ops.mean(ops.stack(outs, axis=0), axis=0)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)


class HelperLocalTowers(layers.Layer):
    """A helper build() calls once fills a local list and stores it."""

    def __init__(self, kernels=(2, 3), filters=4, **kwargs):
        super().__init__(**kwargs)
        self.kernels = kernels
        self.filters = filters

    def build(self, input_shape):
        self._make_towers()

    def _make_towers(self):
        towers = []
        for k in self.kernels:
            towers.append(layers.Conv1D(self.filters, k, padding="same"))
        self.towers = towers  # LD005

    def call(self, inputs):
        return ops.concatenate([tower(inputs) for tower in self.towers], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.filters * len(self.kernels))


class AugmentedProjections(layers.Layer):
    """`+=` of a list of new layers."""

    def __init__(self, depth=2, units=5, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth
        self.units = units

    def build(self, input_shape):
        self.projections = []  # LD005
        for _ in range(self.depth):
            self.projections += [layers.Dense(self.units)]

    def call(self, inputs):
        x = inputs
        for projection in self.projections:
            x = projection(x)
        return x

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)


class BuiltStages(layers.Layer):
    """Correct: build() builds every stage of the list, shape by shape."""

    def __init__(self, widths=(8, 4), **kwargs):
        super().__init__(**kwargs)
        self.widths = widths

    def build(self, input_shape):
        self.stages = []
        for width in self.widths:
            self.stages.append(FC(width, activation="relu"))
        shape = input_shape
        for stage in self.stages:
            stage.build(shape)
            shape = stage.compute_output_shape(shape)
        super().build(input_shape)

    def call(self, inputs):
        x = inputs
        for stage in self.stages:
            x = stage(x)
        return x

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.widths[-1])


class TracedHeads(layers.Layer):
    """Correct: no compute_output_shape(): the wiring runs call(), which builds the heads."""

    def __init__(self, names=("ctr", "cvr"), **kwargs):
        super().__init__(**kwargs)
        self.names = names
        self.heads = {}
        for name in names:
            self.heads[name] = layers.Dense(1, name=f"traced_{name}")

    def build(self, input_shape):
        self.shared_bias = self.add_weight(shape=(len(self.names),), initializer="zeros", name="shared_bias")

    def call(self, inputs):
        scores = [self.heads[name](inputs) for name in self.names]
        return ops.concatenate(scores, axis=-1) + self.shared_bias


class LocallyBuiltTowers(layers.Layer):
    """Correct: each tower is built through its local name before it goes into the list."""

    def __init__(self, kernels=(2, 3), filters=4, **kwargs):
        super().__init__(**kwargs)
        self.kernels = kernels
        self.filters = filters

    def build(self, input_shape):
        towers = []
        for k in self.kernels:
            tower = layers.Conv1D(self.filters, k, padding="same")
            tower.build(input_shape)
            towers.append(tower)
        self.towers = towers

    def call(self, inputs):
        return ops.concatenate([tower(inputs) for tower in self.towers], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.filters * len(self.kernels))


class BuiltExperts(layers.Layer):
    """Correct: the dict's values are built in build()."""

    def __init__(self, experts=3, units=4, **kwargs):
        super().__init__(**kwargs)
        self.n_experts = experts
        self.units = units

    def build(self, input_shape):
        self.experts = {f"expert_{i}": layers.Dense(self.units) for i in range(self.n_experts)}
        for expert in self.experts.values():
            expert.build(input_shape)

    def call(self, inputs):
        outs = [expert(inputs) for expert in self.experts.values()]
        return ops.mean(ops.stack(outs, axis=0), axis=0)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)


def _wired(layer):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layer(inputs))


def _wired_sequence(layer):
    inputs = keras.Input((5, FEATURES))
    return keras.Model(inputs, layer(inputs))


def make_appended_stages():
    return _wired(StackedExpansion())


def make_item_stored_heads():
    return _wired(ItemStoredHeads())


def make_comprehension_experts():
    return _wired(ComprehensionExperts())


def make_helper_local_towers():
    return _wired_sequence(HelperLocalTowers())


def make_augmented_projections():
    return _wired(AugmentedProjections())


def make_built_stages():
    return _wired(BuiltStages())


def make_traced_heads():
    return _wired(TracedHeads())


def make_locally_built_towers():
    return _wired_sequence(LocallyBuiltTowers())


def make_built_experts():
    return _wired(BuiltExperts())
