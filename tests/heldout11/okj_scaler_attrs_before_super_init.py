"""Keras-1-style layer that sets `self.output_dim` and `self.SCALER = None` before `super().__init__()` -- works.

A personal scratch file from a Chinese developer's notes repo (`py_test/tf2_layers_SCALER.py`, with a
GBK comment that reads "注意shape写法") learns a per-feature scale: `labels = 0.1 * input_data`, a
one-layer Sequential, `model.get_weights()` printed to check the learned scale is ~0.1. The
constructor assigns its settings, including a placeholder `self.SCALER = None`, before calling
`super(MyLayer, self).__init__(**kw)`, and build() later overwrites `self.SCALER` with `add_weight`.
It looks like the late-super-init and "attribute replaced" patterns, but on Keras 3 + TF plain
Python attributes before super().__init__ are harmless, and the later `self.SCALER = self.add_weight(...)`
is a real, tracked and trained variable.
"""

SOURCE = "https://github.com/seefs/Source_Insight/blob/master/node/Pythons/py_test/tf2_layers_SCALER.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py okj_scaler_attrs_before_super_init.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Sequential, count_params() = 2, 1 weights, unbuilt: none
after call: count_params() = 2, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'my_layer': 2}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine11b/m4.py): after compile + fit(3 epochs) on the author's data, model.get_weights() == [array([0.1009, 0.0999])], the scale learned as the author expected (the post records [0.10075682, 0.09999914])."""

import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Layer


class MyLayer(Layer):
    def __init__(self, output_dim, **kw):
        self.output_dim = output_dim
        self.SCALER = None
        super(MyLayer, self).__init__(**kw)

    def build(self, input_shape):
        input_dim = input_shape[1]
        self.SCALER = self.add_weight(shape=(input_dim,), initializer='uniform', trainable=True)  # 注意shape写法
        super(MyLayer, self).build(input_shape)

    def call(self, x):
        x *= self.SCALER
        return x

    def compute_output_shape(self, input_shape):
        return input_shape


def make_data():
    input_data = np.random.randint(0, 10, (3000, 2))
    labels = 0.1 * input_data
    return input_data, labels


def build_model():
    model = Sequential()
    model.add(MyLayer(2, input_shape=(2,)))
    model.compile(optimizer='rmsprop', loss='mse')
    return model
