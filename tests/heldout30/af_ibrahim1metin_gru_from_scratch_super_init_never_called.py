"""A from-scratch GRU layer whose `__init__` never calls `super().__init__()`: it only stores the
node counts, so the Keras `Layer` machinery is never set up.

From ibrahim1metin/LSTM_GRU_LU_IMG_from_scratch (`GRU.py`). The author's `GRU(tf.keras.layers.Layer)`
sets `self.input_nodes` / `self.hidden_nodes` and defines `build(self)` (no input shape) with nine
`add_weight` calls and `call(self, state, inp)`, but `__init__` has no `super().__init__()`. On
Keras 3 the object can be constructed, but the first call fails with an AttributeError (no
`name`, no tracker), so the layer never creates or trains its nine weights.

Porting edits: `import tensorflow as tf` -> `import keras` + `tf` ops kept as written; the class body
is the author's; `build_model()` wires the layer the way its `call(state, inp)` signature asks
(previous hidden state of 4 units and an input of 3 features) in a functional model.
"""

SOURCE = "https://github.com/ibrahim1metin/LSTM_GRU_LU_IMG_from_scratch/blob/7caaf39db26af56d38f05410aa1ba7e28a722f75/GRU.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/af_ibrahim1metin_gru_from_scratch_super_init_never_called.py:
build_model() raised RuntimeError: In layer 'GRU', you forgot to call `super().__init__()` as the first statement in the `__init__()` method. Go add it!
Own probe (/tmp/mine30b/p2.py): `GRU(3, 4)` itself constructs without error; printing it raises
AttributeError ('GRU' object has no attribute 'name'); the first call raises the RuntimeError above,
so none of the nine add_weight variables is ever created."""

import keras
import tensorflow as tf


class GRU(keras.layers.Layer):
    def __init__(self, inp_nod, hid_nod):
        self.input_nodes = inp_nod
        self.hidden_nodes = hid_nod

    def build(self):
        self.wx = self.add_weight(shape=(self.input_nodes, self.hidden_nodes), trainable=True)
        self.bx = self.add_weight(shape=(self.hidden_nodes,), trainable=True)
        self.wh = self.add_weight(shape=(self.hidden_nodes, self.hidden_nodes), trainable=True)
        self.wr = self.add_weight(shape=(self.input_nodes, self.hidden_nodes), trainable=True)
        self.ur = self.add_weight(shape=(self.hidden_nodes, self.hidden_nodes), trainable=True)
        self.uz = self.add_weight(shape=(self.hidden_nodes, self.hidden_nodes), trainable=True)
        self.wz = self.add_weight(shape=(self.input_nodes, self.hidden_nodes), trainable=True)
        self.br = self.add_weight(shape=(self.hidden_nodes,), trainable=True)
        self.bz = self.add_weight(shape=(self.hidden_nodes,), trainable=True)

    def call(self, state, inp):
        z = tf.math.sigmoid(tf.linalg.matmul(inp, self.wz) + tf.linalg.matmul(state, self.uz) + self.bz)
        r = tf.math.sigmoid(tf.linalg.matmul(inp, self.wr) + tf.linalg.matmul(state, self.ur) + self.br)
        h_ = tf.math.tanh(tf.linalg.matmul(inp, self.wx) + self.bx + tf.linalg.matmul(state, self.wh) * r)
        hid_state = tf.math.multiply((1 - z), h_) + tf.math.multiply(state, z)
        return hid_state


def build_model():
    state = keras.Input((4,))
    inp = keras.Input((3,))
    hidden = GRU(3, 4)(state, inp)
    return keras.Model([state, inp], hidden)
