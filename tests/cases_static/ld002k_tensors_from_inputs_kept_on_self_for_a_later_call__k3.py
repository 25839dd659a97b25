# LD002 state-created-in-call: call() keeps tensors computed from its inputs on self, read by the next call
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f11b/measure2.py runs each make_*:
# predict() on data, then the next call): calibrated_dense: TypeError "<tf.Tensor '.../Max:0'> is out of
# scope and cannot be used here" on the eager call after predict (the quantize branch reads act_max);
# running_center: TypeError "<tf.Tensor 'Mean:0'> is out of scope" (the next call reads previous);
# ema_center: the eager call after predict raises the same TypeError (the else branch reads the previous
# call's ema). Not reported (so not here): a tensor read back only by another method (an observer's
# scale() after predict raises the same TypeError), because a loss stashed in call() and summed by
# train_step in the same trace is fine (keras.io MoE, tests/heldout6). Twins: mask_exposed (masks kept
# for inspection, only returned by properties) and scaled_in_same_call (stored and read in one call):
# predict, an eager call and predict again all run.
import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD002k", "tensors computed from the inputs in call() kept on self as state for a later call"
FEATURES = 6


class CalibratedDense(layers.Dense):
    def __init__(self, units, mode="calib", **kwargs):
        super().__init__(units, **kwargs)
        self.mode = mode
        self.act_max = None

    def call(self, inputs):
        if self.mode == "calib":
            self.act_max = tf.math.reduce_max(tf.abs(inputs))  # LD002
        elif self.mode == "quantize":
            inputs = ops.clip(inputs, -self.act_max, self.act_max)
        return super().call(inputs)


class RunningCenter(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.previous = None

    def call(self, x):
        if self.previous is not None:
            x = x - self.previous
        self.previous = ops.mean(x, axis=0)  # LD002
        return x


class EmaCenter(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.ema = None

    def call(self, x):
        batch_mean = ops.mean(x, axis=0)
        if self.ema is None:
            self.ema = batch_mean
        else:
            self.ema = ops.add(0.9 * self.ema, 0.1 * batch_mean)  # LD002
        return x - self.ema


class MaskExposed(keras.layers.Layer):
    """Correct: the mask is kept on self for inspection only; nothing computes with it later."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._masks = None
        self._last = None

    def call(self, x):
        self._masks = []
        mask = ops.sigmoid(x)
        self._masks.append(mask)
        self._last = mask
        return x * mask

    @property
    def masks(self):
        return self._masks

    @property
    def last_mask(self):
        return self._last


class ScaledInSameCall(keras.layers.Layer):
    """Correct: the tensor is stored and read in the same call (one trace), never carried to the next."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.last_scale = None

    def call(self, x):
        self.last_scale = ops.maximum(ops.max(ops.abs(x)), 1.0)
        return x / self.last_scale


def _model(layer):
    inputs = keras.Input((FEATURES,))
    return keras.Model(inputs, layer(inputs))


def make_calibrated_dense():
    layer = CalibratedDense(4)
    model = _model(layer)
    data = np.random.default_rng(0).random((8, FEATURES)).astype("float32")
    model.predict(data, verbose=0)
    layer.mode = "quantize"
    model(data)
    return model


def make_running_center():
    model = _model(RunningCenter())
    data = np.random.default_rng(0).random((8, FEATURES)).astype("float32")
    model.predict(data, verbose=0)
    model(data)
    return model


def make_ema_center():
    model = _model(EmaCenter())
    data = np.random.default_rng(0).random((8, FEATURES)).astype("float32")
    model.predict(data, verbose=0)
    model(data)
    return model


def make_mask_exposed():
    layer = MaskExposed()
    model = _model(layer)
    data = np.random.default_rng(0).random((8, FEATURES)).astype("float32")
    model.predict(data, verbose=0)
    model(data)
    return model


def make_scaled_in_same_call():
    model = _model(ScaledInSameCall())
    data = np.random.default_rng(0).random((8, FEATURES)).astype("float32")
    model.predict(data, verbose=0)
    model(data)
    model.predict(data, verbose=0)
    return model
