"""DeepCTR AFMLayer: a Lambda made in build() receives the layer's own projection weight as an input.

DeepCTR's Attentional FM layer creates its four weights with add_weight in build(), then also creates
a Dropout and `self.tensordot = Lambda(lambda x: tf.tensordot(x[0], x[1], axes=(-1, 0)))` there; call()
stores the attention scores on `self.normalized_att_score` and ends with
`self.tensordot([attention_output, self.projection_p])`, i.e. a trainable variable handed to a Lambda
as one of its inputs. It has the look of a Lambda over outside state, of a tensor stored on self in
call() and (with compute_output_shape declared) of sublayers Keras never traces; on Keras 3 it is
fine: the Lambda closes over nothing, the variable is an input of the op, all four weights are
tracked by add_weight, are built with the layer and get gradients.

Port: `tensorflow.python.keras`/`tensorflow.keras` imports -> `keras`; DeepCTR's `softmax`/`reduce_sum`
helpers -> `tf.nn.softmax`/`tf.reduce_sum`; `K.ndim(x)` -> `len(x.shape)`; get_config kept; a small
AFM model (three categorical fields, one Embedding each) stands in for DeepCTR's feature-column plumbing.
"""

SOURCE = "https://github.com/shenweichen/DeepCTR/blob/1b5fe40e158d1ee6af8b1d9df217a5ed5aea9136/deepctr/layers/interaction.py#L39"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okk_deepctr_afm_projection_weight_fed_to_tensordot_lambda.py:
as returned: Functional, count_params() = 148, 7 weights, unbuilt: ['Lambda:lambda']
after call: count_params() = 148, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'afm_layer': 28}
second call: 0 variables watched that the first call did not use
(148 = three embeddings 120 + attention_W 16 + attention_b 4 + projection_h 4 + projection_p 4; the Lambda that is
unbuilt before the first call has no weights of its own.)"""

import itertools

import tensorflow as tf
import keras
from keras.initializers import Zeros, glorot_normal
from keras.layers import Dropout, Lambda, Layer
from keras.regularizers import l2


class AFMLayer(Layer):
    """Attentonal Factorization Machine models pairwise (order-2) feature
    interactions without linear term and bias."""

    def __init__(self, attention_factor=4, l2_reg_w=0, dropout_rate=0, seed=1024, **kwargs):
        self.attention_factor = attention_factor
        self.l2_reg_w = l2_reg_w
        self.dropout_rate = dropout_rate
        self.seed = seed
        super(AFMLayer, self).__init__(**kwargs)

    def build(self, input_shape):

        if not isinstance(input_shape, list) or len(input_shape) < 2:
            raise ValueError('A `AttentionalFM` layer should be called '
                             'on a list of at least 2 inputs')

        shape_set = set()
        reduced_input_shape = [tuple(shape) for shape in input_shape]
        for i in range(len(input_shape)):
            shape_set.add(tuple(reduced_input_shape[i]))

        if len(shape_set) > 1:
            raise ValueError('A `AttentionalFM` layer requires '
                             'inputs with same shapes '
                             'Got different shapes: %s' % (shape_set))

        if len(input_shape[0]) != 3 or input_shape[0][1] != 1:
            raise ValueError('A `AttentionalFM` layer requires '
                             'inputs of a list with same shape tensor like (None, 1, embedding_size)'
                             'Got different shapes: %s' % (input_shape[0]))

        embedding_size = int(input_shape[0][-1])

        self.attention_W = self.add_weight(shape=(embedding_size,
                                                  self.attention_factor), initializer=glorot_normal(seed=self.seed),
                                           regularizer=l2(self.l2_reg_w), name="attention_W")
        self.attention_b = self.add_weight(
            shape=(self.attention_factor,), initializer=Zeros(), name="attention_b")
        self.projection_h = self.add_weight(shape=(self.attention_factor, 1),
                                            initializer=glorot_normal(seed=self.seed), name="projection_h")
        self.projection_p = self.add_weight(shape=(
            embedding_size, 1), initializer=glorot_normal(seed=self.seed), name="projection_p")
        self.dropout = Dropout(
            self.dropout_rate, seed=self.seed)

        self.tensordot = Lambda(
            lambda x: tf.tensordot(x[0], x[1], axes=(-1, 0)))

        # Be sure to call this somewhere!
        super(AFMLayer, self).build(input_shape)

    def call(self, inputs, training=None, **kwargs):

        if len(inputs[0].shape) != 3:
            raise ValueError(
                "Unexpected inputs dimensions %d, expect to be 3 dimensions" % (len(inputs[0].shape)))

        embeds_vec_list = inputs
        row = []
        col = []

        for r, c in itertools.combinations(embeds_vec_list, 2):
            row.append(r)
            col.append(c)

        p = tf.concat(row, axis=1)
        q = tf.concat(col, axis=1)
        inner_product = p * q

        bi_interaction = inner_product
        attention_temp = tf.nn.relu(tf.nn.bias_add(tf.tensordot(
            bi_interaction, self.attention_W, axes=(-1, 0)), self.attention_b))
        self.normalized_att_score = tf.nn.softmax(tf.tensordot(
            attention_temp, self.projection_h, axes=(-1, 0)), axis=1)
        attention_output = tf.reduce_sum(
            self.normalized_att_score * bi_interaction, axis=1)

        attention_output = self.dropout(attention_output, training=training)  # training

        afm_out = self.tensordot([attention_output, self.projection_p])
        return afm_out

    def compute_output_shape(self, input_shape):

        if not isinstance(input_shape, list):
            raise ValueError('A `AFMLayer` layer should be called '
                             'on a list of inputs.')
        return (None, 1)

    def get_config(self, ):
        config = {'attention_factor': self.attention_factor,
                  'l2_reg_w': self.l2_reg_w, 'dropout_rate': self.dropout_rate, 'seed': self.seed}
        base_config = super(AFMLayer, self).get_config()
        base_config.update(config)
        return base_config


def build_model(vocab_sizes=(10, 12, 8), embedding_size=4):
    """AFM over three categorical fields: Embedding per field -> AFMLayer -> sigmoid."""
    inputs = [keras.Input(shape=(1,), dtype='int32', name='field_%d' % i) for i in range(len(vocab_sizes))]
    embeds = [keras.layers.Embedding(v, embedding_size, name='emb_%d' % i)(x)
              for i, (v, x) in enumerate(zip(vocab_sizes, inputs))]
    afm_logit = AFMLayer(attention_factor=4, dropout_rate=0.1)(embeds)
    output = keras.layers.Activation('sigmoid')(afm_logit)
    return keras.Model(inputs, output)
