# LD005 unbuilt-sublayer: a sublayer run as `self.block.call(x)`, which skips Keras's __call__ (the step that
# builds a layer), so it is never built (tests/heldout22 translator EncoderBlock)
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f21/measure_ld005zb.py):
# Wrapper: Block stays unbuilt (built False) after a call, Block.count_params() raises ValueError, its two
# Dense layers are built and their 4 weights exist (a warning). DenseThroughCall: the inner Dense's call()
# reads a kernel that was never made: the first call raises AttributeError (an error).
# Twins: BuiltFirst (self.block.build(...) in build(), then .call()) and Called (self.block(x)) build it.
from keras import layers

CASE, TITLE = "LD005zb", "a sublayer run through its .call() method is never built"


class Block(layers.Layer):
    def __init__(self, width, **kwargs):
        super().__init__(**kwargs)
        self.up = layers.Dense(2 * width, activation="relu")
        self.down = layers.Dense(width)

    def call(self, x):
        return self.down(self.up(x))


class Wrapper(layers.Layer):
    def __init__(self, width, **kwargs):
        super().__init__(**kwargs)
        self.block = Block(width)

    def call(self, x):
        return self.block.call(x)  # LD005 (warning)


class DenseThroughCall(layers.Layer):
    def __init__(self, width, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(width)

    def call(self, x):
        return self.proj.call(x)  # LD005


class BuiltFirst(layers.Layer):
    def __init__(self, width, **kwargs):
        super().__init__(**kwargs)
        self.block = Block(width)

    def build(self, input_shape):
        self.block.build(input_shape)

    def call(self, x):
        return self.block.call(x)


class Called(layers.Layer):
    def __init__(self, width, **kwargs):
        super().__init__(**kwargs)
        self.block = Block(width)

    def call(self, x):
        return self.block(x)
