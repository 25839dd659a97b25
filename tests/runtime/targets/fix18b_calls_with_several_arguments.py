"""Models whose call() (or a layer's own __call__) takes several required arguments, some by
keyword, built by the target with a real call. Measured on Keras 3.15.1 + TF 2.21 (each function
run in plain Python, then the test re-checks): every model below is built by the target's call and
runs; `inspect` must replay that call (keyword arguments too) or, when it cannot make the
arguments, report the model as returned instead of failing the whole inspection.

- `keywords_after_tensors`: `model(query, keys, key_mask=m, use_bias_path=True)`, call() takes all
  four without defaults: replayed as the target called it, every weight gets a gradient.
- `encoder_called_by_the_target`: a seq2seq whose encoder the target calls itself and passes its
  output to the model (a hand-written loop trains both under one tape): the encoder's weights get
  no gradient from the model's outputs (measured: None for all 2), which is not proof of a bug.
- `python_object_argument`: call(tokens, lengths) with `lengths=` a Python list: not replayable,
  so made-up inputs cannot call it (TypeError: missing a required argument: 'lengths'); measured:
  count_params() = 54, all built.
- `dunder_call_sublayer`: call(x, scale) with `scale=0.5` by keyword, reaching a layer that
  overrides __call__(x, bias_scale) itself (Keras never builds that layer; its Dense is built):
  replayed with the keyword, every weight gets a gradient.
"""

import keras
import numpy as np
from keras import ops


class KeyedScorer(keras.Model):
    def __init__(self):
        super().__init__()
        self.q = keras.layers.Dense(4)
        self.k = keras.layers.Dense(4)
        self.extra = keras.layers.Dense(4)

    def call(self, query, keys, key_mask, use_bias_path):
        scores = ops.sum(self.q(query)[:, None, :] * self.k(keys), axis=-1) * key_mask
        if use_bias_path:
            scores = scores + ops.sum(self.extra(query), axis=-1, keepdims=True)
        return scores


def keywords_after_tensors():
    model = KeyedScorer()
    query = np.ones((2, 3), "float32")
    keys = np.ones((2, 5, 3), "float32")
    mask = np.ones((2, 5), "float32")
    model(query, keys, key_mask=mask, use_bias_path=True)
    return model


class Seq2Seq(keras.Model):
    def __init__(self):
        super().__init__()
        self.encoder = keras.layers.Dense(6)
        self.decoder = keras.layers.Dense(3)

    def call(self, encoded, targets):
        return self.decoder(encoded) + targets


def encoder_called_by_the_target():
    model = Seq2Seq()
    source = np.ones((2, 4), "float32")
    encoded = model.encoder(source)
    model(encoded, np.zeros((2, 3), "float32"))
    return model


class LengthMasked(keras.Model):
    def __init__(self):
        super().__init__()
        self.proj = keras.layers.Dense(6)

    def call(self, tokens, lengths):
        steps = ops.arange(tokens.shape[1])[None, :]
        mask = ops.cast(steps < ops.convert_to_tensor(lengths)[:, None], "float32")
        return self.proj(tokens) * mask[:, :, None]


def python_object_argument():
    model = LengthMasked()
    model(np.ones((2, 5, 8), "float32"), lengths=[3, 5])
    return model


class ScaledBias(keras.layers.Layer):
    """Overrides __call__ (TF1-style), so Keras never builds it itself; its Dense is built."""

    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(2)

    def __call__(self, x, bias_scale):
        return self.dense(x) * bias_scale


class WithScaledBias(keras.Model):
    def __init__(self):
        super().__init__()
        self.head = ScaledBias()

    def call(self, x, scale):
        return self.head(x, scale)


def dunder_call_sublayer():
    model = WithScaledBias()
    model(np.ones((2, 3), "float32"), scale=0.5)
    return model
