# LD002 state-created-in-call: a new layer assigned to an attribute of a layer of an already-built model
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f11b/measure2.py runs each make_*):
# wrapped_sublayer, layers_index and chain_on_get_layer raise ValueError "You cannot add new elements of
# state (variables or sub-layers) to a layer that is already built". Twins: assigned_before_wiring,
# settings_on_built_layer (trainable / a float) and unlocked_first (`_tracker.locked = False`) run.
import keras
from keras import layers

CASE, TITLE = "LD002l", "module code assigns a new layer onto a layer of a built (wired) model: Keras 3 refuses new state"
FEATURES = 6


class Block(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(FEATURES)

    def call(self, x):
        return self.proj(x)


class Wrapped(layers.Layer):
    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner
        self.delta = layers.Dense(FEATURES)

    def call(self, x):
        return self.inner(x) + self.delta(x)


def backbone():
    inp = keras.Input((FEATURES,))
    return keras.Model(inp, Block(name="block")(inp))


def make_wrapped_sublayer():
    net = backbone()
    block = net.get_layer("block")
    block.proj = Wrapped(block.proj)  # LD002
    return net


def make_layers_index():
    inputs = keras.Input((FEATURES,))
    model = keras.Model(inputs, Block()(layers.Dense(FEATURES)(inputs)))
    model.layers[-1].extra = layers.Dense(3)  # LD002
    return model


def make_chain_on_get_layer():
    model = backbone()
    attention = model.get_layer("block")
    inner = attention.proj
    inner.adapter = keras.layers.Dense(2)  # LD002
    return model


def make_assigned_before_wiring():
    """Correct: the layer is changed before it is wired (built), so the new sublayer is tracked."""
    block = Block(name="block")
    block.proj = Wrapped(block.proj)
    inp = keras.Input((FEATURES,))
    return keras.Model(inp, block(inp))


def make_settings_on_built_layer():
    """Correct: only settings change on the built layer (no new state)."""
    model = backbone()
    block = model.get_layer("block")
    block.trainable = False
    block.proj.rate = 0.5
    return model


def make_unlocked_first():
    """Correct: the tracker is unlocked first (what the keras.io LoRA example does)."""
    model = backbone()
    block = model.get_layer("block")
    block._tracker.locked = False
    block.proj = Wrapped(block.proj)
    return model
