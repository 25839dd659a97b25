"""midiGenerator's `KerasLayer` base class rebuilds the private weight lists by hand: every block's
`build()` builds its sublayers explicitly and then calls `self.set_weights_variables(self.dense,
self.batch_norm)`, which assigns `self._trainable_weights = []`, `self._trainable_variables = []`
(and the non-trainable pair) and then `+=` the sublayers' weights into them.

That was a tf.keras 2 workaround for nested layers (the repository later turned the three methods into
`pass` with the comment "Since Tensorflow 2.0 it works without this function"). On Keras 3
`_trainable_variables` / `_non_trainable_variables` are the layer's own variable lists, so the sublayers'
variables get listed a second time under the block (see MEASURED).

Porting edits: `tf.keras` -> `keras`; `g.dropout` default replaced by 0.2; `DenseBlock` and
`DenseCoder` are the author's (src/NN/layers/dense.py in the same repository, where they subclass this
`KerasLayer`), kept with their explicit `build()` calls. `build_model()` wraps a two-block `DenseCoder`
in a functional model the way the repository's encoders are used.
"""

SOURCE = "https://github.com/ValentinVignal/midiGenerator/blob/e2b6726f9fbdcad244ff85794b94ce00f89aea62/src/NN/layers/layers.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/y_midigen_kerasLayer_set_weights_variables_private_lists.py:
as returned: Functional, count_params() = 197, 16 weights, unbuilt: none
after call: count_params() = 197, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_coder': 192, 'dense_block_1': 52, 'dense_block': 136}
second call: 0 variables watched that the first call did not use
No AttributeError (the attributes are assigned before `+=`). Own scripts (/tmp/mine18a/probe3.py, probe4.py): dense_coder._trainable_variables holds the 8 trainable variables of its two blocks (they are re-listed as DenseCoder's *own* variables; model.weights de-duplicates, so counts look normal). save_weights writes each variable three times (layers/dense_coder/vars/0..13, .../dense_block/vars/0..5 and the sublayer's own vars). Loading a checkpoint written by the same model without the hack (the repository's later no-op KerasLayer) fails: ValueError "Layer 'dense_coder' expected 14 variables, but received 0 variables during loading". load_model of a .keras file also fails (DenseCoder has no get_config; unrelated)."""

import keras

layers = keras.layers


class KerasLayer(layers.Layer):
    """
    Wrapper class Layer of Keras
    """
    def __init__(self, *args, **kwargs):
        super(KerasLayer, self).__init__(*args, **kwargs)

    def reset_weights_variables(self):
        self._trainable_weights = []
        self._non_trainable_weights = []
        self._trainable_variables = []
        self._non_trainable_variables = []

    def add_weights_variables(self, *args):
        for l in args:
            self._trainable_weights += l.trainable_weights
            self._non_trainable_weights += l.non_trainable_weights
            self._trainable_variables += l.trainable_variables
            self._non_trainable_variables += l.non_trainable_variables

    def set_weights_variables(self, *args):
        self.reset_weights_variables()
        self.add_weights_variables(*args)


class DenseBlock(KerasLayer):
    def __init__(self, units: int, dropout: float = 0.2):
        super(DenseBlock, self).__init__()
        self.dense = layers.Dense(units)
        self.batch_norm = layers.BatchNormalization()
        self.leaky_relu = layers.LeakyReLU()
        self.dropout = layers.Dropout(dropout)

    def build(self, input_shape):
        self.dense.build(input_shape)
        new_shape = self.dense.compute_output_shape(input_shape)
        self.batch_norm.build(new_shape)
        self.leaky_relu.build(new_shape)
        self.dropout.build(new_shape)
        self.set_weights_variables(self.dense, self.batch_norm)
        super(DenseBlock, self).build(input_shape)

    def call(self, inputs):
        x = self.dense(inputs)
        x = self.batch_norm(x)
        x = self.leaky_relu(x)
        return self.dropout(x)

    def compute_output_shape(self, input_shape):
        return self.dense.compute_output_shape(input_shape)


class DenseCoder(KerasLayer):
    def __init__(self, size_list, dropout: float = 0.2):
        super(DenseCoder, self).__init__()
        self.dense_blocks = []
        self.init_dense_blocks(size_list, dropout=dropout)

    def init_dense_blocks(self, size_list, dropout: float = 0.2):
        for size in size_list:
            self.dense_blocks.append(DenseBlock(size, dropout=dropout))

    def build(self, input_shape):
        new_shape = input_shape
        self.reset_weights_variables()
        for dense in self.dense_blocks:
            dense.build(new_shape)
            new_shape = dense.compute_output_shape(new_shape)
            self.add_weights_variables(dense)
        super(DenseCoder, self).build(input_shape)

    def call(self, inputs):
        x = inputs
        for dense in self.dense_blocks:
            x = dense(x)
        return x

    def compute_output_shape(self, input_shape):
        new_shape = input_shape
        for dense in self.dense_blocks:
            new_shape = dense.compute_output_shape(new_shape)
        return new_shape


def build_model():
    inputs = keras.Input(shape=(12,))
    x = DenseCoder([8, 4])(inputs)
    outputs = layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
