"""A TF2 DeepFM's FM layer calls `super().build(input_shape)` first and only then creates its factor
matrix with `add_weight`, and the model's deep part is a nested `tf.keras.Model`: on Keras 3 the factor
matrix is still tracked, counted and trained.

From rexrex9/DeepFM_tf2 (`deepFM_0.py` at the commit cited), a teaching DeepFM. `FMLayer.build` calls
`super(FMLayer, self).build(input_shape)` (which marks the layer built) before
`self.weight = self.add_weight(shape=(input_shape[1], k), ...)`; `call` loops over the batch and over
every feature pair (j1, j2), multiplying the two factor rows `self.weight[j1]`, `self.weight[j2]` with the
feature values, and stacks the pairwise terms. `DeepFMModel` (a `tf.keras.Model`) holds the FM layer, a
`DeepPart` model of two Dense layers and a sigmoid output Dense, and concatenates FM and deep outputs.

Why it looks buggy: state created after `super().build()` has already set `built = True` (Keras 3
locks a layer's state once it is built), the weight is only reached through Python-level slicing inside
nested loops, and the batch size is a module global. Measured: the (5, 4) factor matrix is tracked and
gets a gradient (Keras 3 locks the tracker after `build()` returns, not when `built` is set).

Porting edits: `for ii in tqdm(range(batch_size))` -> `for ii in range(batch_size)` (only the progress
bar is removed, so building does not print); the module-level `compile`/`fit` on `readData` is dropped.
`build_model()` returns the subclassed model and one batch of `batch_size` = 32 rows of 5 features, as
`fit(batch_size=batch_size)` feeds it.
"""

SOURCE = "https://github.com/rexrex9/DeepFM_tf2/blob/12dda9c111996a3ceef4da60af93c942088ab7f8/deepFM_0.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ap/okap_rexrex9deepfm_fmlayer_super_build_called_before_add_weight.py:
as returned: DeepFMModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['FMLayer:fm_layer', 'DeepPart:DeepPart', 'Dense:dense_1', 'Dense:dense', 'Dense:dense_2']
after call: count_params() = 17439, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'fm_layer': 20, 'DeepPart': 17280}
second call: 0 variables watched that the first call did not use
17439 = FM factors 5 x 4 = 20 + DeepPart 17280 (5->128, 128->128) + output Dense 139 (10 FM terms + 128 deep -> 1): the weight added after super().build() is tracked and gets a gradient."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow import keras

batch_size=32
k=4

class FMLayer(layers.Layer):
    def __init__(self):
        super(FMLayer, self).__init__()

    def build(self, input_shape):
        super(FMLayer, self).build(input_shape)

        self.weight = self.add_weight(shape=(input_shape[1], k),
                                      initializer=keras.initializers.RandomNormal(),
                                      trainable=True)

    def call(self, inputs):
        t=[]
        for ii in range(batch_size):
            X=inputs[ii]
            outputs = []
            for j1 in range(X.shape[0]):
                for j2 in range(j1+1,X.shape[0]):
                    w1=tf.cast([self.weight[j1]],tf.float32)
                    w2=tf.cast([self.weight[j2]],tf.float32)
                    w2=tf.transpose(w2)
                    out=(tf.matmul(w1,w2)*X[j1]*X[j2])[0][0]
                    outputs.append(out)
            t.append(tf.cast(outputs,tf.float32))
        return tf.cast(t,tf.float32)


class DeepPart(tf.keras.Model):
    def __init__(self):
        super(DeepPart, self).__init__(name='DeepPart')
        self.hidden1 = layers.Dense(128, activation='relu')
        self.hidden2 = layers.Dense(128, activation='relu')

    def call(self, inputs):
        h1 = self.hidden1(inputs)
        h2 = self.hidden2(h1)
        return h2

class DeepFMModel(tf.keras.Model):
    def __init__(self):
        super(DeepFMModel, self).__init__(name='DeepFMModel')
        self.FMLayer = FMLayer()
        self.deepPart = DeepPart()
        self.out_layer = layers.Dense(1, activation='sigmoid')

    def call(self, inputs):
        FM = self.FMLayer(inputs)
        deep = self.deepPart(inputs)
        out = self.out_layer(tf.concat([FM, deep], 1))
        return out


def build_model():
    inputs = (np.random.default_rng(0).random((batch_size, 5)) > 0.5).astype("float32")
    return DeepFMModel(), inputs
