"""mtlearn's `MixtureOfExpertsLayer` receives its experts from the caller as a plain Python list
(`expert_layers`), stores it as `self.expert_layers`, and makes its softmax gate `Dense` (and an
`ExpertUtilizationDropout` that itself makes a `Dropout` in its own `build()`) in `build()`: looks like
experts hidden in an untracked list and sublayers made outside `__init__`, but on Keras 3 the list is
tracked, every expert and the gate are called in `call()`, and all weights are counted and trained.

From AmazaspShumik/mtlearn (`mtlearn/layers/moe.py`, a multi-task learning library: MoE, MMoE, OMoE and
cross-stitch layers for tf.keras 2). The experts are built outside the layer (the repository's
examples pass a list of Dense/MLP layers) and the gate mixes their outputs with per-example softmax
weights; with `add_dropout=True` whole experts are dropped with one mask per batch and the
utilisation probabilities renormalised.

Porting edits: `from tf.keras.layers import Layer, Dropout, Dense` -> `from tensorflow.keras.layers
import ...` (the original line raises ModuleNotFoundError: there is no module named `tf`); the
misindented `get_config` inside `ExpertUtilizationDropout.call` left out, and the MoE `get_config` left
out (neither is called); `training: bool` -> `training: bool=None` in both `call()`s (Keras 3 binds
the call signature before it injects `training`, so as written the first call raises "TypeError: missing
a required argument: 'training'"; tf.keras 2 filled it in), and the two positional `training` arguments passed to the inner layers made
keyword (Keras 3 raises "Only input tensors may be passed as positional arguments"). `build_model()`: a functional model Input(6) -> MixtureOfExpertsLayer([Dense(4,
relu) x 3], add_dropout=True, dropout_rate=0.3) -> Dense(1), the shape of `examples/moe_example.py`
scaled down.
"""

SOURCE = "https://github.com/AmazaspShumik/mtlearn/blob/0b2a34efe93c67bfa75204ad49d352e07b7e24b7/mtlearn/layers/moe.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/al/okal_mtlearn_moe_expert_list_passed_in_gate_made_in_build.py:
as returned: Functional, count_params() = 110, 10 weights, unbuilt: none
after call: count_params() = 110, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mixture_of_experts_layer': 105, 'expert_utilization_dropout': 0}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine32/al/p_fitsave.py (EPOCHS=5):
fit: changed 10 of 10 trainable weights; unchanged: []
save_weights/load_weights round trip: outputs equal = True
(With EPOCHS=1 the same probe printed "fit: changed 8 of 10 trainable weights; unchanged: the first expert's
kernel and bias": the one training batch dropped that whole expert, `noise_shape=(1, 3)`, so its gradient
was zero that step, by design; it was not None, and five steps change all 10.)"""

from typing import Tuple, Union, Dict, List

import tensorflow as tf
import numpy as np
from tensorflow.keras.layers import Layer, Dropout, Dense


class ExpertUtilizationDropout(Layer):
  """
  Helper layer for Mixture of Experts Layer, allows to drop some of the experts
  and then renormalize other experts, so that we still have probability density
  function for expert utilization.
  """
  def __init__(self,
               dropout_rate: float=0.1,
               **kwargs
               ) -> None:
    super().__init__(**kwargs)
    self.kwargs = kwargs
    self.dropout_rate = dropout_rate

  def build(self,
            batch_input_shape: Tuple[int]
            ) -> None:
    self.drop_layer = Dropout(self.dropout_rate,
                              noise_shape=(1,*batch_input_shape[1:]),
                              **self.kwargs
                             )
    super().build(batch_input_shape)

  def call(self,
           inputs: Union[np.array, tf.Tensor],
           training: bool=None,
           ) -> tf.Tensor:
    expert_probs_drop = self.drop_layer(inputs, training=training)
    return expert_probs_drop / tf.reduce_sum(expert_probs_drop,
                                             keepdims=True,
                                             axis=1)


class MixtureOfExpertsLayer(Layer):
  """
  Mixture of Experts Layer
  """
  def __init__(self,
               expert_layers: List[Layer],
               add_dropout: bool=False,
               dropout_rate: float=0.1,
               **kwargs
               ) -> None:
    super().__init__(**kwargs)
    self.kwargs = kwargs
    self.expert_layers = expert_layers
    self.n_experts = len(expert_layers)
    self.add_dropout = add_dropout
    self.dropout_rate = dropout_rate

  def build(self,
            batch_input_shape
            ) -> None:
    self.expert_probs = Dense(self.n_experts, "softmax", **self.kwargs)
    if self.add_dropout:
      self.drop_expert_layer = ExpertUtilizationDropout(self.dropout_rate)
    super().build(batch_input_shape)

  def call(self,
           inputs: Union[np.array, tf.Tensor],
           training: bool=None
          ) -> tf.Tensor:
    # compute each expert output
    experts_output = [expert(inputs) for expert in self.expert_layers]

    # compute probability of expert (degree of expert utilization) for given
    # input set
    expert_utilization_prob = self.expert_probs(inputs)
    if self.add_dropout:
      expert_utilization_prob = self.drop_expert_layer(expert_utilization_prob,
                                                       training=training)

    # compute weighted output of experts
    moe_output = 0
    for i, expert_output in enumerate(experts_output):
      moe_output += (expert_output
                     *tf.expand_dims(expert_utilization_prob[:,i], axis=-1)
                    )
    return moe_output


def build_model():
    experts = [Dense(4, activation="relu") for _ in range(3)]
    inputs = tf.keras.Input((6,))
    x = MixtureOfExpertsLayer(experts, add_dropout=True, dropout_rate=0.3)(inputs)
    outputs = Dense(1)(x)
    return tf.keras.Model(inputs, outputs)
