# LD009 no-gradient: a loop calls each layer of a list on the same input and keeps only the last result
from keras import layers

CASE, TITLE = "LD009zs", "each layer of a list run on the same input: all but the last never train"
FEATURES = 6
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases2.py): FeedsInputs's first three Dense layers get None
# gradients (6 of 8 weights); Chained, Summed and Branches give every weight a gradient; PerDepth(depth=1) loses
# nothing, PerDepth(depth=3) loses two layers (4 weights).


class FeedsInputs(layers.Layer):
    """autopycoin's N-BEATS TrendBlock: `x = dense(inputs)` where `x = dense(x)` was meant."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fc_stack = [layers.Dense(16, activation="relu") for _ in range(4)]
        self.dropout = layers.Dropout(0.1)

    def call(self, inputs):
        for dense in self.fc_stack:  # LD009
            x = dense(inputs)
            x = self.dropout(x)
        return x


class PerDepth(layers.Layer):
    """The count is handed in: a warning, since one layer loses nothing."""

    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [layers.Dense(16) for _ in range(depth)]

    def call(self, inputs):
        for block in self.blocks:  # LD009
            out = block(inputs)
        return out


class Chained(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fc_stack = [layers.Dense(16, activation="relu") for _ in range(4)]

    def call(self, inputs):
        x = inputs
        for dense in self.fc_stack:
            x = dense(x)
        return x


class Summed(layers.Layer):
    """Correct: every pass adds to the total."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heads = [layers.Dense(16), layers.Dense(16)]

    def call(self, inputs):
        total = 0.0
        for head in self.heads:
            out = head(inputs)
            total = total + out
        return total


class Branches(layers.Layer):
    """Correct: each branch's output is kept in a list."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.branches = [layers.Dense(8), layers.Dense(8)]
        self.merge = layers.Concatenate()

    def call(self, inputs):
        outputs = []
        for branch in self.branches:
            outputs.append(branch(inputs))
        return self.merge(outputs)
