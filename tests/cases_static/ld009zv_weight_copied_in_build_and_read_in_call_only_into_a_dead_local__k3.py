# LD009 no-gradient: a weight read in build() for a frozen copy, and in call() only into a result thrown away
from keras import layers, ops

CASE, TITLE = "LD009zv", "a weight copied in build() and read in call() only into a local nothing uses"
# Measured on Keras 3.15.1 + TF 2.21 (a probe taking a GradientTape over one call on a (2, 4) input): Band's
# `low` gets a None gradient (call() computes `edge` from it and never uses it; the output reads the copy made
# in build()); BandFixed's `low` gets a gradient.


class Band(layers.Layer):
    def build(self, input_shape):
        self.low = self.add_weight(shape=(input_shape[-1],), initializer="ones")  # LD009
        self.edge = ops.abs(self.low) + 0.5  # LD010

    def call(self, x):
        edge = ops.abs(self.low) + 0.5  # noqa: F841 (the thrown-away read is the bug)
        return x * self.edge


class BandFixed(layers.Layer):
    """Correct: call() computes the edge from the weight and uses it."""

    def build(self, input_shape):
        self.low = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        edge = ops.abs(self.low) + 0.5
        return x * edge
