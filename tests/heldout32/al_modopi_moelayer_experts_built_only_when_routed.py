"""A top-k `MoELayer` keeps its experts as a list of `tf.keras.Sequential` FFNs and calls an expert only
`if tf.reduce_sum(mask) > 0`, i.e. only when the router sends it a token: on an eager call every expert
the router did not pick stays unbuilt (0 params; no warning was printed in the measurement), and the
layer's weights and parameter count depend on the batch it first saw.

From Modopi/AI_TestPlayground (`scripts/gen_ch12_04.py`, the generator of the Korean tutorial notebook
"Chapter 12-04: MoE routing and load balancing"). `MoERouter` (a bias-free Dense gate + `tf.math.top_k`)
and `MoELayer` are kept as written; the notebook builds `MoELayer(256, 512, 8, 2)`, calls it once on a
random (2, 32, 256) batch and then plots routing statistics. The experts have no `build()` that builds
them; they are built by their first routed call. Under `fit` (autograph turns the Python `if` into a
`tf.cond` that traces both branches) all experts get built, so the defect shows in eager use, which is
what the notebook does.

Porting edits: none to the classes. `build_model()` makes the layer with smaller sizes (d_model 16,
d_ff 32, 8 experts, top-2) and calls it once, as the notebook does, on a (1, 2, 16) batch from a fixed
seed (`keras.utils.set_random_seed(42)` in place of the notebook's `np.random.seed(42)`/`tf.random.set_seed(42)`, which do not seed Keras 3 initializers; 4 routing slots for 8 experts, so at least 4 experts cannot be picked), then returns the layer with
that batch. The probe also runs the author's sizes.

Doubt kept as decided: labelled LD005 (sublayers never built because nothing builds them except a
conditional call); the weights are not lost for good, since a later call that routes to an expert builds
it, but until then they are missing from `weights`, `count_params()` and any checkpoint saved. At the
notebook's own sizes (64 tokens, top-2 of 8) every expert happened to be routed at least once, so the
notebook itself shows no unbuilt expert (probe); the defect needs a batch with fewer routed slots than
experts (single-sequence inference, small batches), as in `build_model()`.
"""

SOURCE = "https://github.com/Modopi/AI_TestPlayground/blob/b6402a0c55a5ba9380727e5d203093d845222fbe/scripts/gen_ch12_04.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/al/al_modopi_moelayer_experts_built_only_when_routed.py:
as returned: MoELayer, count_params() = 2272, 9 weights, unbuilt: ['Sequential:expert_0', 'Dense:dense_1', 'Dense:dense', 'Sequential:expert_1', 'Dense:dense_3', 'Dense:dense_2', 'Sequential:expert_3', 'Dense:dense_7', 'Dense:dense_6', 'Sequential:expert_4', 'Dense:dense_9', 'Dense:dense_8', 'Sequential:expert_6', 'Dense:dense_13', 'Dense:dense_12', 'Sequential:expert_7', 'Dense:dense_15', 'Dense:dense_14']
after call: count_params() = 2272, 9 trainable weights, unbuilt: ['Sequential:expert_0', 'Dense:dense_1', 'Dense:dense', 'Sequential:expert_1', 'Dense:dense_3', 'Dense:dense_2', 'Sequential:expert_3', 'Dense:dense_7', 'Dense:dense_6', 'Sequential:expert_4', 'Dense:dense_9', 'Dense:dense_8', 'Sequential:expert_6', 'Dense:dense_13', 'Dense:dense_12', 'Sequential:expert_7', 'Dense:dense_15', 'Dense:dense_14']; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mo_e_router': 128}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine32/al/p_moe.py:
case sizes: built experts ['expert_2', 'expert_5'] unbuilt ['expert_0', 'expert_1', 'expert_3', 'expert_4', 'expert_6', 'expert_7'] count_params 2272 weights 9
notebook sizes (2, 32, 256): unbuilt experts [] weights 33"""

import tensorflow as tf


class MoERouter(tf.keras.layers.Layer):
    # Top-k MoE Router with gating
    def __init__(self, d_model, n_experts, top_k=2):
        super().__init__()
        self.n_experts = n_experts
        self.top_k = top_k
        self.gate = tf.keras.layers.Dense(n_experts, use_bias=False, name='gate')

    def call(self, x):
        # x: [B, S, d_model]
        logits = self.gate(x)  # [B, S, n_experts]

        # Top-k selection
        top_k_logits, top_k_indices = tf.math.top_k(logits, k=self.top_k)

        # softmax over the top-k only (renormalised)
        top_k_gates = tf.nn.softmax(top_k_logits, axis=-1)  # [B, S, k]

        # routing probabilities (full softmax, for the aux loss)
        routing_probs = tf.nn.softmax(logits, axis=-1)  # [B, S, N]

        return top_k_gates, top_k_indices, routing_probs


class MoELayer(tf.keras.layers.Layer):
    # Mixture of Experts Layer
    def __init__(self, d_model, d_ff, n_experts, top_k=2):
        super().__init__()
        self.n_experts = n_experts
        self.top_k = top_k
        self.router = MoERouter(d_model, n_experts, top_k)
        # each expert is a small FFN
        self.experts = [
            tf.keras.Sequential([
                tf.keras.layers.Dense(d_ff, activation='relu'),
                tf.keras.layers.Dense(d_model)
            ], name=f'expert_{i}')
            for i in range(n_experts)
        ]

    def call(self, x):
        B, S, D = x.shape
        gates, indices, routing_probs = self.router(x)

        # weighted sum of the selected experts' outputs for each token
        # (real implementations use scatter/gather; explicit loop here)
        output = tf.zeros_like(x)

        for k_idx in range(self.top_k):
            expert_indices = indices[:, :, k_idx]   # [B, S]
            expert_gates = gates[:, :, k_idx:k_idx+1]  # [B, S, 1]

            for e_idx in range(self.n_experts):
                mask = tf.cast(tf.equal(expert_indices, e_idx), tf.float32)
                mask = mask[:, :, tf.newaxis]  # [B, S, 1]

                if tf.reduce_sum(mask) > 0:
                    expert_out = self.experts[e_idx](x)  # [B, S, D]
                    output += expert_out * mask * expert_gates

        return output, routing_probs


def build_model():
    tf.keras.utils.set_random_seed(42)
    moe = MoELayer(16, 32, 8, 2)
    x_test = tf.random.normal((1, 2, 16))
    moe(x_test)
    return moe, x_test
