# LD005 unbuilt-sublayer: a list of sublayers of known length whose every use is `self.list[k]` at a literal index or at the index of a `for k in range(<literals>)`, and some position is never reached
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/fix14c/measure.py: each make_* below called on data, gradient of the
# summed output): the layers at the positions no use reaches stay unbuilt after the call, with no weights;
# the correct twins leave nothing unbuilt and every weight gets a gradient.
import keras
from keras import layers, ops

CASE, TITLE = "LD005t", "a list of sublayers whose uses reach only some of its positions"
FEATURES = 6


class SplitDense(layers.Layer):
    """Three groups of two features, one Dense per group; the loop stops one group short."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.group_dense = [layers.Dense(2) for _ in range(3)]  # LD005

    def call(self, inputs):
        groups = ops.split(inputs, 3, axis=-1)
        outputs = []
        for g in range(2):
            outputs.append(self.group_dense[g](groups[g]))
        return ops.concatenate(outputs, axis=-1)


class ThreeHeads(layers.Layer):
    """Three heads listed, two summed by literal index."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heads = [layers.Dense(1, name="head_a"), layers.Dense(1, name="head_b"), layers.Dense(1, name="head_c")]  # LD005

    def call(self, inputs):
        return self.heads[0](inputs) + self.heads[1](inputs)


class Branches(layers.Layer):
    """build() builds branches 1 to 3 by hand, call() runs the same range: branch 0 is never reached."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.branches = [  # LD005
            layers.Dense(FEATURES, activation="relu"),
            layers.Dense(FEATURES, activation="tanh"),
            layers.Dense(FEATURES, activation="sigmoid"),
            layers.Dense(FEATURES),
        ]

    def build(self, input_shape):
        for k in range(1, 4):
            branch = self.branches[k]
            branch.build(input_shape)

    def call(self, inputs):
        total = 0.0
        for k in range(1, 4):
            total = total + self.branches[k](inputs)
        return total


class Stages(layers.Layer):
    """A loop over the first two stages, then the last by a negative index: the third of four is skipped."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.stages = [layers.Dense(FEATURES) for _ in range(4)]  # LD005

    def call(self, inputs):
        x = inputs
        for i in range(0, 2):
            x = self.stages[i](x)
        return self.stages[-1](x)


class AllGroups(layers.Layer):
    """Correct: the loop covers every group."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.group_dense = [layers.Dense(2) for _ in range(3)]

    def call(self, inputs):
        groups = ops.split(inputs, 3, axis=-1)
        return ops.concatenate([self.group_dense[g](groups[g]) for g in range(3)], axis=-1)


class HeadsToTheLast(layers.Layer):
    """Correct: the last head is reached by a negative index."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heads = [layers.Dense(1), layers.Dense(1), layers.Dense(1)]

    def call(self, inputs):
        return self.heads[0](inputs) + self.heads[1](inputs) + self.heads[-1](inputs)


class CountFromArguments(layers.Layer):
    """Correct: list and loop both sized by the same argument."""

    def __init__(self, depth=3, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth
        self.blocks = [layers.Dense(FEATURES) for _ in range(depth)]

    def call(self, inputs):
        x = inputs
        for i in range(self.depth):
            x = self.blocks[i](x)
        return x


class IndexedAndIterated(layers.Layer):
    """Correct: the first block by index, then every block in a plain loop."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [layers.Dense(FEATURES) for _ in range(3)]

    def call(self, inputs):
        x = self.blocks[0](inputs)
        for block in self.blocks:
            x = block(x)
        return x


def _stacked(layer):
    return keras.Sequential([keras.Input((FEATURES,)), layer])


def make_split_dense():
    # MEASURED: params 12; the third Dense of group_dense unbuilt after the call
    return _stacked(SplitDense())


def make_three_heads():
    # MEASURED: params 14; head_c unbuilt after the call
    return _stacked(ThreeHeads())


def make_branches():
    # MEASURED: params 126; branches[0] unbuilt after the call
    return _stacked(Branches())


def make_stages():
    # MEASURED: params 126; stages[2] unbuilt after the call
    return _stacked(Stages())


def make_all_groups():
    """Correct. MEASURED: params 18; nothing unbuilt."""
    return _stacked(AllGroups())


def make_heads_to_the_last():
    """Correct. MEASURED: params 21; nothing unbuilt."""
    return _stacked(HeadsToTheLast())


def make_count_from_arguments():
    """Correct. MEASURED: params 126; nothing unbuilt."""
    return _stacked(CountFromArguments())


def make_indexed_and_iterated():
    """Correct. MEASURED: params 126 (blocks[0] runs twice); nothing unbuilt."""
    return _stacked(IndexedAndIterated())
