# LD005 unbuilt-sublayer: call() loops over a list of layers but never reaches some of them
import keras

CASE, TITLE = "LD005d", "a loop in call() skips the first or last layers of a list (index test, slice, range)"


class SkipFirstBlock(keras.layers.Layer):
    """`if i < 1: continue` at the top of an enumerate() loop: blocks[0] is never called."""

    def __init__(self, depth=3, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [keras.layers.Dense(6, activation="relu") for _ in range(depth)]  # LD005

    def call(self, inputs):
        x = inputs
        for i, block in enumerate(self.blocks):
            if i < 1:
                continue
            x = block(x)
        return x


class ZippedPairs(keras.layers.Layer):
    """Two lists walked with zip(): the first projection and its norm never run."""

    def __init__(self, depth=2, **kwargs):
        super().__init__(**kwargs)
        self.projections = [keras.layers.Dense(6) for _ in range(depth)]  # LD005
        self.norms = [keras.layers.LayerNormalization() for _ in range(depth)]  # LD005

    def call(self, inputs):
        x = inputs
        for step, (projection, norm) in enumerate(zip(self.projections, self.norms)):
            if step == 0:
                continue
            x = norm(projection(x))
        return x


class SlicedHeads(keras.layers.Layer):
    """`range(1, len(...))` and a slice that drops the last layer: heads[0] and tails[-1] unbuilt."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heads = [keras.layers.Dense(6), keras.layers.Dense(6), keras.layers.Dense(6)]  # LD005
        self.tails = [keras.layers.Dense(6) for _ in range(3)]  # LD005

    def call(self, inputs):
        x = inputs
        for i in range(1, len(self.heads)):
            x = self.heads[i](x)
        for tail in self.tails[:-1]:
            x = tail(x)
        return x


class StemThenStack(keras.layers.Layer):
    """The correct look-alike: the first layer runs before the loop, the last after it."""

    def __init__(self, depth=3, **kwargs):
        super().__init__(**kwargs)
        self.stack = [keras.layers.Dense(6, activation="relu") for _ in range(depth)]
        self.stages = [keras.layers.Dense(6) for _ in range(depth)]

    def call(self, inputs):
        x = self.stack[0](inputs)
        for layer in self.stack[1:]:
            x = x + layer(x)
        for i, stage in enumerate(self.stages):
            if i == 0:
                x = stage(x)
                continue
            x = x + stage(x)
        return x


class Tower(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.skip_first = SkipFirstBlock()
        self.pairs = ZippedPairs()
        self.sliced = SlicedHeads()
        self.stem = StemThenStack()

    def call(self, inputs):
        return self.stem(self.sliced(self.pairs(self.skip_first(inputs))))


SHAPE = (6,)


def make():
    return Tower()
