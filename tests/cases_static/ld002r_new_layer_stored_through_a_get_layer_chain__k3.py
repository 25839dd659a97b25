# LD002 state-created-in-call: a new layer stored on a layer inside a built functional model, reached through a
# chain of get_layer() calls (a backbone model nested in the task model) and through a target written in brackets
# over several lines (tests/heldout29: keras.io's first GPT-2 LoRA example). Measured on Keras 3.15.1 + TF 2.21
# (KERAS_BACKEND=tensorflow, /tmp/f32/m_ld002n.py): both functions raise ValueError "You cannot add new elements of
# state (variables or sub-layers) to a layer that is already built".
import keras


class Block(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = keras.layers.Dense(4)

    def call(self, x):
        return self.proj(x)


class Adapter(keras.layers.Layer):
    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner
        self.up = keras.layers.Dense(4)

    def call(self, x):
        return self.inner(x) + self.up(x)


def make_backbone():
    inputs = keras.Input((4,))
    x = Block(name="block_0")(inputs)
    backbone = keras.Model(inputs, x, name="backbone")
    outputs = keras.layers.Dense(2)(backbone(inputs))
    return keras.Model(inputs, outputs)


def add_adapters():
    model = make_backbone()
    original = model.get_layer("backbone").get_layer("block_0").proj
    model.get_layer("backbone").get_layer("block_0").proj = Adapter(original)  # LD002
    return model


def add_adapters_bracketed():
    model = make_backbone()
    original = model.get_layer("backbone").get_layer("block_0").proj
    (  # LD002
        model.get_layer("backbone")
        .get_layer("block_0")
        .proj
    ) = Adapter(original)
    return model
