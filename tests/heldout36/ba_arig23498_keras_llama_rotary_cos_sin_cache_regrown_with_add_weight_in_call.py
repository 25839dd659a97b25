"""A Keras 3 LLaMA port's rotary embedding keeps its cos/sin tables as non-trainable `add_weight`s made by
`_set_cos_sin_cache()`, and `call()` runs that method again (new `add_weight`s assigned to `self`) whenever a
sequence is longer than the cache: state created in `call()`, which Keras 3 refuses on the built layer.

From ariG23498/transformers (`src/transformers/models/llama/modeling_keras_llama.py` at commit 71b0699e, 2023-12-06,
"chore: replacing register buffer with add weight"), the same in-progress "Keras 3.0 LLaMA model" as
ba_arig23498_keras_llama_rmsnorm_add_variable_in_init_from_hidden_size.py (whose SOURCE is the first commit,
8a931874; this case's defect exists only from 71b0699e on). `KerasLlamaRotaryEmbedding` is a line
by line copy of Hugging Face's PyTorch `LlamaRotaryEmbedding`, where `_set_cos_sin_cache` re-registers two
buffers (`register_buffer(..., persistent=False)`) when `seq_len > self.max_seq_len_cached`. In Keras the buffers
became `self.cos_cached = self.add_weight(...)` / `self.sin_cached = ...`, so growing the cache from `call()`
creates new variables after the layer is built (LD002). Two days earlier (8a931874) the tables were plain
`keras.ops` tensors on self, re-made in `call()` without trouble; the commit that "replaced register buffer with
add weight" introduced the crash. The tables made in `__init__` are fine (the look-alike
part: non-trainable weights in `__init__` whose shape depends on settings, not on the input).

Porting edits: only `KerasLlamaRotaryEmbedding` is kept, unchanged (the file's attention and MLP do not run on
Keras 3 for unrelated reasons, see the RMSNorm case). `build_model()` makes the rotary layer as
`KerasLlamaAttention._init_rope()` does (`head_dim` 16, `max_position_embeddings` 8 instead of 2048, default
base), calls it as the attention does, `self.rotary_emb(value_states, seq_len=kv_seq_len)`, first on a 4-token
value tensor and then on a 12-token one (a prompt longer than the cache), which raises as the user sees it.
"""

SOURCE = "https://github.com/ariG23498/transformers/blob/71b0699ec3346167d31b9894d0654e2a4832f23b/src/transformers/models/llama/modeling_keras_llama.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/ba/ba_arig23498_keras_llama_rotary_cos_sin_cache_regrown_with_add_weight_in_call.py:
build_model() raised ValueError: Exception encountered when calling KerasLlamaRotaryEmbedding.call().
full message (same call, run directly): "You cannot add new elements of state (variables or sub-layers) to a layer
that is already built. All state must be created in the `__init__()` method or in the `build()` method."
Arguments received: x=tf.Tensor(shape=(1, 2, 12, 16)), seq_len=12. The first call (seq_len=4, within the 8-position
cache) returned normally; only the longer sequence reaches the add_weight in call()."""

import keras
import numpy as np


class KerasLlamaRotaryEmbedding(keras.layers.Layer):
    def __init__(self, dim, max_position_embeddings=2048, base=10000, device=None, **kwargs):
        super().__init__(**kwargs)

        self.dim = dim
        self.max_position_embeddings = max_position_embeddings
        self.base = base
        # TODO (ariG23498): use add_weight or constant to handle inv_freq
        self.inv_freq = 1.0 / (
            self.base ** (keras.ops.arange(start=0, stop=self.dim, step=2, dtype="float32") / dim)
        )

        # Build here to make `torch.jit.trace` work.
        self._set_cos_sin_cache(
            seq_len=max_position_embeddings, device=self.inv_freq.device, dtype=keras.backend.floatx(),
        )

    def _set_cos_sin_cache(self, seq_len, device, dtype):
        self.max_seq_len_cached = seq_len
        t = keras.ops.arange(
            self.max_seq_len_cached, dtype=self.inv_freq.dtype)

        freqs = keras.ops.outer(t, self.inv_freq)
        # Different from paper, but it uses a different permutation in order to obtain the same calculation
        emb = keras.ops.concatenate((freqs, freqs), axis=-1)

        self.cos_cached = self.add_weight(
            shape=keras.ops.shape(emb),
            initializer="ones",
            trainable=False,
            dtype=dtype,
            name="cos_cached",
        )
        self.cos_cached.assign(keras.ops.cos(emb))

        self.sin_cached = self.add_weight(
            shape=keras.ops.shape(emb),
            initializer="ones",
            trainable=False,
            dtype=dtype,
            name="sin_cached",
        )
        self.sin_cached.assign(keras.ops.sin(emb))

    def call(self, x, seq_len=None):
        if seq_len > self.max_seq_len_cached:
            self._set_cos_sin_cache(seq_len=seq_len, device=x.device, dtype=x.dtype)

        return (
            keras.ops.cast(self.cos_cached[:seq_len], dtype=x.dtype),
            keras.ops.cast(self.sin_cached[:seq_len], dtype=x.dtype),
        )


def build_model():
    head_dim, num_heads = 16, 2
    rotary_emb = KerasLlamaRotaryEmbedding(head_dim, max_position_embeddings=8, base=10000)
    rng = np.random.default_rng(0)
    short = rng.standard_normal((1, num_heads, 4, head_dim)).astype("float32")   # (bsz, heads, q_len, head_dim)
    rotary_emb(short, seq_len=4)
    long = rng.standard_normal((1, num_heads, 12, head_dim)).astype("float32")
    rotary_emb(long, seq_len=12)  # longer than the cache: raises on Keras 3
    return rotary_emb, short
