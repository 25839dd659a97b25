"""A 2025 Keras 3 variable-binding model for SCAN: `VariableMemory.call()` projects its query with a `layers.Dense(self.slot_dim)` created on every call, and `BindingAttention.build()` creates `out_proj` and `binding_predictor` Denses that `call()` never uses; the per-call Dense is never tracked or trained, the two unused Denses stay unbuilt.

From fergusmeiklejohn/neural_networks_research (a research log written with Keras 3 on the JAX backend, July-August
2025), `experiments/03_binding_architecture/archive/old_training_scripts/minimal_binding_scan.py` (moved to
`archive/` at this commit; first committed as `experiments/03_binding_architecture/minimal_binding_scan.py`).
`MinimalBindingModel(keras.Model)` holds an Embedding, a `VariableMemory` (slots and slot keys made with
`add_weight` in `build()`), a `BindingAttention` (q/k/v/out projections and a binding predictor, all made in
`build()`) and a `BoundVariableExecutor` (two LSTMs, a MultiHeadAttention and a Dense made in `build()`).
`VariableMemory.call()` does `query_proj = layers.Dense(self.slot_dim)(query)`: a fresh, randomly initialised
Dense on every call (LD002). `BindingAttention` never calls `self.out_proj` or `self.binding_predictor` (LD005,
second code). Also in the file, not labelled separately: `BindingAttention.call()` computes `V = self.v_proj(...)`,
reshapes and tiles it, and never uses it, so v_proj's kernel gets no gradient (the LD009 shape); the model then
reads the slots through `ops.argmax` bindings, which is the author's design (discrete slot choice).
Doubts kept as decided: the model unpacks `_, memory_keys = self.variable_memory(...)` and never uses the result
(it reads `variable_memory.slot_keys` directly), so the per-call Dense changes no output; it is still created,
untracked and untrained on every call, which is what LD002 names. LD009 (v_proj) is measured but not listed, since the
labels carry the two sublayer defects; a detector reporting it is right about the file.

Porting edits: the project-local `utils.imports.setup_project_paths()` and `utils.config.setup_environment()`
calls and the logger are removed; the unfinished `create_dereferencing_task` stub is left out. build_model()
builds the model as the file's `test_binding_capability()` does (vocab 7, action vocab 3, 5 slots, embed 32,
hidden 64) and feeds it a (2, 2) command batch in the `{"command": ...}` dict the model expects.
"""

SOURCE = "https://github.com/fergusmeiklejohn/neural_networks_research/blob/b7e887c4a986bfbfae2bd13ab2a87d2aeba50c7a/experiments/03_binding_architecture/archive/old_training_scripts/minimal_binding_scan.py"
CODES = ("LD002", "LD005")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bt/bt_nnresearch_variablememory_dense_made_in_call_binder_projections_unused.py:
as returned: MinimalBindingModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Embedding:embedding', 'VariableMemory:variable_memory', 'BindingAttention:binding_attention', 'BoundVariableExecutor:bound_variable_executor']
after call: count_params() = 77475, 25 trainable weights, unbuilt: ['Dense:dense_5', 'Dense:dense_4']; output dtypes ['float32', 'int32']
gradient None for 2 of 25 trainable weights: ['minimal_binding_model/binding_attention/dense_3/kernel', 'minimal_binding_model/binding_attention/dense_3/bias']
tape watched 2 variables the model does not track: ['minimal_binding_model/variable_memory/dense_7/kernel:0', 'minimal_binding_model/variable_memory/dense_7/bias:0']
params of the case's own layers: {'variable_memory': 320, 'binding_attention': 6336, 'bound_variable_executor': 70595}
second call: 2 variables watched that the first call did not use
probe (probe_binding.py): after one call binder.q_proj/k_proj/v_proj are built (dense_1..dense_3), binder.out_proj (dense_4) and binder.binding_predictor (dense_5) are unbuilt with 0 weights, executor.action_predictor is built; with loss = sum(action_logits) + sum(binding_scores) the only None gradients are v_proj's kernel and bias (V is computed and never used); the VariableMemory Dense made in call() is new each call but its output (attention weights) is discarded by the model, so two calls give the same logits."""

from typing import Dict, Tuple

import numpy as np

import keras
from keras import layers, ops

class VariableMemory(layers.Layer):
    """
    Explicit variable slots for storing word-meaning bindings.

    Unlike traditional embeddings, these are discrete slots that can be
    selectively modified without affecting other bindings.
    """

    def __init__(self, n_slots: int = 10, slot_dim: int = 128, **kwargs):
        super().__init__(**kwargs)
        self.n_slots = n_slots
        self.slot_dim = slot_dim

    def build(self, input_shape):
        # Initialize memory slots
        self.slots = self.add_weight(
            name="memory_slots",
            shape=(self.n_slots, self.slot_dim),
            initializer="glorot_uniform",
            trainable=True,
        )

        # Slot keys for content-based addressing
        self.slot_keys = self.add_weight(
            name="slot_keys",
            shape=(self.n_slots, self.slot_dim),
            initializer="glorot_uniform",
            trainable=True,
        )

    def call(self, query, training=None):
        """
        Retrieve memory contents based on query.

        Args:
            query: Tensor of shape (batch_size, query_dim)

        Returns:
            memory_contents: Retrieved slot contents
            attention_weights: Attention over slots
        """
        # Project query to slot dimension
        query_proj = layers.Dense(self.slot_dim)(query)

        # Compute attention over slots
        scores = ops.matmul(query_proj, ops.transpose(self.slot_keys))
        attention_weights = ops.softmax(scores / ops.sqrt(float(self.slot_dim)))

        # Retrieve weighted combination of slots
        memory_contents = ops.matmul(attention_weights, self.slots)

        return memory_contents, attention_weights

    def update_slot(self, slot_idx: int, new_value):
        """Update a specific memory slot with new value."""
        self.slots[slot_idx].assign(new_value)


class BindingAttention(layers.Layer):
    """
    Associates words with specific memory slots.

    This creates explicit bindings that can be tracked and modified,
    unlike distributed representations in standard transformers.
    """

    def __init__(self, hidden_dim: int = 256, n_heads: int = 4, **kwargs):
        super().__init__(**kwargs)
        self.hidden_dim = hidden_dim
        self.n_heads = n_heads
        self.head_dim = hidden_dim // n_heads

    def build(self, input_shape):
        # Multi-head attention components
        self.q_proj = layers.Dense(self.hidden_dim)
        self.k_proj = layers.Dense(self.hidden_dim)
        self.v_proj = layers.Dense(self.hidden_dim)
        self.out_proj = layers.Dense(self.hidden_dim)

        # Binding predictor - outputs slot assignments
        self.binding_predictor = layers.Dense(1)

    def call(self, word_embeds, memory_keys, training=None):
        """
        Create bindings between words and memory slots.

        Args:
            word_embeds: Word embeddings (batch_size, seq_len, embed_dim)
            memory_keys: Memory slot keys (n_slots, slot_dim)

        Returns:
            bindings: Slot assignments for each word
            binding_scores: Raw scores for interpretability
        """
        batch_size, seq_len = ops.shape(word_embeds)[:2]

        # Project to multi-head space
        Q = self.q_proj(word_embeds)  # (batch, seq_len, hidden_dim)
        K = self.k_proj(memory_keys)  # (n_slots, hidden_dim)
        V = self.v_proj(memory_keys)  # (n_slots, hidden_dim)

        # Reshape for multi-head attention
        Q = ops.reshape(Q, (batch_size, seq_len, self.n_heads, self.head_dim))
        Q = ops.transpose(Q, (0, 2, 1, 3))  # (batch, n_heads, seq_len, head_dim)

        # Expand K, V for batch dimension
        K = ops.expand_dims(K, 0)  # (1, n_slots, hidden_dim)
        K = ops.reshape(K, (1, -1, self.n_heads, self.head_dim))
        K = ops.transpose(K, (0, 2, 1, 3))  # (1, n_heads, n_slots, head_dim)
        K = ops.tile(K, (batch_size, 1, 1, 1))  # (batch, n_heads, n_slots, head_dim)

        V = ops.expand_dims(V, 0)
        V = ops.reshape(V, (1, -1, self.n_heads, self.head_dim))
        V = ops.transpose(V, (0, 2, 1, 3))
        V = ops.tile(V, (batch_size, 1, 1, 1))

        # Compute attention scores
        scores = ops.matmul(Q, ops.transpose(K, (0, 1, 3, 2)))
        scores = scores / ops.sqrt(float(self.head_dim))

        # Apply softmax to get binding probabilities
        binding_probs = ops.softmax(
            scores, axis=-1
        )  # (batch, n_heads, seq_len, n_slots)

        # Average across heads
        binding_probs = ops.mean(binding_probs, axis=1)  # (batch, seq_len, n_slots)

        # Get hard bindings (argmax) for discrete slot assignment
        bindings = ops.argmax(binding_probs, axis=-1)  # (batch, seq_len)

        return bindings, binding_probs


class BoundVariableExecutor(layers.Layer):
    """
    Executes commands using bound variables from memory.

    This allows the same command structure to produce different outputs
    based on current variable bindings.
    """

    def __init__(
        self,
        action_vocab_size: int,
        hidden_dim: int = 256,
        embed_dim: int = 128,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.action_vocab_size = action_vocab_size
        self.hidden_dim = hidden_dim
        self.embed_dim = embed_dim

    def build(self, input_shape):
        # Command embedding (needed to convert tokens to vectors)
        # Note: vocab_size will be set from parent model
        self.command_embedding = None  # Will use parent's embedding

        # Command encoder
        self.command_encoder = layers.LSTM(self.hidden_dim, return_sequences=True)

        # Action decoder with attention
        self.decoder_lstm = layers.LSTM(self.hidden_dim, return_sequences=True)
        self.action_predictor = layers.Dense(self.action_vocab_size)

        # Cross-attention for incorporating bindings
        self.cross_attention = layers.MultiHeadAttention(
            num_heads=4, key_dim=self.hidden_dim // 4
        )

    def call(self, command_embeds, bound_variables, training=None):
        """
        Execute command using current variable bindings.

        Args:
            command_embeds: Embedded command (batch_size, seq_len, embed_dim)
            bound_variables: Variables retrieved from memory based on bindings

        Returns:
            action_sequence: Predicted action sequence
        """
        # Encode command structure
        command_encoded = self.command_encoder(command_embeds)

        # Incorporate bound variables via cross-attention
        attended_command = self.cross_attention(
            query=command_encoded, value=bound_variables, key=bound_variables
        )

        # Decode to action sequence
        decoder_out = self.decoder_lstm(attended_command)
        action_logits = self.action_predictor(decoder_out)

        return action_logits


class MinimalBindingModel(keras.Model):
    """
    Complete model combining variable binding components.

    Based on Wu et al. (2025) - Transformers learning variable binding
    Key insight: Force binding through dereferencing tasks
    """

    def __init__(
        self,
        vocab_size: int,
        action_vocab_size: int,
        n_slots: int = 10,
        embed_dim: int = 128,
        hidden_dim: int = 256,
        **kwargs,
    ):
        super().__init__(**kwargs)

        self.vocab_size = vocab_size
        self.action_vocab_size = action_vocab_size
        self.n_slots = n_slots
        self.embed_dim = embed_dim
        self.hidden_dim = hidden_dim

        # Components
        self.embedding = layers.Embedding(vocab_size, embed_dim)
        self.variable_memory = VariableMemory(n_slots, embed_dim)
        self.binder = BindingAttention(hidden_dim)
        self.executor = BoundVariableExecutor(action_vocab_size, hidden_dim, embed_dim)

    def parse_to_variables(self, command):
        """Parse command into variables that can be bound."""
        # Embed command tokens
        embeds = self.embedding(command)
        return embeds

    def apply_modification(self, bindings, memory_contents, modification):
        """
        Apply modifications to specific bindings.

        This is the key operation that enables rule changes.
        """
        # For now, return unmodified - will implement modification logic
        # in training script based on specific modification rules
        return memory_contents

    def call(self, inputs, training=None):
        """
        Forward pass with optional modifications.

        Args:
            inputs: Dict with 'command' and optional 'modification'

        Returns:
            action_logits: Predicted action sequence
            bindings: Variable bindings for analysis
        """
        command = inputs["command"]
        modification = inputs.get("modification", None)

        # Parse command into variables
        variables = self.parse_to_variables(command)

        # Get memory keys
        _, memory_keys = self.variable_memory(
            ops.zeros((ops.shape(command)[0], self.embed_dim))
        )

        # Bind variables to memory slots
        bindings, binding_scores = self.binder(
            variables, self.variable_memory.slot_keys
        )

        # Retrieve bound variables from memory
        batch_size, seq_len = ops.shape(bindings)
        bound_variables = []

        for i in range(seq_len):
            slot_indices = bindings[:, i]  # (batch_size,)
            retrieved = ops.take(self.variable_memory.slots, slot_indices, axis=0)
            bound_variables.append(retrieved)

        bound_variables = ops.stack(
            bound_variables, axis=1
        )  # (batch, seq_len, slot_dim)

        # Apply modifications if provided
        if modification is not None:
            bound_variables = self.apply_modification(
                bindings, bound_variables, modification
            )

        # Execute with bound variables (pass embedded command, not raw tokens)
        action_logits = self.executor(variables, bound_variables)

        # Return logits and bindings for analysis
        return {
            "action_logits": action_logits,
            "bindings": bindings,
            "binding_scores": binding_scores,
        }

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "vocab_size": self.vocab_size,
                "action_vocab_size": self.action_vocab_size,
                "n_slots": self.n_slots,
                "embed_dim": self.embed_dim,
                "hidden_dim": self.hidden_dim,
            }
        )
        return config


def build_model():
    vocab = {"<PAD>": 0, "<START>": 1, "<END>": 2, "jump": 3, "walk": 4, "X": 5, "Y": 6}
    action_vocab = {"<PAD>": 0, "JUMP": 1, "WALK": 2}
    model = MinimalBindingModel(
        vocab_size=len(vocab),
        action_vocab_size=len(action_vocab),
        n_slots=5,
        embed_dim=32,
        hidden_dim=64,
    )
    test_command = np.array([[vocab["X"], vocab["jump"]], [vocab["Y"], vocab["walk"]]], dtype="int32")
    return model, {"command": test_command}
