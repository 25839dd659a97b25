# LD013 super-init-missing-or-late: a subclass of a built-in layer sets one of its arguments before super().__init__()
from keras import activations, layers

CASE, TITLE = "LD013p", "a SimpleRNNCell/Dense subclass setting `activation` before super().__init__(): set again by the base"
FEATURES = 6
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s37/probe_cases3.py): NormedCell(8).activation is linear (the base's,
# from activation=None), NormedCellAfter(8).activation is tanh, HandedOn(8).activation is tanh, Tagged(8).tag is
# kept ("mine": Dense.__init__ does not set it).


class NormedCell(layers.SimpleRNNCell):
    """optimization_with_DNN's layer-norm cell: tanh is meant to run after the norm, the base gets None."""

    def __init__(self, units, **kwargs):
        self.activation = activations.get(kwargs.get("activation", "tanh"))  # LD013
        kwargs["activation"] = None
        super().__init__(units, **kwargs)
        self.norm = layers.LayerNormalization()

    def call(self, inputs, states, training=False):
        outputs, new_states = super().call(inputs, states, training=training)
        outputs = self.activation(self.norm(outputs))
        return outputs, [outputs]


class NormedCellAfter(layers.SimpleRNNCell):
    """Correct: the activation is stored after the base's __init__."""

    def __init__(self, units, **kwargs):
        activation = activations.get(kwargs.pop("activation", "tanh"))
        super().__init__(units, activation=None, **kwargs)
        self.activation = activation
        self.norm = layers.LayerNormalization()

    def call(self, inputs, states, training=False):
        outputs, new_states = super().call(inputs, states, training=training)
        outputs = self.activation(self.norm(outputs))
        return outputs, [outputs]


class HandedOn(layers.Dense):
    """Correct: the same value goes to Dense.__init__."""

    def __init__(self, units, activation="tanh", **kwargs):
        self.activation = activations.get(activation)
        super().__init__(units, activation=activation, **kwargs)


class Tagged(layers.Dense):
    """Correct: Dense.__init__ does not set `tag`."""

    def __init__(self, units, **kwargs):
        self.tag = "mine"
        super().__init__(units, **kwargs)
