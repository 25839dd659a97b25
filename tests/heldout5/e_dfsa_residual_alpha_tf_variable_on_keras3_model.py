"""A differentiable arithmetic-reduction model keeps its residual gate `alpha` as a `tf.Variable` on a Keras 3 `Model`: Keras never tracks it.

A research `DifferentiableFSA` (neural arithmetic: pick the highest-precedence operator, combine
its operands) is a `keras.Model` written with `keras.ops`. A learned residual is added to the
fixed precedence scores as `alpha * 5 * tanh(reduction_scorer(...))`, and `alpha` is ramped up by
the training script with `model.alpha.assign(...)`. The author created it in `__init__` as
`tf.Variable(0.0, trainable=False, name="residual_alpha")` so it would be a graph constant that
can be re-assigned between steps. On Keras 3 a backend-native `tf.Variable` on a model is not
tracked: it is not in `model.variables` or `count_params()`, and `save_weights` / `.keras` files
do not store it, so a reloaded model silently runs with `alpha = 0`.
"""

SOURCE = "https://github.com/NikolasMarkou/dl_techniques/blob/1fcfa641bcbdc5ad3150afb1dff4e79f973c1fa4/src/train/nam/train_dfsa.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py e_dfsa_residual_alpha_tf_variable_on_keras3_model.py:
as returned: DifferentiableFSA, count_params() = 761, 11 weights, unbuilt: none
after call: count_params() = 761, 11 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 11 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
also measured: model.variables and model.non_trainable_variables do not contain residual_alpha (non_trainable_variables == []); after model.alpha.assign(0.5), save_weights + load_weights into a fresh DifferentiableFSA gives alpha == 0.0"""

import keras
import numpy as np
import tensorflow as tf
from keras import ops

PAD, PLUS, MINUS, TIMES, DIVIDE = 0, 14, 15, 16, 17


class DifferentiableFSA(keras.Model):
    def __init__(self, hidden_size=16, vocab_size=20, use_learned_residual=True, **kwargs):
        super().__init__(**kwargs)
        self.hidden_size = hidden_size
        self.use_learned_residual = use_learned_residual

        # alpha is a non-trainable tf.Variable so it is graph-traced as a constant per
        # @tf.function trace but can be re-assigned eagerly between steps without retracing.
        self.alpha = tf.Variable(0.0, trainable=False, name="residual_alpha", dtype="float32")

        self.token_embedding = keras.layers.Embedding(vocab_size, hidden_size, name="token_embedding")
        self.mixer = keras.layers.Dense(hidden_size, activation="gelu", name="tree_block")
        self.encoder_norm = keras.layers.LayerNormalization(epsilon=1e-6, name="encoder_norm")
        self.reduction_scorer = keras.layers.Dense(1, name="reduction_scorer")  # built on (D + 4) input
        self.op_classifier = keras.layers.Dense(4, name="op_classifier")
        self.result_encoder = keras.layers.Dense(hidden_size, name="result_encoder")

    def reduce_step(self, token_ids, training=None):
        mask = ops.cast(ops.not_equal(token_ids, PAD), "float32")
        is_digit = ops.cast(ops.logical_and(token_ids >= 4, token_ids <= 13), "float32")
        digit_values = (ops.cast(token_ids, "float32") - 4.0) * is_digit
        high_prec = ops.cast(ops.logical_or(token_ids == TIMES, token_ids == DIVIDE), "float32")
        low_prec = ops.cast(ops.logical_or(token_ids == PLUS, token_ids == MINUS), "float32")
        is_operator = high_prec + low_prec
        op_type = high_prec * 2.0 + low_prec

        x = self.token_embedding(token_ids)
        x = self.encoder_norm(x + self.mixer(x))

        length = ops.shape(token_ids)[1]
        pemdas_scores = high_prec * 20.0 + low_prec * 15.0
        scores = pemdas_scores - 0.01 * ops.cast(ops.arange(length), "float32")

        # Learned residual (gated, default OFF): alpha * tanh(reduction_scorer([x, numeric_features]))
        if self.use_learned_residual:
            numeric_features = ops.stack([digit_values, is_digit, op_type, is_operator], axis=-1)
            residual_raw = ops.squeeze(self.reduction_scorer(ops.concatenate([x, numeric_features], axis=-1)), -1)
            scores = scores + self.alpha * (5.0 * ops.tanh(residual_raw))

        scores = ops.where(is_operator * mask > 0, scores, -1e9)
        reduction_weights = ops.softmax(scores, axis=-1)
        op_features = ops.sum(x * ops.expand_dims(reduction_weights, -1), axis=1)
        op_logits = self.op_classifier(op_features)
        result = ops.sum(digit_values * reduction_weights, axis=1, keepdims=True)
        valid = ops.max(is_operator * mask, axis=1, keepdims=True)
        return {"result": result, "valid": valid, "op_logits": op_logits, "reduction_weights": reduction_weights}

    def call(self, token_ids, training=None):
        out = self.reduce_step(token_ids, training=training)
        result_compressed = ops.sign(out["result"]) * ops.log1p(ops.abs(out["result"]))
        out["result_embedding"] = self.result_encoder(ops.concatenate([result_compressed, out["valid"]], axis=-1))
        return out


def build_model():
    # "3 + 4 * 2" and "7 - 1" as token ids (digits are 4..13), padded to 6
    tokens = np.array([[7, PLUS, 8, TIMES, 6, PAD], [11, MINUS, 5, PAD, PAD, PAD]], dtype="int32")
    model = DifferentiableFSA()
    model(tokens)
    model.alpha.assign(0.5)  # the curriculum's ramp, done by the training script
    return model, tokens
