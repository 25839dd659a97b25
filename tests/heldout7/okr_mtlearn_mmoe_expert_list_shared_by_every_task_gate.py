"""mtlearn's Multi-gate Mixture-of-Experts hands the *same* list of expert layers to one `MixtureOfExpertsLayer` per task: experts shared across gates, counted once, all trained.

AmazaspShumik/mtlearn (multi-task learning layers, tf.keras) builds `MultiGateMixtureOfExperts`
from a user-supplied list of expert layers and task towers; `_build_moe_layers()` creates one
`MixtureOfExpertsLayer(self.expert_layers, ...)` per task, each with its own softmax gate
(`Dense(n_experts)`) and, with `add_dropout=True`, an `ExpertUtilizationDropout` whose `Dropout`
is made in `build()` from the input shape. The `MLP` experts and towers keep their Dense layers in
`self.layers`, a plain list filled in `__init__`. The expert list is referenced from the outer
layer and from every MoE layer; Keras 3 tracks every reference and de-duplicates the weights, and
every expert, gate and tower gets a gradient. (`training` gets a `None` default and is passed by keyword here:
Keras 3 rejects a required or positional `training` argument, an unrelated incompatibility.)
"""

SOURCE = "https://github.com/AmazaspShumik/mtlearn/blob/8dc623e354df604c062288d8306768f7465fda97/mtlearn/layers/mmoe.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okr_mtlearn_mmoe_expert_list_shared_by_every_task_gate.py:
as returned: Functional, count_params() = 1164, 24 weights, unbuilt: none
after call: count_params() = 1164, 24 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 24 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'multi_gate_mixture_of_experts': 1164, 'mixture_of_experts_layer_1': 969, 'expert_utilization_dropout_1': 0, 'mlp_2': 312, 'mlp_1': 312, 'mlp': 312, 'mixture_of_experts_layer': 969, 'expert_utilization_dropout': 0, 'mlp_4': 81, 'mlp_3': 81}
second call: 0 variables watched that the first call did not use"""

import inspect
from typing import List

import tensorflow as tf
from tensorflow.keras.layers import Dense, Dropout, Layer


def has_arg(function, argument: str) -> bool:
    return inspect.signature(function).parameters.get(argument) is not None


class MLP(Layer):
    def __init__(self, architecture: List[int], hidden_layer_activation: str = "elu",
                 output_layer_activation: str = None, **kwargs):
        super().__init__(**kwargs)
        self.layers = []
        if not output_layer_activation:
            output_layer_activation = hidden_layer_activation
        for hidden_units in architecture[:-1]:
            self.layers.append(Dense(hidden_units, hidden_layer_activation))
        self.layers.append(Dense(architecture[-1], output_layer_activation))

    def call(self, inputs):
        x = inputs
        for layer in self.layers:
            x = layer(x)
        return x


class ExpertUtilizationDropout(Layer):
    def __init__(self, dropout_rate: float = 0.1, **kwargs):
        super().__init__(**kwargs)
        self.kwargs = kwargs
        self.dropout_rate = dropout_rate

    def build(self, batch_input_shape):
        self.drop_layer = Dropout(self.dropout_rate, noise_shape=(1, *batch_input_shape[1:]), **self.kwargs)
        super().build(batch_input_shape)

    def call(self, inputs, training=None):
        expert_probs_drop = self.drop_layer(inputs, training=training)
        normalizer = tf.add(tf.reduce_sum(expert_probs_drop, keepdims=True, axis=1), 1e-7)
        return expert_probs_drop / normalizer


class MixtureOfExpertsLayer(Layer):
    def __init__(self, expert_layers: List[Layer], add_dropout: bool = False, dropout_rate: float = 0.1,
                 base_expert_prob_layer: Layer = None, **kwargs):
        super().__init__(**kwargs)
        self.kwargs = kwargs
        self.expert_layers = expert_layers
        self.n_experts = len(expert_layers)
        self.add_dropout = add_dropout
        self.dropout_rate = dropout_rate
        self.base_expert_prob_layer = base_expert_prob_layer
        self.expert_probs = Dense(self.n_experts, "softmax", **self.kwargs)
        if add_dropout:
            self.drop_expert_layer = ExpertUtilizationDropout(self.dropout_rate)

    def call(self, inputs, training=None):
        experts_output = []
        for expert in self.expert_layers:
            if has_arg(expert.call, "training"):
                experts_output.append(expert(inputs, training=training))
            else:
                experts_output.append(expert(inputs))
        if self.base_expert_prob_layer:
            inputs = self.base_expert_prob_layer(inputs)
        expert_utilization_prob = self.expert_probs(inputs)
        if self.add_dropout:
            expert_utilization_prob = self.drop_expert_layer(expert_utilization_prob, training=training)
        moe_output = 0
        for i, expert_output in enumerate(experts_output):
            moe_output += expert_output * tf.expand_dims(expert_utilization_prob[:, i], axis=-1)
        return moe_output


class MultiGateMixtureOfExperts(Layer):
    def __init__(self, expert_layers: List[Layer], task_layers: List[Layer], moe_layers: List[Layer] = None,
                 moe_dropout: bool = False, moe_dropout_rate: float = 0.1, base_layer: Layer = None,
                 base_expert_prob_layer: Layer = None, **kwargs):
        super().__init__(**kwargs)
        self.base_layer = base_layer
        self.task_layers = task_layers
        self.n_tasks = len(task_layers)
        self.expert_layers = expert_layers
        self.moe_dropout = moe_dropout
        self.moe_dropout_rate = moe_dropout_rate
        self.base_expert_prob_layer = base_expert_prob_layer
        self.moe_layers = moe_layers if moe_layers else self._build_moe_layers()

    def _build_moe_layers(self) -> List[Layer]:
        moe_layers = []
        for _ in range(self.n_tasks):
            moe_layers.append(MixtureOfExpertsLayer(self.expert_layers, self.moe_dropout,
                                                    self.moe_dropout_rate, self.base_expert_prob_layer))
        return moe_layers

    def call(self, inputs, training=None):
        outputs = []
        if self.base_layer:
            inputs = self.base_layer(inputs)
        moes = [moe(inputs, training=training) for moe in self.moe_layers]
        for task, moe in zip(self.task_layers, moes):
            outputs.append(task(moe))
        return outputs


def build_model():
    experts = [MLP([16, 8]) for _ in range(3)]
    towers = [MLP([8, 1], output_layer_activation="sigmoid") for _ in range(2)]
    inputs = tf.keras.Input(shape=(10,))
    outputs = MultiGateMixtureOfExperts(experts, towers, moe_dropout=True, moe_dropout_rate=0.1)(inputs)
    return tf.keras.Model(inputs, outputs)
