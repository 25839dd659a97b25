"""ByteDance Monolith's `MLP` layer (the stacked-Dense tower its recommender models such as DeepFM/DCN/DIN use) creates its Dense and BatchNorm sublayers in `build()` and, for each, runs `self._trainable_weights.extend(dense.trainable_weights)` and `self._non_trainable_weights.extend(...)`: private weight lists of the base Layer. On tf.keras 2 this works by accident (the sublayers are not built yet, so empty lists are appended, and the layers are tracked anyway through `self._stacked_layers`); on Keras 3 `Layer` has no `_trainable_weights` attribute, so the first `build()` (the first call) raises AttributeError (LD006).

From bytedance/monolith, `monolith/native_training/layers/mlp.py`, class `MLP` (at the pinned commit; the same lines are
in the repository's HEAD). Its test `monolith/native_training/layers/mlp_test.py::test_mlp_instantiate` builds
`MLP(output_dims=[1, 3, 4, 5], activations=None, initializers=tf.keras.initializers.HeUniform())`; `test_mlp_call`
calls an MLP on a (100, 100) batch. With `activations=None` the hidden activations are `[ad_acts.get('relu')] * (n - 1)`,
one ReLU layer object shared by all hidden layers (weightless, so harmless).

Porting edits: monolith's own `Dense` (a Keras Dense with optional kernel weight-norm) is replaced by
`tf.keras.layers.Dense` with the same arguments minus `allow_kernel_norm`/`kernel_norm_trainable`; `ad_acts.get('relu')`
becomes `tf.keras.layers.ReLU()` (monolith's `ReLU` is a weightless Layer subclass) and `ad_acts.get(act)` is
`tf.keras.layers.Activation(act)`; `extend_as_list` is pasted from `monolith/native_training/utils.py`; the
`@monolith_export`/`@with_params` decorators, `from_config` (uses the params registry) and the optional
`feature_insight_data` summary hook in `call` are left out; `tensorflow.python.keras.regularizers` is
`tf.keras.regularizers`. build_model() returns the test's MLP and a (4, 100) batch, not called.
"""

SOURCE = "https://github.com/bytedance/monolith/blob/02556e3214a435c83f6c34ee9eba470cc304b6a8/monolith/native_training/layers/mlp.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cg_monolith_mlp_build_extends_private_trainable_weights_with_unbuilt_dense.py:
as returned: MLP, count_params() = count_params() raised ValueError, 0 weights, unbuilt: none
call 1 raised AttributeError: 'MLP' object has no attribute '_trainable_weights'
probes/probe_monolith.py: the three hidden activations are one ReLU object (shared, weightless). The test_mlp_call configuration (enable_batch_normalization=True) fails one line earlier on Keras 3, at BatchNorm(name='BatchNorm/in'): ValueError Argument `name` ... cannot contain character `/`; with the default (no batch norm) the first failure is the private-list extend: AttributeError 'MLP' object has no attribute '_trainable_weights'."""

from copy import deepcopy

import numpy as np
import tensorflow as tf

from tensorflow.keras.layers import Layer
from tensorflow.keras.layers import BatchNormalization as BatchNorm
from tensorflow.keras.layers import Dense
from tensorflow.keras import regularizers


def extend_as_list(x, n):
  """This is a helper function to extend x as list, it will do:
    1. If x is a list, padding it to specified length n with None, if the length
    is less than n;
    2. If x is not a list, create a list with n elements x, please note that,
    these n elements are the same object, not a copy of x.
    """
  if isinstance(x, (list, tuple)):
    if len(x) < n:
      return x + [None] * (n - len(x))
    else:
      return x
  else:
    try:
      return [x if i == 0 else deepcopy(x) for i in range(n)]
    except:
      return [x] * n


class MLP(Layer):
  """多层感知器(Multilayer Perceptron), 最经典的人工神经网络, 由一系列层叠起来的Dense层组成"""

  def __init__(self,
               output_dims,
               activations=None,
               initializers=None,
               kernel_regularizer=None,
               use_weight_norm=True,
               use_learnable_weight_norm=True,
               use_bias=True,
               bias_regularizer=None,
               enable_batch_normalization=False,
               batch_normalization_momentum=0.99,
               batch_normalization_renorm=False,
               batch_normalization_renorm_clipping=None,
               batch_normalization_renorm_momentum=0.99,
               **kwargs):
    super(MLP, self).__init__(**kwargs)
    self.output_dims = output_dims
    self.use_weight_norm = use_weight_norm
    self.use_learnable_weight_norm = use_learnable_weight_norm
    self.use_bias = use_bias
    self.kernel_regularizer = regularizers.get(kernel_regularizer)
    self.bias_regularizer = regularizers.get(bias_regularizer)
    self.enable_batch_normalization = enable_batch_normalization
    self.batch_normalization_momentum = batch_normalization_momentum
    self.batch_normalization_renorm = batch_normalization_renorm
    self.batch_normalization_renorm_clipping = batch_normalization_renorm_clipping
    self.batch_normalization_renorm_momentum = batch_normalization_renorm_momentum
    self._stacked_layers = []
    self._n_layers = len(self.output_dims)
    self._activations = None
    self._initializers = [
        tf.initializers.get(init)
        for init in extend_as_list(initializers, self._n_layers)
    ]

    if activations is None:
      self._activations = [tf.keras.layers.ReLU()] * (self._n_layers - 1) + [None]
    elif isinstance(activations, (list, tuple)):
      assert len(activations) == self._n_layers
      self._activations = [tf.keras.layers.Activation(act) if act is not None else None
                           for act in activations]
    else:
      self._activations = [
          tf.keras.layers.Activation(activations) if i != self._n_layers - 1 else None
          for i in range(self._n_layers)
      ]

  def build(self, input_shape):
    if self.enable_batch_normalization:
      bn = BatchNorm(momentum=self.batch_normalization_momentum,
                     renorm=self.batch_normalization_renorm,
                     renorm_clipping=self.batch_normalization_renorm_clipping,
                     renorm_momentum=self.batch_normalization_renorm_momentum,
                     name=f"BatchNorm/in")
      self._trainable_weights.extend(bn.trainable_weights)
      self._non_trainable_weights.extend(bn.non_trainable_weights)
      self.add_loss(bn.losses)
      self._stacked_layers.append(bn)

    for i, dim in enumerate(self.output_dims):
      is_final_layer = (i == (self._n_layers - 1))
      dense = Dense(name=f"dense_{i}",
                    units=dim,
                    activation=None,
                    use_bias=self.use_bias,
                    kernel_initializer=self._initializers[i],
                    bias_initializer=tf.initializers.zeros(),
                    kernel_regularizer=self.kernel_regularizer,
                    bias_regularizer=self.bias_regularizer)
      self._trainable_weights.extend(dense.trainable_weights)
      self._non_trainable_weights.extend(dense.non_trainable_weights)
      self.add_loss(dense.losses)
      self._stacked_layers.append(dense)

      if not is_final_layer and self.enable_batch_normalization:
        bn = BatchNorm(momentum=self.batch_normalization_momentum,
                       renorm=self.batch_normalization_renorm,
                       renorm_clipping=self.batch_normalization_renorm_clipping,
                       renorm_momentum=self.batch_normalization_renorm_momentum,
                       name=f"BatchNorm/out")
        self._trainable_weights.extend(bn.trainable_weights)
        self._non_trainable_weights.extend(bn.non_trainable_weights)
        self.add_loss(bn.losses)
        self._stacked_layers.append(bn)

      if self._activations[i] is not None:
        self._stacked_layers.append(self._activations[i])

    super(MLP, self).build(input_shape)

  def call(self, input, **kwargs):
    input_t, output_t = input, None
    for layer in self._stacked_layers:
      output_t = layer(input_t)
      input_t = output_t
    return output_t

  def get_config(self):
    config = {
        'output_dims': self.output_dims,
        "use_weight_norm": self.use_weight_norm,
        "use_learnable_weight_norm": self.use_learnable_weight_norm,
        "enable_batch_normalization": self.enable_batch_normalization,
        "batch_normalization_momentum": self.batch_normalization_momentum,
        "use_bias": self.use_bias,
        'kernel_regularizer': regularizers.serialize(self.kernel_regularizer),
        'bias_regularizer': regularizers.serialize(self.bias_regularizer),
        'batch_normalization_renorm': self.batch_normalization_renorm,
        'batch_normalization_renorm_clipping': self.batch_normalization_renorm_clipping,
        'batch_normalization_renorm_momentum': self.batch_normalization_renorm_momentum
    }
    base_config = super(MLP, self).get_config()
    return dict(list(base_config.items()) + list(config.items()))

  def get_layer(self, index: int):
    assert index < len(self._stacked_layers)
    return self._stacked_layers[index]


def build_model():
  mlp2 = MLP(output_dims=[1, 3, 4, 5],
             activations=None,
             initializers=tf.keras.initializers.HeUniform())
  return mlp2, np.ones((4, 100), dtype="float32")
