# LD013 super-init-missing-or-late: super().__init__() called twice in __init__: the second run of
# Layer.__init__ resets what the first set (tests/heldout22 BoTNet attention)
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f21/measure_ld013k.py): NamedTwice(name="att")
# is named "named_twice" after construction; FrozenTwice's trainable=False comes back True. The sublayer
# assigned between the two calls stays tracked (2 weights). Twins: OneBranch (two calls under if/else, one
# runs: name kept) and MixinFirst (a mixin's __init__, then the Layer's once: name kept).
# Severity: NamedTwice is never made with a name in this file, so only Keras's automatic name is reset (a warning:
# held-out 40's StopLossModel attention); NamedByItsCaller is made with name="enc" below and comes out named
# "named_by_its_caller" (measured the same way): an error.
from keras import layers

CASE, TITLE = "LD013k", "super().__init__() called a second time resets the first call's settings"


class NamedTwice(layers.Layer):
    def __init__(self, return_sequences=True, name=None, **kwargs):
        super(NamedTwice, self).__init__(name=name)
        self.return_sequences = return_sequences
        self.proj = layers.Dense(3)
        super(NamedTwice, self).__init__(**kwargs)  # LD013

    def call(self, x):
        return self.proj(x)


class NamedByItsCaller(layers.Layer):
    def __init__(self, name=None, **kwargs):
        super().__init__(name=name)
        super().__init__(**kwargs)  # LD013

    def call(self, x):
        return x


class FrozenTwice(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(trainable=False)
        super().__init__(**kwargs)  # LD013

    def call(self, x):
        return x


class OneBranch(layers.Layer):
    def __init__(self, name=None, **kwargs):
        if name:
            super().__init__(name=name, **kwargs)
        else:
            super().__init__(**kwargs)

    def call(self, x):
        return x


class Tagged:
    def __init__(self):
        self.tag = "t"


class MixinFirst(Tagged, layers.Layer):
    def __init__(self, name=None, **kwargs):
        Tagged.__init__(self)
        layers.Layer.__init__(self, name=name, **kwargs)

    def call(self, x):
        return x


encoder = NamedByItsCaller(name="enc")
