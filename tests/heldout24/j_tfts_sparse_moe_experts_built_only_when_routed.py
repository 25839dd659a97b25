"""A sparse mixture-of-experts layer (top-k router, `num_experts` expert MLPs, a gated shared expert)
that creates its router, expert list and shared expert in `build()` without building them, calls
`super().build()` (so the layer is marked built), and in `call()` runs an expert only on the tokens
the router sent to it (`if tf.shape(coordinates)[0] == 0: continue`).

From LongxingTan/Time-series-prediction (`tfts/layers/moe_layer.py`, `SparseMoe`, used by the
library's transformer models). An expert gets its weights only the first time some token is routed
to it: with a handful of tokens and top-k routing, the experts no token chose stay unbuilt, hold no
weights, are missing from `count_params()` and from the optimizer, and will create variables later,
in the middle of training, when a batch first routes a token to them.

Porting edits: `tensorflow.keras` -> `keras` (the ops stay `tf.*`); `MoeMLP` (from
`tfts/layers/dense_layer.py` of a later commit) is a short SwiGLU stand-in with the same constructor
(gate/up/down `Dense` made in `__init__`); sizes: hidden 8, 4 experts, top-1, intermediate 16, shared
intermediate 16; the layer is wrapped in a small subclassed model (Dense projection -> SparseMoe ->
Dense head) called eagerly on 2 x 3 tokens, as the library's models call it.
"""

SOURCE = "https://github.com/LongxingTan/Time-series-prediction/blob/431522371ace4d688c5703cbbd9f8ee1049dbc9a/tfts/layers/moe_layer.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/j_tfts_sparse_moe_experts_built_only_when_routed.py:
as returned: MoeRegressor, count_params() = 1249, 15 weights, unbuilt: ['MoeMLP:expert_3', 'Dense:dense_13', 'Dense:dense_12', 'Dense:dense_11', 'MoeMLP:expert_1', 'Dense:dense_7', 'Dense:dense_6', 'Dense:dense_5']
after call: count_params() = 1249, 15 trainable weights, unbuilt: ['MoeMLP:expert_3', 'Dense:dense_13', 'Dense:dense_12', 'Dense:dense_11', 'MoeMLP:expert_1', 'Dense:dense_7', 'Dense:dense_6', 'Dense:dense_5']; output dtypes ['float32']
gradient None for 0 of 15 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'sparse_moe': 1192, 'shared_expert': 384, 'expert_3': 'count_params() raised ValueError', 'expert_2': 384, 'expert_1': 'count_params() raised ValueError', 'expert_0': 384}
second call: 0 variables watched that the first call did not use
Which experts stay unbuilt depends on the random initialisation of the router (weights are not
seeded): in one run of own script /tmp/mine24a/p17.py, after the eager call on 6 tokens, experts
built = [False, False, True, False]: three of the four experts held 0 weights (384 each once built)
and were missing from count_params() (865) and the trainable weights, because the router sent every
token to expert_2. model.fit (graph mode) then fails inside SparseMoe.call with
OperatorNotAllowedInGraphError (the Python 'for ... in tf.range' / 'if tf.shape(...)[0] == 0'
control flow), so the unbuilt experts could only be created lazily by a later eager call."""

from typing import Any, Dict, Tuple

import numpy as np
import tensorflow as tf
import keras
from keras import initializers
from keras.layers import Dense


class MoeMLP(keras.layers.Layer):
    """Stand-in for tfts.layers.dense_layer.MoeMLP (SwiGLU expert)."""

    def __init__(self, hidden_size, intermediate_size, hidden_act="silu", kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", use_bias=False, **kwargs):
        super().__init__(**kwargs)
        self.gate_proj = Dense(intermediate_size, use_bias=use_bias, kernel_initializer=kernel_initializer)
        self.up_proj = Dense(intermediate_size, use_bias=use_bias, kernel_initializer=kernel_initializer)
        self.down_proj = Dense(hidden_size, use_bias=use_bias, kernel_initializer=kernel_initializer)
        self.act = keras.activations.get(hidden_act)

    def call(self, x):
        return self.down_proj(self.act(self.gate_proj(x)) * self.up_proj(x))


class SparseMoe(keras.layers.Layer):
    def __init__(
        self,
        hidden_size: int,
        num_experts: int,
        num_experts_per_tok: int,
        moe_intermediate_size: int,
        shared_expert_intermediate_size: int,
        norm_topk_prob: bool = True,
        hidden_act: str = "silu",
        kernel_initializer: str = "glorot_uniform",
        bias_initializer: str = "zeros",
        use_bias: bool = False,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.hidden_size = hidden_size
        self.num_experts = num_experts
        self.top_k = num_experts_per_tok
        self.moe_intermediate_size = moe_intermediate_size
        self.shared_expert_intermediate_size = shared_expert_intermediate_size
        self.norm_topk_prob = norm_topk_prob
        self.hidden_act = hidden_act
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.use_bias = use_bias

    def build(self, input_shape: Tuple[int, ...]):
        # Gating network (router)
        self.gate = Dense(
            self.num_experts,
            use_bias=self.use_bias,
            kernel_initializer=self.kernel_initializer,
            bias_initializer=self.bias_initializer,
            name="gate",
        )

        # Experts
        self.experts = [
            MoeMLP(
                hidden_size=self.hidden_size,
                intermediate_size=self.moe_intermediate_size,
                hidden_act=self.hidden_act,
                kernel_initializer=self.kernel_initializer,
                bias_initializer=self.bias_initializer,
                use_bias=self.use_bias,
                name=f"expert_{i}",
            )
            for i in range(self.num_experts)
        ]

        # Shared Expert
        self.shared_expert = MoeMLP(
            hidden_size=self.hidden_size,
            intermediate_size=self.shared_expert_intermediate_size,
            hidden_act=self.hidden_act,
            kernel_initializer=self.kernel_initializer,
            bias_initializer=self.bias_initializer,
            use_bias=self.use_bias,
            name="shared_expert",
        )
        self.shared_expert_gate = Dense(
            1,
            use_bias=self.use_bias,
            kernel_initializer=self.kernel_initializer,
            bias_initializer=self.bias_initializer,
            name="shared_expert_gate",
        )
        super().build(input_shape)

    def call(self, hidden_states: tf.Tensor) -> Tuple[tf.Tensor, tf.Tensor]:
        batch_size = tf.shape(hidden_states)[0]
        sequence_length = tf.shape(hidden_states)[1]
        hidden_dim = tf.shape(hidden_states)[2]

        hidden_states_flat = tf.reshape(hidden_states, (-1, hidden_dim))  # (num_tokens, hidden_dim)

        router_logits = self.gate(hidden_states_flat)  # (num_tokens, num_experts)

        routing_weights = tf.nn.softmax(router_logits, axis=-1)

        # Get top-k experts and their weights
        routing_weights, selected_experts = tf.math.top_k(routing_weights, k=self.top_k)  # (num_tokens, top_k)

        if self.norm_topk_prob:
            routing_weights = routing_weights / tf.reduce_sum(routing_weights, axis=-1, keepdims=True)

        routing_weights = tf.cast(routing_weights, hidden_states.dtype)

        final_hidden_states = tf.zeros_like(hidden_states_flat)

        for expert_idx in tf.range(self.num_experts):
            expert_chosen_mask = tf.equal(selected_experts, expert_idx)  # (num_tokens, top_k)

            coordinates = tf.where(expert_chosen_mask)

            # Check if there are any true values for this expert
            if tf.shape(coordinates)[0] == 0:
                continue

            token_indices_for_expert = coordinates[:, 0]
            topk_position_for_expert = coordinates[:, 1]

            current_state = tf.gather(hidden_states_flat, token_indices_for_expert)
            current_hidden_states_expert_output = self.experts[expert_idx](current_state)

            current_routing_weights = tf.gather_nd(
                routing_weights, tf.stack([token_indices_for_expert, topk_position_for_expert], axis=-1)
            )
            current_routing_weights = tf.expand_dims(current_routing_weights, axis=-1)

            weighted_expert_output = current_hidden_states_expert_output * tf.cast(
                current_routing_weights, current_hidden_states_expert_output.dtype
            )

            indices_to_scatter = tf.expand_dims(token_indices_for_expert, axis=-1)
            final_hidden_states = tf.tensor_scatter_nd_add(
                final_hidden_states, indices_to_scatter, weighted_expert_output
            )

        # Shared Expert Computation
        shared_expert_output = self.shared_expert(hidden_states_flat)
        shared_expert_gate_output = tf.nn.sigmoid(self.shared_expert_gate(hidden_states_flat))
        shared_expert_output = shared_expert_gate_output * shared_expert_output

        final_hidden_states = final_hidden_states + shared_expert_output

        final_hidden_states = tf.reshape(final_hidden_states, (batch_size, sequence_length, hidden_dim))
        return final_hidden_states, router_logits


class MoeRegressor(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.project = Dense(8)
        self.moe = SparseMoe(hidden_size=8, num_experts=4, num_experts_per_tok=1,
                             moe_intermediate_size=16, shared_expert_intermediate_size=16, name="sparse_moe")
        self.head = Dense(1)

    def call(self, x):
        h, _ = self.moe(self.project(x))
        return self.head(h)


def build_model():
    x = np.random.default_rng(0).random((2, 3, 5)).astype("float32")
    model = MoeRegressor()
    model(x)
    return model, x
