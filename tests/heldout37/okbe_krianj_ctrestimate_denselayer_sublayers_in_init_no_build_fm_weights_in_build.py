"""KrianJ's CTR `DenseLayer` keeps its hidden `Dense` list, output `Dense` and `Dropout` from `__init__` with no `build()`, and `FM_Layer` makes `w0`/`w`/`v` in `build()`: both look like they might be left unbuilt or untracked, and both are fine on Keras 3.

From KrianJ/CtrEstimate (`models_tf2/base_layer.py`, shared layers of a tf.keras 2 CTR-model collection).
`DenseLayer(Layer).__init__(hidden_units, output_dim, activation, dropout)` stores
`self.hidden_layers = [Dense(i) for i in hidden_units]`, `self.output_layer = Dense(output_dim)` and
`self.dropout = Dropout(dropout)`, has no `build()`, and `call()` runs them in order (the Myth "a sublayer assigned
in `__init__` of an outer layer that has no `build()`": the sublayers build on their first call). `FM_Layer`
creates its bias `w0`, linear weights `w` and latent factors `v` with `add_weight` in `build(input_shape)` without
calling `super().build()` (the other Myth), and its `call()` uses all three (linear part plus the
square-of-sum minus sum-of-square pairwise term). The repository combines them in DeepFM-like models:
`build_model()` does that with a small subclassed `Model` (`FM_Layer` + `DenseLayer`, summed, sigmoid), the
way the repository's models combine them.

Porting edits: `tensorflow.keras.backend.ndim` (gone in Keras 3) -> `len(inputs.shape)` in `FM_Layer.call`; the
rest as written (including the final `tf.nn.sigmoid` of the FM output).
"""

SOURCE = "https://github.com/KrianJ/CtrEstimate/blob/a53c3e45e071b5500b86b7744b29b73ae729c824/models_tf2/base_layer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okbe_krianj_ctrestimate_denselayer_sublayers_in_init_no_build_fm_weights_in_build.py:
as returned: DeepFMLike, count_params() raised ValueError, 0 weights, unbuilt: ['FM_Layer:fm__layer', 'DenseLayer:dense_layer', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense']
after call: count_params() = 372, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'fm__layer': 51, 'dense_layer': 321}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, Layer, Dropout


class DenseLayer(Layer):

    def __init__(self, hidden_units, output_dim, activation, dropout=0.):
        super(DenseLayer, self).__init__()
        self.hidden_layers = [Dense(i, activation=activation) for i in hidden_units]
        self.output_layer = Dense(output_dim, activation=None)
        self.dropout = Dropout(dropout)

    def call(self, inputs, **kwargs):
        x = inputs
        for layer in self.hidden_layers:
            x = layer(x)
        x = self.dropout(x)
        output = self.output_layer(x)
        return output


class FM_Layer(tf.keras.layers.Layer):
    def __init__(self, k, w_reg, v_reg):
        super(FM_Layer, self).__init__()
        self.k = k
        self.w_reg = w_reg
        self.v_reg = v_reg

    def build(self, input_shape):
        self.w0 = self.add_weight(name='w0', shape=(1,),
                                  initializer=tf.zeros_initializer(),
                                  trainable=True)
        self.w = self.add_weight(name='w', shape=(input_shape[-1], 1),
                                 initializer=tf.random_normal_initializer(),
                                 trainable=True,
                                 regularizer=tf.keras.regularizers.l2(self.w_reg))
        self.v = self.add_weight(name='v', shape=(input_shape[-1], self.k),
                                 initializer=tf.random_normal_initializer(),
                                 trainable=True,
                                 regularizer=tf.keras.regularizers.l2(self.v_reg))

    def call(self, inputs, **kwargs):
        if len(inputs.shape) != 2:
            raise ValueError("Unexpected inputs dimension {}, dim 2 required".format(len(inputs.shape)))

        linear_part = tf.matmul(inputs, self.w) + self.w0
        cross_part_1 = tf.pow(tf.matmul(inputs, self.v), 2)
        cross_part_2 = tf.matmul(tf.pow(inputs, 2), tf.pow(self.v, 2))
        cross_part = 1 / 2 * tf.reduce_sum(cross_part_1 - cross_part_2, axis=-1,
                                           keepdims=True)
        output = linear_part + cross_part
        return tf.nn.sigmoid(output)


class DeepFMLike(tf.keras.Model):
    def __init__(self, k, hidden_units):
        super().__init__()
        self.fm = FM_Layer(k, 1e-4, 1e-4)
        self.dnn = DenseLayer(hidden_units, 1, 'relu', dropout=0.1)

    def call(self, inputs):
        return tf.nn.sigmoid(self.fm(inputs) + self.dnn(inputs))


def build_model():
    model = DeepFMLike(k=4, hidden_units=[16, 8])
    x = np.random.default_rng(0).random((4, 10)).astype("float32")
    return model, x
