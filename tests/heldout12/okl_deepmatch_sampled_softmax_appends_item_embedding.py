"""DeepMatch SampledSoftmaxLayer: receives the item Embedding layer in __init__, builds it by hand
in build() and "registers" its table with `self.trainable_weights.append(...)`.

YoutubeDNN-style retrieval: the item Embedding is shared by the user-history pooling and by the
sampled-softmax head, which gets the layer object itself and reads `.embeddings` in call(). The
author calls `self.item_embedding.build([])` if it is not built yet and appends the table to
`self.trainable_weights`, and PoolingLayer stores `self.eps = tf.constant(1e-8)`. It looks like
private-weight-list surgery and a raw tensor on self, but on Keras 3 `trainable_weights` is a
freshly built list (the append is a silent no-op), the Embedding is tracked anyway because it is
an attribute of the layer (and a node of the functional graph), `eps` is a scalar constant, not a
weight, and the table gets its gradient through sampled_softmax_loss.
"""

SOURCE = "https://github.com/shenweichen/DeepMatch/blob/master/deepmatch/layers/core.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py okl_deepmatch_sampled_softmax_appends_item_embedding.py:
as returned: Functional, count_params() = 928, 7 weights, unbuilt: none
after call: count_params() = 928, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'pooling_layer': 0, 'sampled_softmax_layer': 360}
second call: 0 variables watched that the first call did not use
(928 = user_emb 160 + movie_id_emb 320 counted once + Dense 272 + Dense 136 + zero_bias 40; the
trainable_weights.append(...) raised nothing and changed nothing.)"""

import tensorflow as tf
from tensorflow.keras.initializers import Zeros
from tensorflow.keras.layers import Layer


def concat_func(inputs, axis=-1):
    if len(inputs) == 1:
        return inputs[0]
    return tf.keras.layers.Concatenate(axis=axis)(inputs)


def reduce_mean(input_tensor, axis=None, keep_dims=False):
    return tf.reduce_mean(input_tensor, axis=axis, keepdims=keep_dims)


class PoolingLayer(Layer):

    def __init__(self, mode='mean', supports_masking=False, **kwargs):

        if mode not in ['sum', 'mean', 'max']:
            raise ValueError("mode must be sum or mean")
        self.mode = mode
        self.eps = tf.constant(1e-8, tf.float32)
        super(PoolingLayer, self).__init__(**kwargs)

        self.supports_masking = supports_masking

    def build(self, input_shape):

        super(PoolingLayer, self).build(
            input_shape)  # Be sure to call this somewhere!

    def call(self, seq_value_len_list, mask=None, **kwargs):
        if not isinstance(seq_value_len_list, list):
            seq_value_len_list = [seq_value_len_list]
        if len(seq_value_len_list) == 1:
            return seq_value_len_list[0]
        expand_seq_value_len_list = list(map(lambda x: tf.expand_dims(x, axis=-1), seq_value_len_list))
        a = tf.concat(expand_seq_value_len_list, axis=-1)
        if self.mode == "mean":
            hist = reduce_mean(a, axis=-1, )
        if self.mode == "sum":
            hist = tf.reduce_sum(a, axis=-1, )
        if self.mode == "max":
            hist = tf.reduce_max(a, axis=-1, )
        return hist


class SampledSoftmaxLayer(Layer):
    def __init__(self, item_embedding, num_sampled=5, **kwargs):
        self.num_sampled = num_sampled
        self.target_song_size = item_embedding.input_dim
        self.item_embedding = item_embedding
        super(SampledSoftmaxLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        self.zero_bias = self.add_weight(shape=[self.target_song_size],
                                         initializer=Zeros,
                                         dtype=tf.float32,
                                         trainable=False,
                                         name="bias")
        if not self.item_embedding.built:
            self.item_embedding.build([])
        self.trainable_weights.append(self.item_embedding.embeddings)
        super(SampledSoftmaxLayer, self).build(input_shape)

    def call(self, inputs_with_label_idx, training=None, **kwargs):
        """
        The first input should be the model as it were, and the second the
        target (i.e., a repeat of the training data) to compute the labels
        argument
        """
        inputs, label_idx = inputs_with_label_idx

        loss = tf.nn.sampled_softmax_loss(weights=self.item_embedding.embeddings,
                                          biases=self.zero_bias,
                                          labels=label_idx,
                                          inputs=inputs,
                                          num_sampled=self.num_sampled,
                                          num_classes=self.target_song_size
                                          )
        return tf.expand_dims(loss, axis=1)

    def compute_output_shape(self, input_shape):
        return (None, 1)

    def get_config(self, ):
        config = {'item_embedding': self.item_embedding, 'num_sampled': self.num_sampled}
        base_config = super(SampledSoftmaxLayer, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


ITEM_VOCAB = 40
EMB_DIM = 8
HIST_LEN = 4


def YoutubeDNN(user_vocab=20, num_sampled=5, user_dnn_hidden_units=(16, EMB_DIM)):
    user_id = tf.keras.Input(shape=(1,), dtype="int32", name="user_id")
    hist = tf.keras.Input(shape=(HIST_LEN,), dtype="int32", name="hist_movie_id")
    item_id = tf.keras.Input(shape=(1,), dtype="int64", name="movie_id")

    user_emb = tf.keras.layers.Embedding(user_vocab, EMB_DIM, name="user_emb")(user_id)
    item_embedding = tf.keras.layers.Embedding(ITEM_VOCAB, EMB_DIM, name="movie_id_emb")
    hist_emb = item_embedding(hist)
    hist_emb = PoolingLayer(mode="mean")([hist_emb[:, i, :] for i in range(HIST_LEN)])

    user_dnn_input = concat_func([tf.keras.layers.Flatten()(user_emb), hist_emb])
    x = user_dnn_input
    for units in user_dnn_hidden_units:
        x = tf.keras.layers.Dense(units, activation="relu")(x)

    output = SampledSoftmaxLayer(item_embedding, num_sampled=num_sampled)([x, item_id])
    return tf.keras.Model(inputs=[user_id, hist, item_id], outputs=output)


def build_model():
    return YoutubeDNN()
