"""A Hierarchical Reasoning Model declares its initial states `h_init`/`l_init` trainable, but every path to the loss crosses `stop_gradient`.

A Keras 3 HRM reasoning core (two recurrent modules, H and L, iterated for several cycles) adds
`h_init` and `l_init` with `add_weight(..., trainable=True)` in `build()` and explicitly builds all
its sub-layers there. `reset_carry()` broadcasts them into the carry of halted sequences; `call()`
then runs the early cycles, applies `keras.ops.stop_gradient` to both carried states before the one
gradient-carrying step (truncated BPTT, as in the reference HRM), and returns a detached new carry.
So the two "trainable" initial states are counted as trainable parameters but never receive a
gradient (the project later measured `tape.gradient(loss, core.h_init)` as `None` and made them
non-trainable). Here a small HRM model resets the carry of every sequence, then runs the core once.
"""

SOURCE = "https://github.com/NikolasMarkou/dl_techniques/commit/d3b4cb005368727dcf0968e9952ea0ac3f893bc3"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py e_hrm_initial_states_only_reach_loss_through_stop_gradient.py:
as returned: HierarchicalReasoningModel, count_params() = 1058, 14 weights, unbuilt: none
after call: count_params() = 1058, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 14 trainable weights: ['hierarchical_reasoning_model/hierarchical_reasoning_core/h_init', 'hierarchical_reasoning_model/hierarchical_reasoning_core/l_init']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'hierarchical_reasoning_core': 1058, 'l_reasoning': 304, 'h_reasoning': 304}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np


class ReasoningModule(keras.layers.Layer):
    """A stack of residual MLP blocks updating hidden states with an injected input."""

    def __init__(self, embed_dim, num_layers=1, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [keras.layers.Dense(embed_dim, activation="gelu") for _ in range(num_layers)]
        self.norms = [keras.layers.LayerNormalization() for _ in range(num_layers)]

    def build(self, input_shape):
        hidden_shape, _ = input_shape
        for block, norm in zip(self.blocks, self.norms):
            block.build(hidden_shape)
            norm.build(hidden_shape)
        super().build(input_shape)

    def call(self, inputs, training=None):
        hidden_states, input_injection = inputs
        x = hidden_states + input_injection
        for block, norm in zip(self.blocks, self.norms):
            x = norm(x + block(x))
        return x


class HierarchicalReasoningCore(keras.layers.Layer):
    def __init__(self, vocab_size, seq_len, embed_dim, h_cycles=2, l_cycles=2, **kwargs):
        super().__init__(**kwargs)
        self.vocab_size = vocab_size
        self.seq_len = seq_len
        self.embed_dim = embed_dim
        self.h_cycles = h_cycles
        self.l_cycles = l_cycles
        self.token_embedding = keras.layers.Embedding(vocab_size, embed_dim)
        self.h_reasoning = ReasoningModule(embed_dim, name="h_reasoning")
        self.l_reasoning = ReasoningModule(embed_dim, name="l_reasoning")
        self.lm_head = keras.layers.Dense(vocab_size, use_bias=False)
        self.q_head = keras.layers.Dense(2, kernel_initializer="zeros")
        self.h_init = None
        self.l_init = None

    def build(self, input_shape):
        # Create initial states for reasoning modules
        self.h_init = self.add_weight(name="h_init", shape=(self.embed_dim,),
                                      initializer=keras.initializers.TruncatedNormal(stddev=1.0), trainable=True)
        self.l_init = self.add_weight(name="l_init", shape=(self.embed_dim,),
                                      initializer=keras.initializers.TruncatedNormal(stddev=1.0), trainable=True)
        self.token_embedding.build((None, self.seq_len))
        reasoning_input_shape = (None, self.seq_len, self.embed_dim)
        self.h_reasoning.build([reasoning_input_shape, reasoning_input_shape])
        self.l_reasoning.build([reasoning_input_shape, reasoning_input_shape])
        self.lm_head.build((None, self.seq_len, self.embed_dim))
        self.q_head.build((None, self.embed_dim))
        super().build(input_shape)

    def empty_carry(self, batch_size):
        return {"z_h": keras.ops.zeros((batch_size, self.seq_len, self.embed_dim)),
                "z_l": keras.ops.zeros((batch_size, self.seq_len, self.embed_dim))}

    def reset_carry(self, reset_flag, carry):
        batch_size = keras.ops.shape(reset_flag)[0]
        h_init_broadcast = keras.ops.broadcast_to(keras.ops.reshape(self.h_init, [1, 1, self.embed_dim]),
                                                  [batch_size, self.seq_len, self.embed_dim])
        l_init_broadcast = keras.ops.broadcast_to(keras.ops.reshape(self.l_init, [1, 1, self.embed_dim]),
                                                  [batch_size, self.seq_len, self.embed_dim])
        reset_flag = keras.ops.reshape(reset_flag, [-1, 1, 1])
        return {"z_h": keras.ops.where(reset_flag, h_init_broadcast, carry["z_h"]),
                "z_l": keras.ops.where(reset_flag, l_init_broadcast, carry["z_l"])}

    def call(self, carry, token_ids, training=None):
        input_emb = self.token_embedding(token_ids)
        z_h, z_l = carry["z_h"], carry["z_l"]
        # Forward iterations (detached for efficiency as in original)
        for h_step in range(self.h_cycles):
            for l_step in range(self.l_cycles):
                if not (h_step == self.h_cycles - 1 and l_step == self.l_cycles - 1):
                    z_l = self.l_reasoning([z_l, z_h + input_emb], training=training)
            if h_step != self.h_cycles - 1:
                z_h = self.h_reasoning([z_h, z_l], training=training)
        # Detach states before final step (truncated BPTT)
        z_h = keras.ops.stop_gradient(z_h)
        z_l = keras.ops.stop_gradient(z_l)
        # Final step with gradients
        z_l = self.l_reasoning([z_l, z_h + input_emb], training=training)
        z_h = self.h_reasoning([z_h, z_l], training=training)
        outputs = {"logits": self.lm_head(z_h), "q_logits": self.q_head(z_h[:, 0])}
        new_carry = {"z_h": keras.ops.stop_gradient(z_h), "z_l": keras.ops.stop_gradient(z_l)}
        return new_carry, outputs


class HierarchicalReasoningModel(keras.Model):
    def __init__(self, vocab_size=12, seq_len=9, embed_dim=16, **kwargs):
        super().__init__(**kwargs)
        self.seq_len = seq_len
        self.core = HierarchicalReasoningCore(vocab_size, seq_len, embed_dim)

    def build(self, input_shape):
        # The core's initial states are read by reset_carry() before the core is ever called.
        self.core.build((None, self.seq_len))
        super().build(input_shape)

    def call(self, token_ids, training=None):
        batch_size = keras.ops.shape(token_ids)[0]
        carry = self.core.empty_carry(batch_size)
        halted = keras.ops.ones((batch_size,), dtype="bool")  # a fresh batch: every sequence starts over
        carry = self.core.reset_carry(halted, carry)
        _, outputs = self.core(carry, token_ids, training=training)
        return outputs  # logits for the LM loss, q_logits for the halting (ACT) loss


def build_model():
    puzzles = np.random.default_rng(0).integers(1, 12, size=(2, 9)).astype("int32")
    model = HierarchicalReasoningModel()
    model(puzzles)
    return model, puzzles
