"""TensorFlow-2 Factorization Machine (from a CSDN post) keeps its global bias as `self.bias = tf.Variable([0.0])` on a subclassed Model.

A Chinese recommender study repo (deepplus, `deepnn/fm/FM.py`, header "TensorFlow2.0 实现FM" with the
CSDN link it was taken from) defines `FM_Model(tf.keras.Model)`: two Embedding layers for the first-order
weights and the factor vectors, and the global bias as a raw `tf.Variable([0.0])`; call() takes two
positional tensors `(feat_index, feat_value)`, and training is a hand-written GradientTape loop over
`model.trainable_variables`. On tf.keras 2 the tf.Variable was tracked. On Keras 3 it is not: the bias is
missing from `model.trainable_variables` and `model.weights`, so the custom loop never computes or applies
its gradient and it stays 0.0 (it is also not saved). The embeddings are fine. The repo's broken
`from pandas import np` import is replaced by `import numpy as np`.
"""

SOURCE = "https://github.com/jianjunyue/deepplus/blob/master/deepnn/fm/FM.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py j_fm_model_bias_tf_variable.py:
as returned: FM_Model, count_params() = 550, 2 weights, unbuilt: none
no inputs known: not called
(call() takes two positional tensors, so _measure cannot call it; build_model() does the first forward pass as the author's loop does.)
Own script (/tmp/mine11b/m11.py): model.trainable_variables == [embedding/embeddings, embedding_1/embeddings], count_params() == 550 (50 + 500, no bias); after 5 steps of the author-style GradientTape loop over model.trainable_variables, model.bias is still [0.]."""

import tensorflow as tf
import numpy as np


# TensorFlow2.0 实现FM
# https://blog.csdn.net/qq_34333481/article/details/103919923
class FM_Model(tf.keras.Model):

    def __init__(self, num_feat, num_field, reg_l1=0.01, reg_l2=0.01, embedding_size=10):
        super().__init__()
        self.reg_l1 = reg_l1
        self.reg_l2 = reg_l2  # L1/L2正则化并没有去使用
        self.num_feat = num_feat  # denote as M
        self.num_field = num_field  # denote as F
        self.embedding_size = embedding_size  # denote as K

        # first order term parameters embedding
        self.first_weights = tf.keras.layers.Embedding(num_feat, 1, embeddings_initializer='uniform')
        self.bias = tf.Variable([0.0])

        self.feat_embeddings = tf.keras.layers.Embedding(num_feat, embedding_size, embeddings_initializer='uniform')

    def call(self, feat_index, feat_value):
        # Step1: 先计算得到线性的那一部分
        feat_value = tf.expand_dims(feat_value, axis=-1)
        first_weights = self.first_weights(feat_index)
        first_weight_value = tf.math.multiply(first_weights, feat_value)
        first_weight_value = tf.squeeze(first_weight_value, axis=-1)
        y_first_order = tf.math.reduce_sum(first_weight_value, axis=1)

        # Step2: 再计算二阶部分
        secd_feat_emb = self.feat_embeddings(feat_index)                        # None * F * K
        feat_emd_value = tf.math.multiply(secd_feat_emb, feat_value)            # None * F * K(广播)

        # sum_square part
        summed_feat_emb = tf.math.reduce_sum(feat_emd_value, axis=1)            # None * K
        interaction_part1 = tf.math.pow(summed_feat_emb, 2)                     # None * K

        # squared_sum part
        squared_feat_emd_value = tf.math.pow(feat_emd_value, 2)                 # None * K
        interaction_part2 = tf.math.reduce_sum(squared_feat_emd_value, axis=1)  # None * K

        y_secd_order = 0.5 * tf.subtract(interaction_part1, interaction_part2)
        y_secd_order = tf.math.reduce_sum(y_secd_order, axis=1)

        output = y_first_order + y_secd_order + self.bias
        output = tf.expand_dims(output, axis=1)
        return output


def train_one_step(model, optimizer, idx, value, label):
    with tf.GradientTape() as tape:
        output = model(idx, value)
        loss = tf.reduce_mean(tf.keras.losses.binary_crossentropy(label, tf.sigmoid(output), from_logits=False))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def build_model():
    num_feat, num_field = 50, 6
    model = FM_Model(num_feat, num_field, embedding_size=10)
    rng = np.random.default_rng(0)
    feat_index = rng.integers(0, num_feat, (4, num_field)).astype("int32")
    feat_value = rng.random((4, num_field)).astype("float32")
    model(feat_index, feat_value)  # first forward pass creates the embedding tables
    return model
