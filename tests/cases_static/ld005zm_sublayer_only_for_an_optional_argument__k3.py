# LD005 unbuilt-sublayer: a sublayer call() runs only when an optional argument is given, in an instance called without it
from keras import layers

CASE, TITLE = "LD005zm", "GRN context Dense used only `if context is not None`, and the holder never passes a context"
FEATURES = 6
# (heldout33 ap_sporeiii, the Temporal Fusion Transformer's gated residual network; measured on Keras 3.15.1 +
# TF 2.21: 8 unbuilt Linear/Dense pairs after a training call, and Keras's "unbuilt state" warning; this file, /tmp/p36/cases.py:
# StaticEncoder's context_dense unbuilt with 0 weights, Enricher's built)


class GatedResidual(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(units)
        self.context_dense = layers.Dense(units, use_bias=False)  # LD005
        self.out = layers.Dense(units)

    def call(self, x, training=None, context=None):
        h = self.hidden(x)
        if context is not None:
            h = h + self.context_dense(context)
        return self.out(h)


class StaticEncoder(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.grn = GatedResidual(units)

    def call(self, x, training=None):
        return self.grn(x, training=training)


class TemporalEncoder(layers.Layer):
    """Its own GatedResidual is given a context (built); StaticEncoder's instance above still never is."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.grn = GatedResidual(units)

    def call(self, x, static):
        return self.grn(x, context=static)


class ContextualGate(layers.Layer):
    """Correct: every instance is given its context (the holder passes it)."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(units)
        self.context_dense = layers.Dense(units)

    def call(self, x, context=None):
        h = self.hidden(x)
        if context is not None:
            h = h + self.context_dense(context)
        return h


class Enricher(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.gate = ContextualGate(units)

    def call(self, x, static):
        return self.gate(x, static)
