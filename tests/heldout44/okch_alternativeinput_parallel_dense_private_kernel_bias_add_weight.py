"""Alternative-input's `CParallelDense` (N independent dense heads applied in parallel, optionally per time step)
keeps its parameters in private attributes, `self._kernel` and `self._bias`, in a repository whose other layers
store such parameters as raw `tf.Variable`s that Keras 3 does not track (`CCoordsEncodingLayer`, `CGate`,
`FaceMeshEncoder._invalidEmbedding`: see ch_alternativeinput_facemesh_...). Here they are made with
`self.add_weight(...)` in `build()`, sized from `input_shape`, so they are tracked, counted, trained and saved on
Keras 3; the einsum over the kernel and the broadcast bias are differentiable, and nothing is shadowed or kept
outside the layer.

From GreenWizard2015/Alternative-input, `NN/Utils.py` (`CParallelDense`) at 550633b.

Porting edits: none to the class. The repository defines the layer but does not use it at this commit, so
build_model() wires it as its signature allows: a 12-feature vector input through
`CParallelDense(8, N=4, activation='relu')` (4 parallel heads) and a sequence input (5 steps x 12) through
`CParallelDense(8, N=4, stepwise=True)` (4 heads per step, flattened to 20 x 8), in one functional model, returned
with a random batch of 2.
"""

SOURCE = "https://github.com/GreenWizard2015/Alternative-input/blob/550633b3728ee2d6a818d47c9cd7c4e254166b94/NN/Utils.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 2496, 4 weights, unbuilt: none
after call: count_params() = 2496, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'heads': 416, 'step_heads': 2080}
second call: 0 variables watched that the first call did not use
python probes/probe_pdense.py <this file>: compile(adam, mse x2) + fit 2 epochs changes step_heads._kernel; save_weights then load_weights into a fresh build_model() reproduces both outputs."""

import numpy as np
import tensorflow as tf
import tensorflow.keras.layers as L


class CParallelDense(L.Layer):
  def __init__(self, units, N, stepwise=False, activation=None, **kwargs):
    super().__init__(**kwargs)
    self._size = units
    self._N = N
    self._stepwise = stepwise
    self._activation = tf.keras.activations.get(activation)
    return
  
  def build(self, input_shape):
    M = input_shape[-1]
    P = [self._N]
    N = self._N
    if self._stepwise:
      assert 2 < len(input_shape), "input_shape must be at least 3D for stepwise parallel dense"
      P = [input_shape[-2], self._N]
      N = input_shape[-2] * self._N
      pass
    
    self._kernel = self.add_weight(
      shape=P + [M, self._size],
      initializer='glorot_uniform',
      trainable=True,
      name='kernel'
    )
    # bias
    self._bias = self.add_weight(
      shape=[N, self._size],
      initializer='glorot_uniform',
      trainable=True,
      name='bias'
    )
    return

  def call(self, x):
    xs = tf.shape(x)
    N = self._N
    axes = -1
    if self._stepwise:
      N = xs[-2] * self._N
      axes = -2
      
      x = tf.einsum('...jm,jzms->...jzs', x, self._kernel)
      # ...jzs -> ...(jz)
      x = tf.reshape(x, tf.concat([xs[:-2], [N, self._size]], axis=-1))
    else:
      x = tf.einsum('...m,nms->...ns', x, self._kernel)
    tf.assert_equal(tf.shape(x)[-2:], (N, self._size))
    x = x + tf.reshape(self._bias, tf.shape(x[:1]))
    
    tf.assert_equal(tf.shape(x)[-2:], (N, self._size))
    tf.assert_equal(tf.shape(x)[:-2], xs[:axes])
    return self._activation(x)


def build_model():
  vec = L.Input((12,))
  seq = L.Input((5, 12))
  heads = CParallelDense(8, N=4, activation='relu', name='heads')(vec)
  stepHeads = CParallelDense(8, N=4, stepwise=True, name='step_heads')(seq)
  model = tf.keras.Model(inputs=[vec, seq], outputs=[heads, stepHeads])
  rng = np.random.default_rng(0)
  return model, [rng.random((2, 12)).astype("float32"), rng.random((2, 5, 12)).astype("float32")]
