# LD011 untracked-container: layers handed in a dict to a plain class whose __init__ spreads the items onto itself
# with setattr (kerasGPT's DynamicDict, held-out 40, the port of nanoGPT's nn.ModuleDict)
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s40/probe_ld011x.py): after a call, TinyGPT.count_params() = 100 (the
# head alone): the Embedding and the block list held by AttrDict are not in model.weights. KwargsRecord (the same
# through **kwargs) also holds 0 of its layers' weights. TrackedGPT keeps the same layers in a dict attribute: all
# counted. Config spreads only numbers onto itself, and TiedConfig's use_bias=config.bias is a setting, not a weight.
import keras
from keras import layers


class AttrDict:
    def __init__(self, attributes):
        for key, value in attributes.items():
            setattr(self, key, value)


class KwargsRecord:
    def __init__(self, **parts):
        for name, part in parts.items():
            setattr(self, name, part)


class TinyGPT(keras.Model):
    def __init__(self, vocab=20, dim=4, **kwargs):
        super().__init__(**kwargs)
        self.transformer = AttrDict(dict(  # LD011
            wte=layers.Embedding(vocab, dim),
            h=[layers.Dense(dim) for _ in range(2)],
        ))
        self.head = layers.Dense(vocab)

    def call(self, ids):
        x = self.transformer.wte(ids)
        for block in self.transformer.h:
            x = block(x)
        return self.head(x)


class KwargsGPT(keras.Model):
    def __init__(self, vocab=20, dim=4, **kwargs):
        super().__init__(**kwargs)
        self.parts = KwargsRecord(wte=layers.Embedding(vocab, dim), ln=layers.LayerNormalization())  # LD011

    def call(self, ids):
        return self.parts.ln(self.parts.wte(ids))


class TrackedGPT(keras.Model):
    """Correct: a dict stored on the model is tracked, item by item."""

    def __init__(self, vocab=20, dim=4, **kwargs):
        super().__init__(**kwargs)
        self.transformer = dict(wte=layers.Embedding(vocab, dim), h=[layers.Dense(dim) for _ in range(2)])
        self.head = layers.Dense(vocab)

    def call(self, ids):
        x = self.transformer["wte"](ids)
        for block in self.transformer["h"]:
            x = block(x)
        return self.head(x)


class Config:
    def __init__(self, settings):
        for key, value in settings.items():
            setattr(self, key, value)


class TiedConfig(keras.Model):
    """Correct: a plain object holding numbers; the blocks are a tracked list, built with a setting read from it."""

    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.config = config
        self.options = Config(dict(dim=4, depth=2))
        self.blocks = [layers.Dense(self.options.dim, use_bias=config.bias) for _ in range(self.options.depth)]

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x
