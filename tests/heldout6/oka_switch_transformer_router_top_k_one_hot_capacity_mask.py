"""Correct: keras.io's Switch Transformer routes tokens with `top_k`, `one_hot`, a `cumsum` cast to int32 and a capacity mask, and creates the router's Dense and the experts before `super().__init__()`.

Every step of the keras.io `Router` between the router's Dense and the output looks like a
gradient cut: `tf.math.top_k` picks each token's expert, `tf.one_hot` and an int32 `cumsum`
build the position of the token in its expert, a `tf.cast(tf.less(...))` drops tokens over
capacity. And `Router` and `Switch` assign their sublayers (`self.route`, the list of expert
`Sequential`s, `self.router`) *before* calling `super().__init__()`. On Keras 3 (TF backend) none
of this breaks training: the `top_k` *values* (`expert_gate`) multiply the combine tensor, so the
router's Dense gets a gradient through them, the integer tensors only build masks, and the
sublayers set before `super().__init__()` are still tracked (the router's 330 and the ten
experts' weights are all counted). The load-balancing loss goes through `self.add_loss`. The
transformer block's `call(self, inputs, training)` needs a default (`training=False`) to be wired
on Keras 3; everything else is as published.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/nlp/text_classification_with_switch_transformer.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oka_switch_transformer_router_top_k_one_hot_capacity_mask.py:
as returned: Functional, count_params() = 677516, 60 weights, unbuilt: none
after call: count_params() = 677516, 60 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 60 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'token_and_position_embedding': 646400, 'transformer_block': 29994, 'switch': 21450, 'router': 330}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
import keras
from keras import layers

vocab_size = 20000  # Only consider the top 20k words
num_tokens_per_example = 200  # Only consider the first 200 words of each movie review
embed_dim = 32  # Embedding size for each token.
num_heads = 2  # Number of attention heads
ff_dim = 32  # Hidden layer size in feedforward network.
num_experts = 10  # Number of experts used in the Switch Transformer.
batch_size = 50  # Batch size.
dropout_rate = 0.25  # Dropout rate.
num_tokens_per_batch = batch_size * num_tokens_per_example  # Total number of tokens per batch.


class TokenAndPositionEmbedding(layers.Layer):
    def __init__(self, maxlen, vocab_size, embed_dim):
        super(TokenAndPositionEmbedding, self).__init__()
        self.token_emb = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
        self.pos_emb = layers.Embedding(input_dim=maxlen, output_dim=embed_dim)

    def call(self, x):
        maxlen = tf.shape(x)[-1]
        positions = tf.range(start=0, limit=maxlen, delta=1)
        positions = self.pos_emb(positions)
        x = self.token_emb(x)
        return x + positions


def create_feedforward_network(ff_dim, name=None):
    return keras.Sequential([layers.Dense(ff_dim, activation="relu"), layers.Dense(ff_dim)], name=name)


def load_balanced_loss(router_probs, expert_mask):
    num_experts = tf.shape(expert_mask)[-1]
    density = tf.reduce_mean(expert_mask, axis=0)
    density_proxy = tf.reduce_mean(router_probs, axis=0)
    loss = tf.reduce_mean(density_proxy * density) * tf.cast((num_experts**2), tf.dtypes.float32)
    return loss


class Router(layers.Layer):
    def __init__(self, num_experts, expert_capacity):
        self.num_experts = num_experts
        self.route = layers.Dense(units=num_experts)
        self.expert_capacity = expert_capacity
        super(Router, self).__init__()

    def call(self, inputs, training=False):
        router_logits = self.route(inputs)
        if training:
            # Add noise for exploration across experts.
            router_logits += tf.random.uniform(shape=router_logits.shape, minval=0.9, maxval=1.1)
        router_probs = keras.activations.softmax(router_logits, axis=-1)
        expert_gate, expert_index = tf.math.top_k(router_probs, k=1)
        expert_mask = tf.one_hot(expert_index, depth=self.num_experts)
        aux_loss = load_balanced_loss(router_probs, expert_mask)
        self.add_loss(aux_loss)
        position_in_expert = tf.cast(tf.math.cumsum(expert_mask, axis=0) * expert_mask, tf.dtypes.int32)
        expert_mask *= tf.cast(
            tf.math.less(tf.cast(position_in_expert, tf.dtypes.int32), self.expert_capacity), tf.dtypes.float32)
        expert_mask_flat = tf.reduce_sum(expert_mask, axis=-1)
        expert_gate *= expert_mask_flat
        combined_tensor = tf.expand_dims(
            expert_gate * expert_mask_flat * tf.squeeze(tf.one_hot(expert_index, depth=self.num_experts), 1), -1
        ) * tf.squeeze(tf.one_hot(position_in_expert, depth=self.expert_capacity), 1)
        dispatch_tensor = tf.cast(combined_tensor, tf.dtypes.float32)
        return dispatch_tensor, combined_tensor


class Switch(layers.Layer):
    def __init__(self, num_experts, embed_dim, num_tokens_per_batch, capacity_factor=1):
        self.num_experts = num_experts
        self.embed_dim = embed_dim
        self.experts = [create_feedforward_network(embed_dim) for _ in range(num_experts)]
        self.expert_capacity = num_tokens_per_batch // self.num_experts
        self.router = Router(self.num_experts, self.expert_capacity)
        super(Switch, self).__init__()

    def call(self, inputs):
        batch_size = tf.shape(inputs)[0]
        num_tokens_per_example = tf.shape(inputs)[1]
        inputs = tf.reshape(inputs, [num_tokens_per_batch, self.embed_dim])
        dispatch_tensor, combine_tensor = self.router(inputs)
        expert_inputs = tf.einsum("ab,acd->cdb", inputs, dispatch_tensor)
        expert_inputs = tf.reshape(expert_inputs, [self.num_experts, self.expert_capacity, self.embed_dim])
        expert_input_list = tf.unstack(expert_inputs, axis=0)
        expert_output_list = [self.experts[idx](expert_input) for idx, expert_input in enumerate(expert_input_list)]
        expert_outputs = tf.stack(expert_output_list, axis=1)
        expert_outputs_combined = tf.einsum("abc,xba->xc", expert_outputs, combine_tensor)
        outputs = tf.reshape(expert_outputs_combined, [batch_size, num_tokens_per_example, self.embed_dim])
        return outputs


class TransformerBlock(layers.Layer):
    def __init__(self, embed_dim, num_heads, ffn, dropout_rate=0.1):
        super(TransformerBlock, self).__init__()
        self.att = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
        self.ffn = ffn
        self.layernorm1 = layers.LayerNormalization(epsilon=1e-6)
        self.layernorm2 = layers.LayerNormalization(epsilon=1e-6)
        self.dropout1 = layers.Dropout(dropout_rate)
        self.dropout2 = layers.Dropout(dropout_rate)

    def call(self, inputs, training=False):
        attn_output = self.att(inputs, inputs)
        attn_output = self.dropout1(attn_output, training=training)
        out1 = self.layernorm1(inputs + attn_output)
        ffn_output = self.ffn(out1)
        ffn_output = self.dropout2(ffn_output, training=training)
        return self.layernorm2(out1 + ffn_output)


def create_classifier():
    switch = Switch(num_experts, embed_dim, num_tokens_per_batch)
    transformer_block = TransformerBlock(ff_dim, num_heads, switch)

    inputs = layers.Input(shape=(num_tokens_per_example,))
    embedding_layer = TokenAndPositionEmbedding(num_tokens_per_example, vocab_size, embed_dim)
    x = embedding_layer(inputs)
    x = transformer_block(x)
    x = layers.GlobalAveragePooling1D()(x)
    x = layers.Dropout(dropout_rate)(x)
    x = layers.Dense(ff_dim, activation="relu")(x)
    x = layers.Dropout(dropout_rate)(x)
    outputs = layers.Dense(2, activation="softmax")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def build_model():
    classifier = create_classifier()
    tokens = np.random.default_rng(0).integers(0, vocab_size, (batch_size, num_tokens_per_example))
    return classifier, tokens
