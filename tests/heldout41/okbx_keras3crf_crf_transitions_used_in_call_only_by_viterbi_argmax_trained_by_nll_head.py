"""keras3-crf's `CRF` layer uses its trainable `transitions` weight in `call()` only for Viterbi decoding (argmax
along a scan, no gradient) and `keras.ops.convert_to_tensor(self.trans)`: it looks like a weight that reaches the loss
only through non-differentiable ops (LD009), but the layer also returns the transitions and the emission potentials
as outputs, and the tagger's NLL head computes the CRF log-likelihood from them, so the weight trains.

From homfunc/keras3-crf (a backend-independent Keras 3 port of the TensorFlow Addons CRF for NER/sequence tagging),
`src/keras_crf/layers.py` (the layer), `src/keras_crf/crf_ops.py` (log-likelihood and Viterbi decode in
`keras.ops`) and `src/keras_crf/train_utils.py` (`make_crf_tagger`, the functional tagger used by
`examples/quickstart_tf.py`). `CRF.call()` returns `(decoded, potentials, lens, trans_out)`; `make_crf_tagger`
feeds potentials, labels, lengths and transitions into a `CRF_NLL` layer whose per-sample negative log-likelihood is
the `crf_loss_output` the model is compiled on (the decoded tags only feed metrics, under a zero loss).

Porting edits: none to the code kept. Kept: `_is_symbolic_tensor`, the `CRF` class without its
`get_build_config`/`build_from_config` pair (loading support), the crf_ops functions the layer and the NLL head call
(`_length_mask`, `_one_hot`, `crf_sequence_score`, `crf_log_norm`, `crf_log_likelihood`, `crf_decode`) and
`make_crf_tagger` with its default `loss="nll"` branch (the Dice heads, which need `crf_marginals`, are left out).
The `register_keras_serializable` decorator is kept. build_model() builds the quickstart tagger (token ids, an
Embedding with mask_zero, a BiLSTM, the CRF head; T=12, vocabulary 80, 5 tags) and returns it with a dict of 4 random
padded token sequences and tags (the model takes a dict, so the measurement cannot make its own inputs); the loss the
standard measurement builds from the one float output is the model's NLL. probe_crf.py also runs one `fit` epoch.
"""

SOURCE = "https://github.com/homfunc/keras3-crf/blob/f03e2f8a6dca7f50abbf592d8320afaaa82f2d87/src/keras_crf/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 19592, 12 weights, unbuilt: none
after call: count_params() = 19592, 12 trainable weights, unbuilt: none; output dtypes ['float32', 'int32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'crf': 360, 'nll_out': 0, 'decoded_output': 0}
second call: 0 variables watched that the first call did not use
python probe_crf.py (batch of 16, the quickstart's data, the author's compile):
outputs: {'decoded_output': ('int32', (16, 12)), 'crf_loss_output': ('float32', (16,))}
trainable weights: 12 count_params(): 19592
None gradients: []
transitions grad max |g|: 0.3727821707725525
fit loss: [15.290630340576172] ; transitions changed by fit: True"""

import numpy as np
import keras
from keras import ops as K
from keras.layers import Layer, Dense
from typing import Optional


# ---- src/keras_crf/crf_ops.py (the functions used below) ----
def _length_mask(lens, max_len):
    # lens: [B]
    # returns mask [B, T] with True for t < lens
    lens = K.cast(lens, "int32")
    ar = K.expand_dims(K.cast(K.arange(max_len), "int32"), 0)
    lens = K.expand_dims(lens, -1)
    return K.less(ar, lens)


def _one_hot(x, depth):
    # Keras.ops.one_hot exists in Keras 3
    return K.one_hot(x, depth)


def crf_sequence_score(potentials, tags, lens, trans):
    # potentials: [B, T, N], tags: [B, T], lens: [B], trans: [N, N]
    B, T, N = K.shape(potentials)[0], K.shape(potentials)[1], K.shape(potentials)[2]
    # Unary score: one-hot gather and mask by length
    tags_oh = _one_hot(tags, N)  # [B, T, N]
    unary_scores = K.sum(potentials * K.cast(tags_oh, potentials.dtype), axis=-1)  # [B, T]
    m = _length_mask(lens, T)
    unary_scores = K.sum(unary_scores * K.cast(m, potentials.dtype), axis=-1)  # [B]

    # Binary score over transitions
    prev = tags[:, :-1]  # [B, T-1]
    curr = tags[:, 1:]   # [B, T-1]
    prev_oh = K.cast(_one_hot(prev, N), potentials.dtype)  # [B, T-1, N]
    curr_oh = K.cast(_one_hot(curr, N), potentials.dtype)  # [B, T-1, N]
    # prev @ trans -> [B, T-1, N]
    trans_applied = K.matmul(prev_oh, K.cast(trans, potentials.dtype))  # matmul handles [..., N] x [N, N]
    step_scores = K.sum(trans_applied * curr_oh, axis=-1)  # [B, T-1]
    lens_minus_one = lens - K.ones_like(lens)
    m2 = _length_mask(K.maximum(lens_minus_one, K.zeros_like(lens)), T - 1)  # [B, T-1]
    binary_scores = K.sum(step_scores * K.cast(m2, potentials.dtype), axis=-1)  # [B]

    return unary_scores + binary_scores


def crf_log_norm(potentials, lens, trans):
    """Forward algorithm (log-normalizer) with variable-length support.

    For TensorFlow, use while_loop to improve graph-mode compatibility.
    For JAX and Torch, use scan which performs well and compiles reliably.
    """
    bk = keras.config.backend()

    lens = K.cast(lens, "int32")
    B = K.shape(potentials)[0]
    N = K.shape(potentials)[2]
    T = K.shape(potentials)[1]

    trans_e = K.expand_dims(K.cast(trans, potentials.dtype), 0)  # [1, N, N]

    # Initial alpha at t=0
    alphas0 = potentials[:, 0, :]  # [B, N]

    # Fast path when T == 1
    T_static = potentials.shape[1]
    if isinstance(T_static, int) and T_static == 1:
        return K.logsumexp(alphas0, axis=-1)

    # Precompute emissions for t=1..T-1 (time-major) and validity mask
    ems = potentials[:, 1:, :]     # [B, T-1, N]
    ems_tm = K.transpose(ems, (1, 0, 2))  # [T-1, B, N]

    time_idx = K.arange(T)  # [T]
    valid_bt = (K.expand_dims(time_idx, 0) < K.expand_dims(lens, -1))  # [B, T]
    valid_tm = K.transpose(valid_bt[:, 1:], (1, 0))  # [T-1, B]

    if bk == "tensorflow":
        # Loop from t=1..T-1 using while_loop and gather via take()
        def cond(t, alphas):
            return t < (T - K.ones_like(T))
        def body(t, alphas):  # t counts number of steps processed so far in 1..T-1
            emit_t = K.take(ems_tm, t, axis=0)     # [B, N]
            valid_t = K.take(valid_tm, t, axis=0)  # [B]
            prev = K.expand_dims(alphas, 2)
            scores = prev + trans_e
            new_alphas = K.logsumexp(scores, axis=1) + emit_t
            alphas = K.where(K.expand_dims(valid_t, -1), new_alphas, alphas)
            return (t + 1, alphas)
        t0 = K.zeros((), dtype="int32")
        _, alphasT = K.while_loop(cond, body, (t0, alphas0))
        return K.logsumexp(alphasT, axis=-1)
    else:
        # Use scan for JAX and Torch
        def step(alphas, inputs):
            emit_t, valid_t = inputs  # [B,N], [B]
            prev = K.expand_dims(alphas, 2)  # [B, N, 1]
            scores = prev + trans_e          # [B, N, N]
            new_alphas = K.logsumexp(scores, axis=1) + emit_t  # [B, N]
            alphas = K.where(K.expand_dims(valid_t, -1), new_alphas, alphas)
            return alphas, new_alphas
        alphasT, _ = K.scan(step, alphas0, xs=(ems_tm, valid_tm))
        return K.logsumexp(alphasT, axis=-1)


def crf_log_likelihood(potentials, tags, lens, trans):
    seq_scores = crf_sequence_score(potentials, tags, lens, trans)
    log_norm = crf_log_norm(potentials, lens, trans)
    return seq_scores - log_norm


def crf_decode(potentials, lens, trans):
    """Backend-agnostic Viterbi decode using keras.ops.scan for forward and backtrace.

    Args:
        potentials: [B, T, N]
        lens: [B]
        trans: [N, N]

    Returns:
        tags: [B, T] int32 decoded sequence
        best_score: [B] float score of best path
    """
    lens = K.cast(lens, "int32")
    B = K.shape(potentials)[0]
    T = K.shape(potentials)[1]
    N = K.shape(potentials)[2]

    # Fast path for single-timestep sequences to avoid scan with empty xs on some backends
    T_static = potentials.shape[1]
    if isinstance(T_static, int) and T_static == 1:
        alphas0 = potentials[:, 0, :]
        best_score = K.max(alphas0, axis=-1)
        last_tags = K.argmax(alphas0, axis=-1)
        tags_out = K.expand_dims(K.cast(last_tags, "int32"), 1)
        return tags_out, best_score

    trans_e = K.expand_dims(K.cast(trans, potentials.dtype), 0)  # [1,N,N]

    # Emissions time-major for t=1..T-1 and validity mask
    ems = potentials[:, 1:, :]        # [B,T-1,N]
    ems_tm = K.transpose(ems, (1, 0, 2))  # [T-1,B,N]
    time_idx = K.arange(T)  # [T]
    valid_bt = (K.expand_dims(time_idx, 0) < K.expand_dims(lens, -1))  # [B,T]
    valid_tm = K.transpose(valid_bt[:, 1:], (1, 0))  # [T-1,B]

    # Forward scan to compute alphas and backpointers using a pure functional style
    # to avoid in-place slice updates (which trigger warnings on Torch backend).
    alphas0 = potentials[:, 0, :]  # [B,N]

    # Return backpointers as float ys to keep structure/dtype uniform across backends,
    # cast to int32 after the scan completes.
    pot_dtype = potentials.dtype

    def fwd_step(alphas, inputs):
        emit_t, valid_t = inputs  # [B,N], [B]
        prev = K.expand_dims(alphas, 2)  # [B,N,1]
        scores = prev + trans_e          # [B,N,N]
        best_prev = K.argmax(scores, axis=1)           # [B,N]
        alphas_new = K.max(scores, axis=1) + emit_t    # [B,N]
        alphas = K.where(K.expand_dims(valid_t, -1), alphas_new, alphas)
        return alphas, K.cast(best_prev, pot_dtype)

    alphasT, backp_tm = K.scan(fwd_step, alphas0, xs=(ems_tm, valid_tm))
    backp_tm = K.cast(backp_tm, "int32")

    # Last tags and best score
    best_score = K.max(alphasT, axis=-1)   # [B]
    last_tags = K.argmax(alphasT, axis=-1) # [B]

    # Backtrace with reverse scan over backpointers
    # valid_prev for updating last_tags: times t=0..T-2 where t < lens-1
    prev_bt = (K.expand_dims(time_idx[:-1], 0) < K.expand_dims(lens - K.ones_like(lens), -1))  # [B,T-1]
    prev_tm = K.transpose(prev_bt, (1, 0))  # [T-1,B]

    def bwd_step(last_t, inputs):
        bp_t, valid_prev = inputs  # bp_t: [B,N], valid_prev: [B]
        tags_t = last_t  # record current tag before moving to previous
        one_hot_idx = K.one_hot(last_t, N)  # [B,N]
        prev_tag_f = K.sum(K.cast(bp_t, potentials.dtype) * K.cast(one_hot_idx, potentials.dtype), axis=1)
        prev_tag = K.cast(prev_tag_f, "int32")
        last_t = K.where(valid_prev, prev_tag, last_t)
        return last_t, tags_t  # carry updated, output current

    last0 = last_tags
    last_final, tags_rev_tm = K.scan(bwd_step, last0, xs=(backp_tm, prev_tm), reverse=True)
    # tags_rev_tm is in chronological order for t=1..T-1; prepend tag for t=0 (last_final)
    t0 = K.expand_dims(last_final, 0)           # [1,B]
    tags_tm = K.concatenate([t0, tags_rev_tm], axis=0)  # [T,B]
    tags_out = K.transpose(tags_tm, (1, 0))  # [B,T]

    return tags_out, best_score



# ---- src/keras_crf/layers.py ----
def _is_symbolic_tensor(x) -> bool:
    """Return True if x is a Keras symbolic tensor (graph-time), robust across backends.

    Heuristics:
    - isinstance(x, keras.KerasTensor)
    - Class name or repr contains 'KerasTensor'
    - Tensor shape has dynamic dims (None)
    - Fallback to keras.utils.is_keras_tensor
    """
    try:
        KT = getattr(keras, "KerasTensor")
        if isinstance(x, KT):
            return True
    except Exception:
        pass
    # Heuristic: string-based detection
    try:
        tn = x.__class__.__name__
        if "KerasTensor" in tn:
            return True
        rp = repr(x)
        if "KerasTensor" in rp:
            return True
    except Exception:
        pass
    # Dynamic shape heuristic
    try:
        shp = getattr(x, "shape", None)
        if shp is not None:
            for d in shp:
                if d is None:
                    return True
    except Exception:
        pass
    # If a list/tuple was passed, check first element
    if isinstance(x, (list, tuple)) and x:
        return _is_symbolic_tensor(x[0])
    # Fallbacks
    try:
        return bool(keras.utils.is_keras_tensor(x))
    except Exception:
        return False


@keras.utils.register_keras_serializable(package="Keras3CRF")
class CRF(Layer):
    def __init__(self, units: int, use_boundary: bool = True, use_kernel: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.units = units
        self.use_boundary = use_boundary
        self.use_kernel = use_kernel
        if self.use_kernel:
            self.proj = Dense(units)
        else:
            self.proj = None

    def build(self, input_shape):
        self.trans = self.add_weight(shape=(self.units, self.units), name="transitions", initializer="glorot_uniform")
        if self.use_boundary:
            self.left_boundary = self.add_weight(shape=(self.units,), name="left_boundary", initializer="zeros")
            self.right_boundary = self.add_weight(shape=(self.units,), name="right_boundary", initializer="zeros")
        if self.use_kernel:
            self.proj.build(input_shape)
        super().build(input_shape)

    def call(self, inputs, mask: Optional[keras.KerasTensor] = None, **kwargs):
        # Symbolic-safe lengths and boundary handling; allow left or right padding
        x = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
        if self.proj is not None:
            x = self.proj(x)
        potentials = x
        lens = self._mask_to_lengths(mask, potentials)
        if self.use_boundary:
            potentials = self._add_boundary_mask_aware(potentials, mask, lens)
        # Choose decode path based on symbolic vs eager tensors
        is_symbolic = _is_symbolic_tensor(potentials)
        if is_symbolic:
            # During symbolic tracing/build, avoid non-symbolic-friendly Viterbi; use argmax for shape propagation
            decoded = K.argmax(potentials, axis=-1)
        else:
            decoded, _ = crf_decode(potentials, lens, self.trans)

        # Ensure transitions are returned as a graph-tied tensor across backends
        trans_out = K.convert_to_tensor(self.trans)

        return decoded, potentials, lens, trans_out

    def _mask_to_lengths(self, mask, potentials):
        # Normalize mask: Keras may pass a list (one per input). Use first non-None.
        if isinstance(mask, (list, tuple)):
            mask = next((m for m in mask if m is not None), None)
        if mask is None:
            B = K.shape(potentials)[0]
            T = K.shape(potentials)[1]
            return K.full((B,), T, dtype="int32")
        else:
            # mask [B, T] -> lengths [B]
            return K.sum(K.cast(mask, "int32"), axis=1)

    def _add_boundary_mask_aware(self, potentials, mask, lengths):
        # Add left at first valid timestep and right at last valid timestep
        B = K.shape(potentials)[0]
        T = K.shape(potentials)[1]
        N = K.shape(potentials)[2]
        # Compute first/last valid indices
        if mask is None:
            first_idx = K.zeros((B,), dtype="int32")
            last_idx = K.full((B,), T - 1, dtype="int32")
        else:
            first_idx = T - lengths
            last_idx = first_idx + lengths - 1
        t_range = K.arange(T)[None, :]  # [1, T]
        start_sel = K.equal(t_range, K.expand_dims(first_idx, 1))
        end_sel = K.equal(t_range, K.expand_dims(last_idx, 1))
        start_sel = K.cast(K.expand_dims(start_sel, -1), potentials.dtype)  # [B, T, 1]
        end_sel = K.cast(K.expand_dims(end_sel, -1), potentials.dtype)      # [B, T, 1]
        lb = K.reshape(self.left_boundary, (1, 1, N))
        rb = K.reshape(self.right_boundary, (1, 1, N))
        return potentials + start_sel * lb + end_sel * rb

    def log_likelihood(self, potentials, tags, lens):
        return crf_log_likelihood(potentials, tags, lens, self.trans)

    def compute_output_shape(self, input_shape):
        # input_shape: (batch, time, features)
        # Use static dims where available; None for dynamic dims
        try:
            B, T, _ = input_shape
        except Exception:
            B, T = None, None
        return (
            (B, T),                  # decoded tags
            (B, T, self.units),      # potentials
            (B,),                    # lengths
            (self.units, self.units) # transition matrix
        )

    def get_config(self):
        cfg = {"units": self.units, "use_boundary": self.use_boundary, "use_kernel": self.use_kernel}
        base = super().get_config()
        return {**base, **cfg}


# ---- src/keras_crf/train_utils.py ----
def make_crf_tagger(tokens_input,
                    features,
                    num_tags,
                    optimizer=None,
                    metrics=None,
                    loss: str = "nll",
                    dice_smooth: float = 1.0,
                    joint_nll_weight: float = None):
    """
    Build a training-ready Keras Model for sequence tagging with a CRF head.

    Inputs
    - tokens_input: a Keras Input (shape (None,)) for token IDs. Name will be normalized to 'tokens'.
    - features: a KerasTensor [B, T, D] from your encoder (e.g., Embedding + LSTM).
    - num_tags: number of tag classes.
    - optimizer: optional optimizer (default Adam(1e-3))
    - metrics: list of metrics to apply to the decoded_output head (optional)
    - loss: one of {"nll", "dice", "dice+nll"}. Default "nll".
    - dice_smooth: smoothing constant for dice.
    - joint_nll_weight: if loss == "dice+nll", weight for the NLL term (0..1). Default 0.2.

    Returns
    - model: a compiled Model with two outputs:
        decoded_output: int tags [B, T] (metrics only)
        crf_log_likelihood_output: per-sample loss [B] (drives training; name kept for backward compatibility)
      The model expects inputs {'tokens': tokens, 'labels': labels} and outputs as above.
    """
    # Ensure named 'tokens' output for inputs dict convenience (mask-preserving)
    class _Identity(keras.layers.Layer):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.supports_masking = True
        def call(self, x):
            return x
    if tokens_input.name.split(':')[0] != 'tokens':
        tokens_named = _Identity(name='tokens')(tokens_input)
    else:
        tokens_named = tokens_input

    crf = CRF(num_tags)
    decoded, potentials, lens, trans = crf(features)

    # Labels input
    labels = keras.Input(shape=(None,), dtype="int32", name="labels")

    class CRF_NLL(keras.layers.Layer):
        def call(self, inputs):
            pot, y_true, ln, tr = inputs
            ll = crf_log_likelihood(pot, y_true, ln, tr)
            return -ll  # negative log-likelihood per sample

        def compute_output_shape(self, input_shapes):
            pot_shape = input_shapes[0]
            B = pot_shape[0]
            return (B,)

    # Build the chosen loss head
    loss_choice = (loss or "nll").lower()
    nll_out = CRF_NLL(name="nll_out")([potentials, labels, lens, trans])
    if loss_choice == "nll":
        loss_head = keras.layers.Lambda(lambda z: z, name="crf_loss_out")(nll_out)
    # (the "dice" and "dice+nll" branches, which use DiceLossLayer, are left out)
    else:
        raise ValueError(f"Unsupported loss option: {loss}")

    # Name outputs to align with compile/loss/metrics dict keys
    decoded_named = _Identity(name="decoded_output")(decoded)
    loss_named = keras.layers.Lambda(lambda z: z, name="crf_loss_output")(loss_head)

    model = keras.Model(
        inputs={"tokens": tokens_named, "labels": labels},
        outputs={"decoded_output": decoded_named, "crf_loss_output": loss_named},
    )

    def zero_loss(y_true, y_pred):
        return K.mean(K.zeros_like(y_pred[..., :1]))

    model.compile(
        optimizer=optimizer or keras.optimizers.Adam(1e-3),
        loss={"decoded_output": zero_loss, "crf_loss_output": lambda y_true, y_pred: K.mean(y_pred)},
        metrics={"decoded_output": metrics or []},
    )
    return model


def build_model():
    B, T, V, N = 16, 12, 80, 5
    tokens = keras.Input(shape=(T,), dtype="int32", name="tokens")
    x = keras.layers.Embedding(V + 1, 32, mask_zero=True)(tokens)
    x = keras.layers.Bidirectional(keras.layers.LSTM(32, return_sequences=True))(x)
    model = make_crf_tagger(tokens, x, N)
    rng = np.random.default_rng(42)
    X = rng.integers(1, V + 1, size=(4, T), dtype=np.int32)
    X[:, 9:] = 0  # padding, masked by the Embedding
    Y = rng.integers(0, N, size=(4, T), dtype=np.int32)
    return model, {"tokens": X, "labels": Y}
