"""mamba-tf2's selective state-space layer `SSM` looks like the LD003/LD010 bugs other Mamba ports have, but is fine:
every SSM parameter is created with `add_weight` in `build()` (no raw `tf.Variable`), and the S4D-real initialisation
of `A_log` is written into the variable with `self.A_log.assign(tf.math.log(...))` right after `add_weight`, so the
attribute still holds the tracked variable (not a tensor derived from it); `A = -tf.exp(self.A_log)` is computed into a
local in `call()` on every pass. The two `Lambda`s of `MambaBlock` (`tf.split` of the projection, and the SiLU gate
`x[0] * tf.nn.silu(x[1])`) use only their inputs. All weights (including `A_log` and `D`) are tracked, counted and get
gradients.

From breadbread1984/mamba-tf2, `models.py` (`RMSNorm`, `SSM`, `MambaBlock`, `ResidualBlock`, `Mamba`) at 019bb66.

Porting edits: none in the classes and factories; the `__main__` block (which calls the model and saves
`mamba.keras`) is left out. build_model() calls `Mamba(vocab_size=100, d_model=16, n_layer=2)` (the main block uses
1000, 256, 12) and returns it with a batch of 2 token sequences of length 12.
"""

SOURCE = "https://github.com/breadbread1984/mamba-tf2/blob/019bb663b9e494201ba50d644a01ec0ce4437da8/models.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 9968, 23 weights, unbuilt: none
after call: count_params() = 9968, 23 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 23 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ssm': 1664, 'rms_norm': 16, 'ssm_1': 1664, 'rms_norm_1': 16, 'rms_norm_2': 16}
second call: 0 variables watched that the first call did not use
python probes/probe_mamba2.py <this file>: SSM.weights = [x_proj_weight, dt_proj_wei9ght, dt_proj_bias, A_log, D]; A_log is still a keras.Variable after the assign and holds log(1..d_state) ([0, 0.6931, 1.0986, 1.3863, ...]); one SGD step over model.trainable_variables changes A_log."""

from math import ceil
import numpy as np
import tensorflow as tf

class RMSNorm(tf.keras.layers.Layer):
  def __init__(self, eps = 1e-5):
    super(RMSNorm, self).__init__()
    self.eps = eps
  def build(self, input_shape):
    self.weight = self.add_weight(shape = (input_shape[-1],), dtype = tf.float32, trainable = True, initializer = tf.keras.initializers.Constant(1.), name = 'weight')
  def compute_output_shape(self, input_shape):
    return input_shape
  def call(self, inputs):
    stddev = tf.math.maximum(tf.math.sqrt(tf.math.reduce_mean(inputs ** 2, axis = -1, keepdims = True)), self.eps)
    results = inputs / stddev
    results = results * self.weight
    return results
  def get_config(self):
    config = super(RMSNorm, self).get_config()
    config['eps'] = self.eps
    return config
  @classmethod
  def from_config(cls, config):
    return cls(**config)

class SSM(tf.keras.layers.Layer):
  def __init__(self, d_model, expand = 2, d_state = 16, bias = False):
    super(SSM, self).__init__()
    self.d_model = d_model
    self.expand = expand
    self.d_state = d_state
    self.bias = bias
    self.dt_rank = ceil(self.d_model / 16)
  def build(self, input_shape):
    self.x_proj_weight = self.add_weight(shape = (self.d_model * self.expand, self.dt_rank + 2 * self.d_state), dtype = tf.float32, trainable = True, name = 'x_proj_weight')
    if self.bias:
      self.x_proj_bias = self.add_weight(shape = (self.dt_rank + 2 * self.d_state), dtype = tf.float32, trainable = True, name = 'x_proj_bias')
    self.dt_proj_weight = self.add_weight(shape = (self.dt_rank, self.expand * self.d_model), dtype = tf.float32, trainable = True, name = 'dt_proj_wei9ght')
    self.dt_proj_bias = self.add_weight(shape = (self.expand * self.d_model,), dtype = tf.float32, trainable = True, name = 'dt_proj_bias')
    self.A_log = self.add_weight(shape = (self.expand * self.d_model, self.d_state), dtype = tf.float32, trainable = True, name = 'A_log')
    self.A_log.assign(tf.math.log(tf.tile(tf.expand_dims(tf.range(1, self.d_state + 1, dtype = tf.float32), axis = 0), (self.expand * self.d_model, 1))))
    self.D = self.add_weight(shape = (self.expand * self.d_model,), dtype = tf.float32, trainable = True, initializer = tf.keras.initializers.Constant(1.), name = 'D')
  def compute_output_shape(self, input_shape):
    return (input_shape[0], input_shape[1], self.d_model * self.expand)
  def call(self, x):
    # x.shape = (batch, seq_len, d_model * expand)
    x_dbl = tf.linalg.matmul(x, self.x_proj_weight) # x_dbl.shape = (batch, seq_len, dt_rank + 2 * d_state)
    if self.bias:
      x_dbl = x_dbl + self.x_proj_bias
    delta, B, C = tf.split(x_dbl, [self.dt_rank, self.d_state, self.d_state], axis = -1)
    # delta.shape = (batch, seq_len, dt_rank)
    # B.shape = (batch, seq_len, d_state)
    # C.shape = (batch, seq_len, d_state)
    delta = tf.math.softplus(tf.linalg.matmul(delta, self.dt_proj_weight) + self.dt_proj_bias) # delta.shape = (batch, seq_len, expand * d_model)
    # selective scan
    # state(t+1) = A state(t) + B x(t) # B is input gate
    # y(t)   = C state(t) + D x(t) # C is output gate
    A = -tf.exp(self.A_log) # A.shape = (expand * d_model, d_state)
    deltaA = tf.math.exp(tf.expand_dims(delta, axis = -1) * tf.reshape(A, (1, 1, self.expand * self.d_model, self.d_state))) # deltaA.shape = (batch, seq_len, expand * d_model, d_state)
    deltaB_x = tf.expand_dims(delta, axis = -1) * tf.expand_dims(B, axis = -2) * tf.expand_dims(x, axis = -1) # deltaB_x.shape = (batch, seq_len, expand * d_model, d_state)
    state = tf.zeros((tf.shape(x)[0], self.expand * self.d_model, self.d_state)) # state.shape = (batch, expand * d_model, d_state)
    ys = list()
    for i in range(tf.shape(x)[1]): # loop over seq_len
      state = deltaA[:, i] * state + deltaB_x[:, i] # state.shape = (batch, expand * d_model, d_state)
      y = tf.math.reduce_sum(state * tf.expand_dims(C[:, i], axis = 1), axis = -1) # y.shape = (batch, expand * d_model)
      ys.append(y)
    y = tf.stack(ys, axis = 1) # y.shape = (batch, seq_len, expand * d_model)
    y = y + x * self.D # y.shape = (batch, seq_len, d_model * expand)
    return y
  def get_config(self):
    config = super(SSM, self).get_config()
    config['d_model'] = self.d_model
    config['expand'] = self.expand
    config['d_state'] = self.d_state
    config['bias'] = self.bias
    return config
  @classmethod
  def from_config(cls, config):
    return cls(**config)

def MambaBlock(d_model, expand = 2, bias = False, d_conv = 4, conv_bias = True, d_state = 16):
  inputs = tf.keras.Input((None, d_model)) # inputs.shape = (batch, seq_len, d_model)
  x_and_res = tf.keras.layers.Dense(2 * expand * d_model, use_bias = bias)(inputs) # results.shape = (batch, seq_len, 2 * expand * d_model)
  x, res = tf.keras.layers.Lambda(lambda x: tf.split(x, 2, axis = -1))(x_and_res) # x.shape = (batch, seq_len, expand * d_model)
  # spatial & channel mixing
  x = tf.keras.layers.Conv1D(expand * d_model, kernel_size = (d_conv,), padding = 'same', use_bias = conv_bias, groups = expand * d_model, activation = tf.keras.activations.silu)(x) # x.shape = (batch, seq_len, expand * d_model)
  # selective state space model
  y = SSM(d_model, expand, d_state, bias)(x) # y.shape = (batch, seq_len, d_model * expand)
  # NOTE: borrowing idea of Swish gated linear unit (SwiGLU)
  # this layer gates ssm results with swish layer as well. it can be called as swish gated selective state space model (SwiSSM)
  y = tf.keras.layers.Lambda(lambda x: x[0] * tf.nn.silu(x[1]))([y, res])
  outputs = tf.keras.layers.Dense(d_model, use_bias = bias)(y)
  return tf.keras.Model(inputs = inputs, outputs = outputs)

def ResidualBlock(d_model, expand = 2, bias = False, d_conv = 4, conv_bias = True, d_state = 16):
  inputs = tf.keras.Input((None, d_model)) # inputs.shape = (batch, seq_len, d_model)
  results = RMSNorm()(inputs)
  results = MambaBlock(d_model, expand, bias, d_conv, conv_bias, d_state)(results)
  results = tf.keras.layers.Add()([results, inputs])
  return tf.keras.Model(inputs = inputs, outputs = results)

def Mamba(vocab_size, d_model, n_layer, expand = 2, bias = False, d_conv = 4, conv_bias = True, d_state = 16):
  inputs = tf.keras.Input((None,), dtype = tf.int32)
  results = tf.keras.layers.Embedding(vocab_size, d_model)(inputs)
  for i in range(n_layer):
    results = ResidualBlock(d_model, expand, bias, d_conv, conv_bias, d_state)(results)
  results = RMSNorm()(results)
  results = tf.keras.layers.Dense(vocab_size, use_bias = False)(results)
  return tf.keras.Model(inputs = inputs, outputs = results)


def build_model():
  mamba = Mamba(vocab_size = 100, d_model = 16, n_layer = 2)
  inputs = np.random.randint(low = 0, high = 100, size = (2, 12)).astype(np.int32)
  return mamba, inputs
