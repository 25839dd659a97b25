"""uncertainty-baselines' `LogScaler` (the input layer of its Hyper-BatchEnsemble Wide ResNet, which maps sampled
L2 hyper-parameters `lambdas` to [0, 1] on a log scale) stores two tensors on `self` in `__init__`:
`self.log_min = tf.convert_to_tensor([[tf.math.log(r['min']) for r in ranges]])` and the same for `log_max`. It
looks like LD001 (a tensor kept on `self` instead of a variable), but it is correct: these are the fixed bounds of
the hyper-parameter search ranges, not parameters to learn; `call()` only uses them to normalise
`(log(x) - log_min) / (log_max - log_min)`, and `get_config()` saves `ranges`, so a reloaded layer recomputes the
same constants. The layer has no weights by design; the learnable part is the embedding MLPs (`e_factory`) that
read its output.

From google/uncertainty-baselines, `uncertainty_baselines/models/wide_resnet_hyperbatchensemble.py` at 163351d
(HEAD; file last changed df5d3fa). `wide_resnet_hyperbatchensemble()` does `input_lambdas = Input(shape=
config.input_shape)`, `log_lambdas = LogScaler(config.ranges)(input_lambdas)` and feeds `e_models[i](log_lambdas)`
(the Dense embedding models built by `e_factory`) to its edward2 hyper-layers; `baselines/cifar/hyperbatchensemble.py`
uses 6 independent L2 ranges `{'min': 1e-1, 'max': 1e2}`.

Porting edits: `LogScaler` and `e_factory` are copied as written; the Wide ResNet itself (edward2 HyperBatchEnsemble
layers, not installed) is left out. build_model() is the lambda path: Input(6) -> LogScaler(ranges) -> two
`e_factory` embedding heads (16 and 32 wide, tanh shared layer of 32 units) -> Concatenate; returned with a batch of
lambdas sampled log-uniformly in the ranges, as `LambdaConfig.sample` does.
"""

SOURCE = "https://github.com/google/uncertainty-baselines/blob/163351d4c92340a80e572bc376ec837d8e96399d/uncertainty_baselines/models/wide_resnet_hyperbatchensemble.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine45/ci/okci_uncertaintybaselines_logscaler_log_range_tensors_in_init_hyperparameter_scaling.py:
as returned: Functional, count_params() = 1808, 6 weights, unbuilt: none
after call: count_params() = 1808, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'log_scaler': 0}
second call: 0 variables watched that the first call did not use
probe_ls.py: LogScaler holds 0 weights; on 8 lambdas sampled log-uniformly in [0.1, 100] its outputs lie in [0, 1]; LogScaler.from_config(layer.get_config()) gives the same outputs (the bounds are rebuilt from the saved ranges); one fit step (adam, mse) changes 6 of 6 trainable weights of the embedding heads. No warning printed."""

import numpy as np
import tensorflow as tf


class LogScaler(tf.keras.layers.Layer):
  """Layer that applies log transformation of hyperparameters in lambdas."""

  def __init__(self, ranges, **kwargs):
    super().__init__(**kwargs)
    self.ranges = ranges
    tf_log = tf.math.log
    self.log_min = tf.convert_to_tensor([[tf_log(r['min']) for r in ranges]])
    self.log_max = tf.convert_to_tensor([[tf_log(r['max']) for r in ranges]])

  def build(self, input_shape):
    pass

  def call(self, inputs):
    log_inputs = tf.math.log(inputs)
    return (log_inputs - self.log_min)/(self.log_max - self.log_min)

  def get_config(self):
    config = {
        'ranges': self.ranges
    }

    new_config = super().get_config()
    new_config.update(config)
    return new_config


def e_factory(lambdas_input_shape, e_head_dims,
              e_body_arch=tuple(), e_shared_arch=tuple(),
              activation='tanh',
              use_bias=True,
              e_head_init=-1):
  """Factory to build the mlp embedding models for lambdas."""

  reg = tf.keras.regularizers.L2(l2=0.)

  if e_head_init <= 0:
    head_kernel_initializer = 'glorot_uniform'
  else:
    head_kernel_initializer = tf.keras.initializers.RandomNormal(
        mean=0.0, stddev=e_head_init)

  prefix = 'dense_e'

  log_lambdas_input = tf.keras.layers.Input(shape=lambdas_input_shape)
  out = log_lambdas_input

  for index, units in enumerate(e_shared_arch):
    out = tf.keras.layers.Dense(
        units,
        name=prefix + '_shared_{}'.format(index),
        activation=activation,
        kernel_regularizer=reg,
        bias_regularizer=reg)(out)

  common_out = out
  e = []
  for i, e_head_dim in enumerate(e_head_dims):
    out = common_out
    for j, units in enumerate(e_body_arch):
      out = tf.keras.layers.Dense(
          units,
          name=prefix+'_{}_{}'.format(j, i),
          activation=activation,
          kernel_regularizer=reg,
          bias_regularizer=reg)(out)

    out = tf.keras.layers.Dense(
        e_head_dim,
        name=prefix+'_{}_{}'.format(len(e_body_arch), i),
        activation='linear',
        use_bias=use_bias,
        kernel_regularizer=reg,
        bias_regularizer=reg,
        kernel_initializer=head_kernel_initializer)(out)

    e.append(tf.keras.models.Model(inputs=log_lambdas_input, outputs=out))

  return e


def build_model(batch_size=8, min_l2_range=1e-1, max_l2_range=1e2):
  dict_ranges = {'min': min_l2_range, 'max': max_l2_range}
  ranges = [dict_ranges for _ in range(6)]  # 6 independent l2 parameters
  input_lambdas = tf.keras.layers.Input(shape=(len(ranges),))
  log_lambdas = LogScaler(ranges, name='log_scaler')(input_lambdas)
  e_models = e_factory((len(ranges),), e_head_dims=[16, 32], e_shared_arch=(32,))
  out = tf.keras.layers.Concatenate()([e(log_lambdas) for e in e_models])
  model = tf.keras.Model(inputs=input_lambdas, outputs=out)
  rng = np.random.default_rng(0)
  log_min, log_max = np.log(min_l2_range), np.log(max_l2_range)
  lambdas = np.exp(rng.uniform(log_min, log_max, size=(batch_size, len(ranges)))).astype("float32")
  return model, lambdas
