"""DreamerV2's GRUCell decorates `call` with `@tf.function` and builds its Dense and LayerNorm inside it: on Keras 3 they never get a gradient.

From danijar/dreamerv2 (`dreamerv2/common/nets.py`, `class GRUCell(tf.keras.layers.AbstractRNNCell)`), the
recurrent core of the RSSM world model (`RSSM.img_step` calls `x, deter = self._cell(x, [deter])`). The cell
stores `self._norm = norm` (a bool), makes `self._layer = tfkl.Dense(3 * size, use_bias=norm is not None)` in
`__init__`, and `if norm:` rebinds `self._norm` to a `LayerNormalization(dtype=tf.float32)`; `state_size` is a
property; `call` is decorated with `@tf.function`, so the Dense and the norm are built (their variables created)
the first time the traced function runs. On tf.keras 2 this trained (it is the published agent). On Keras 3 the
weights exist, are tracked and counted, but the tape gets no gradient for any of them, in a functional model and
even for the cell called eagerly on its own; `fit` warns "Gradients do not exist" and the kernel never changes.
Removing the decorator (same body) gives gradients to all four weights. Labelled LD009 (counted, never trained;
the same mechanism as held-out 35's MB-MelGAN generator built inside an `@tf.function`). Doubt kept: the
sublayers are made in `__init__`, not in `call`, so this is not LD002; the trigger is the decorator.

Porting edits: `tf.keras.layers.AbstractRNNCell` does not exist in Keras 3, so the base is `keras.layers.Layer`
(AbstractRNNCell added only the `state_size`/`output_size` interface); `tfkl` is `keras.layers`. `GRUCell` and
`get_act` as the author wrote them. `build_model()` wires one `img_step`-style call functionally: an
action+stoch input of 32 features through a Dense(200, elu) (`img_in` in the RSSM) and the cell with
`GRUCell(200, norm=True)` on a deterministic state input of 200.
"""

SOURCE = "https://github.com/danijar/dreamerv2/blob/6124db46d6be27d209060e2a11677661a218294d/dreamerv2/common/nets.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bd_dreamerv2_grucell_tf_function_call_builds_dense_in_trace_no_gradient.py:
as returned: Functional, count_params() = 248400, 6 weights, unbuilt: none
after call: count_params() = 248400, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 6 trainable weights: ['gru_cell/dense/kernel', 'gru_cell/dense/bias', 'gru_cell/layer_normalization/gamma', 'gru_cell/layer_normalization/beta']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'gru_cell': 241800}
second call: 0 variables watched that the first call did not use
probe (probe_bd_dreamer.py): GRUCell(8, norm=True) called eagerly alone: 4 weights, 4 None gradients; the same body
without @tf.function: 0 None gradients; build_model() + compile + fit 2 epochs: UserWarning "Gradients do not exist
for variables ['gru_cell_1/dense_2/kernel', ...]", cell kernel unchanged."""

import tensorflow as tf
import keras

tfkl = keras.layers


def get_act(name):
  if name == 'none':
    return tf.identity
  if name == 'mish':
    return lambda x: x * tf.math.tanh(tf.nn.softplus(x))
  elif hasattr(tf.nn, name):
    return getattr(tf.nn, name)
  elif hasattr(tf, name):
    return getattr(tf, name)
  else:
    raise NotImplementedError(name)


class GRUCell(keras.layers.Layer):

  def __init__(self, size, norm=False, act='tanh', update_bias=-1, **kwargs):
    super().__init__()
    self._size = size
    self._act = get_act(act)
    self._norm = norm
    self._update_bias = update_bias
    self._layer = tfkl.Dense(3 * size, use_bias=norm is not None, **kwargs)
    if norm:
      self._norm = tfkl.LayerNormalization(dtype=tf.float32)

  @property
  def state_size(self):
    return self._size

  @tf.function
  def call(self, inputs, state):
    state = state[0]  # Keras wraps the state in a list.
    parts = self._layer(tf.concat([inputs, state], -1))
    if self._norm:
      dtype = parts.dtype
      parts = tf.cast(parts, tf.float32)
      parts = self._norm(parts)
      parts = tf.cast(parts, dtype)
    reset, cand, update = tf.split(parts, 3, -1)
    reset = tf.nn.sigmoid(reset)
    cand = self._act(reset * cand)
    update = tf.nn.sigmoid(update + self._update_bias)
    output = update * cand + (1 - update) * state
    return output, [output]


def build_model():
  x_in = keras.Input(shape=(32,), name="stoch_action")
  deter = keras.Input(shape=(200,), name="deter")
  x = tfkl.Dense(200, activation="elu", name="img_in")(x_in)
  cell = GRUCell(200, norm=True)
  out, new_state = cell(x, [deter])
  return keras.Model([x_in, deter], out)
