"""BiLSTM-CRF whose CRF layer uses its `transitions` weight only in Viterbi decoding inside call(), while a separate CRFLoss object writes `self.crf.transitions = crf_log_likelihood(...)[1]`: the weight is still the tracked variable and it trains through the loss.

kangyishuai/BiLSTM-CRF-NER: `crf_layer.CRF` makes `transitions` with `add_weight` in `build()`; `call()`
runs `crf_decode` (argmax-based Viterbi) and returns the logits in training and the one-hot Viterbi path
otherwise. `CRFLoss` (a plain object holding the layer) computes the CRF log-likelihood from the logits and
assigns the returned transition matrix back onto the layer. It looks like LD009 (the weight reaches the
output only through argmax decoding), LD010 (a variable attribute overwritten with a function's result) and
LD011 (the layer kept in a plain object), but `crf_log_likelihood` returns the very variable it was given,
the attribute is re-set to the same object, and the gradient flows through the loss. Porting edits: the
repository's `crf.py` (a copy of tensorflow-addons' CRF ops built on `AbstractRNNCell`, absent from Keras
3) is replaced by `_crf_log_likelihood`/`_crf_decode` with the same signatures and return values (log
likelihood and the transition_params passed in; Viterbi path and score); `tf.keras.backend.in_train_phase`,
`one_hot`, `flatten`, `eval` (removed in Keras 3) -> `training` test, `tf.one_hot`, `tf.reshape`,
`.numpy()`; `self.dropout(inputs, training)` -> `training=training` (Keras 3 raises "Only input tensors may be
passed as positional arguments"). `main.py` builds with `model.build((None, seq_len))`: on Keras 3 that only
marks the subclassed model built, warns that it "looks like it has unbuilt state" and leaves every sublayer
unbuilt until the first call (the summary would show 0 params), so build_model() builds it by one call on a
token batch instead and returns it with that batch; the generic _measure loss (mean of the logits) does not use the CRF loss, so
`_probe()` computes CRFLoss under a GradientTape and runs one `fit` step with the author's compile call.
"""

SOURCE = "https://github.com/kangyishuai/BiLSTM-CRF-NER/blob/84bde29105b13cd8128bb0ae5d043c4712a756cb/crf_layer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <file>:
warning (twice): "Layer 'crf' (of type CRF) was passed an input with a mask attached to it. However, this
layer does not support masking..."; as returned: BiLSTMCRF, count_params() = 1190, 10 weights, unbuilt:
none; after call: 1190, 10 trainable weights; gradient None for 1 of 10: ['bi_lstmcrf/crf/transitions']
(expected: _measure's loss is the mean of the training-mode logits, which bypass the CRF; the CRF loss is
where the weight is used); params of the case's own layers: {'crf': 25}. Case probe (python <file>,
CRFLoss under a GradientTape with the padding mask as sample_weight): count_params 1190, trainable 10,
None grads: [] (transitions included); after the loss the attribute is the same variable: True, still in
trainable_weights: True. The author's `compile(loss=CRFLoss(...))` + `fit(..., sample_weight=mask)` raised
AssertionError "your model has to support masking": Keras 3 wraps a plain callable loss and calls it
without sample_weight (a Keras 3 API change, not a weight-tracking defect)."""

import numpy as np
import tensorflow as tf


def _crf_log_likelihood(inputs, tag_indices, sequence_lengths, transition_params=None):
    # stand-in for the repository's crf.crf_log_likelihood (same contract)
    tag_indices = tf.cast(tag_indices, tf.int32)
    sequence_lengths = tf.cast(sequence_lengths, tf.int32)
    max_len = tf.shape(inputs)[1]
    mask = tf.sequence_mask(sequence_lengths, max_len, dtype=inputs.dtype)
    unary = tf.reduce_sum(tf.gather(inputs, tag_indices, batch_dims=2) * mask, axis=1)
    pairs = tf.stack([tag_indices[:, :-1], tag_indices[:, 1:]], axis=-1)
    binary = tf.reduce_sum(tf.gather_nd(transition_params, pairs) * mask[:, 1:], axis=1)
    alpha = inputs[:, 0]
    for t in range(1, inputs.shape[1]):
        nxt = tf.reduce_logsumexp(alpha[:, :, None] + transition_params[None], axis=1) + inputs[:, t]
        alpha = tf.where(mask[:, t:t + 1] > 0, nxt, alpha)
    log_norm = tf.reduce_logsumexp(alpha, axis=1)
    return unary + binary - log_norm, transition_params


def _crf_decode(potentials, transition_params, sequence_length):
    # stand-in for the repository's crf.crf_decode (Viterbi; argmax based)
    score = potentials[:, 0]
    backpointers = []
    for t in range(1, potentials.shape[1]):
        cand = score[:, :, None] + transition_params[None]
        backpointers.append(tf.argmax(cand, axis=1, output_type=tf.int32))
        score = tf.reduce_max(cand, axis=1) + potentials[:, t]
    best = tf.argmax(score, axis=1, output_type=tf.int32)
    path = [best]
    for bp in reversed(backpointers):
        best = tf.gather(bp, best, batch_dims=1)
        path.append(best)
    return tf.stack(path[::-1], axis=1), tf.reduce_max(score, axis=1)


class CRF(tf.keras.layers.Layer):
    def __init__(self, num_classes, **kwargs):
        super(CRF, self).__init__(**kwargs)
        self.transitions = None
        self.output_dim = int(num_classes)
        self.input_spec = tf.keras.layers.InputSpec(min_ndim=3)
        self.supports_masking = False

    def get_config(self):
        config = {"output_dim": self.output_dim, "supports_masking": self.supports_masking,
                  "transitions": self.transitions.numpy()}
        base_config = super(CRF, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def build(self, input_shape):
        assert len(input_shape) == 3
        f_shape = tf.TensorShape(input_shape)
        input_spec = tf.keras.layers.InputSpec(min_ndim=3, axes={-1: f_shape[-1]})
        if f_shape[-1] is None:
            raise ValueError("The last dimension of the inputs to `CRF` should be defined. Found `None`.")
        if f_shape[-1] != self.output_dim:
            raise ValueError("The last dimension of the input shape must be equal to output"
                             " shape. Use a linear layer if needed.")
        self.input_spec = input_spec
        self.transitions = self.add_weight(name="transitions", shape=[self.output_dim, self.output_dim],
                                           initializer="glorot_uniform", trainable=True)
        self.built = True

    def compute_mask(self, inputs, mask=None):
        return mask

    def call(self, inputs, sequence_lengths=None, mask=None, training=None, **kwargs):
        sequences = tf.convert_to_tensor(inputs, dtype=self.dtype)
        if sequence_lengths is not None:
            sequence_lengths = tf.reshape(sequence_lengths, [-1])
        else:
            sequence_lengths = tf.math.count_nonzero(mask, axis=1)
        viterbi_sequence, _ = _crf_decode(sequences, self.transitions, sequence_lengths)
        output = tf.one_hot(viterbi_sequence, self.output_dim)
        return sequences if training else output

    def compute_output_shape(self, input_shape):
        return input_shape[:2] + (self.output_dim,)


class CRFLoss(object):
    def __init__(self, crf: CRF, dtype) -> None:
        super().__init__()
        self.crf = crf
        self.dtype = dtype

    def __call__(self, y_true, y_pred, sample_weight=None, **kwargs):
        assert sample_weight is not None, "your model has to support masking"
        if len(y_true.shape) == 3:
            y_true = tf.argmax(y_true, axis=-1)
        sequence_lengths = tf.math.count_nonzero(sample_weight, axis=1)
        y_pred = tf.convert_to_tensor(y_pred, dtype=self.dtype)
        log_likelihood, self.crf.transitions = _crf_log_likelihood(
            y_pred, tf.cast(y_true, dtype=tf.int32), sequence_lengths,
            transition_params=self.crf.transitions)
        return tf.reduce_mean(-log_likelihood)


class BiLSTMCRF(tf.keras.Model):
    def __init__(self, hidden_num, vocab_size, label_size, embedding_size):
        super(BiLSTMCRF, self).__init__()
        self.num_hidden = hidden_num
        self.vocab_size = vocab_size
        self.label_size = label_size
        self.transition_params = None
        self.embedding = tf.keras.layers.Embedding(vocab_size, embedding_size, mask_zero=True)
        self.dropout = tf.keras.layers.Dropout(0.5)
        self.biLSTM = tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(hidden_num, return_sequences=True))
        self.dense = tf.keras.layers.Dense(label_size)
        self.crf = CRF(label_size)

    def call(self, text, training=None):
        inputs = self.embedding(text)
        inputs = self.dropout(inputs, training=training)
        logits = self.dense(self.biLSTM(inputs))
        viterbi_output = self.crf(logits)
        return viterbi_output


SEQ_LEN, VOCAB, LABELS = 6, 20, 5


def _data():
    rng = np.random.default_rng(0)
    text = rng.integers(1, VOCAB, (4, SEQ_LEN)).astype("int32")
    text[:, 4:] = 0
    label = rng.integers(0, LABELS, (4, SEQ_LEN)).astype("int32")
    return text, label


def build_model():
    model = BiLSTMCRF(hidden_num=8, vocab_size=VOCAB, label_size=LABELS, embedding_size=6)
    text, _ = _data()
    model(text)
    return model, text


def _probe():
    model, text = build_model()
    _, label = _data()
    crf_var = model.crf.transitions
    loss_fn = CRFLoss(model.crf, model.dtype)
    with tf.GradientTape() as tape:
        logits = model(text, training=True)
        loss = loss_fn(label, logits, sample_weight=tf.cast(text != 0, tf.float32))
    grads = tape.gradient(loss, model.trainable_weights)
    print("count_params", model.count_params(), "trainable", len(model.trainable_weights))
    print("None grads:", [w.path for w, g in zip(model.trainable_weights, grads) if g is None])
    print("after loss: attribute is the same variable:", model.crf.transitions is crf_var,
          "still in trainable_weights:", any(w is crf_var for w in model.trainable_weights))
    before = crf_var.numpy().copy()
    model.compile(loss=CRFLoss(model.crf, model.dtype), optimizer=tf.keras.optimizers.Adam(0.1),
                  run_eagerly=True)
    try:
        model.fit(text, label, sample_weight=(text != 0).astype("float32"), epochs=1, verbose=0)
        print("fit: transitions changed:", not np.allclose(before, model.crf.transitions.numpy()))
    except Exception as error:  # noqa: BLE001
        print("fit raised", type(error).__name__, " ".join(str(error).split())[:300])


if __name__ == "__main__":
    _probe()
