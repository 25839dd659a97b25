"""Attention-before-convolution TextCNN: `bias=True` creates an attention bias weight that `call()` never reads.

From XUPT-SSS/DeepLearningCases (`AttentionedNetworks/keras_attention_textcnn/attention_layer.py`,
"Attention-based Convolutional Neural Networks for Sentence Classification"). `AttentionBeforeConvolution`
takes `bias=False` by default; with `bias=True`, `build()` adds `self.b` (one value per embedding
dimension, with the v-regulariser and v-constraint), but neither `call()` nor the `attention()` helper it
loops over ever uses `self.b`: the attention scores are `tanh(x_i W + x_j U) V` with no bias. The weight
is counted in the summary and listed in `trainable_weights`, yet gets no gradient and never moves.

Porting edits: `tensorflow.keras` star imports -> explicit `keras` imports (ops stay `tf.*`);
`x.shape.as_list()` -> `x.shape`; `attention_cnn()` from `model.py` kept as the model builder, with its
`model.summary()` print dropped, a fixed-length input (the layer splits the sequence into `max_len`
steps) and `bias=True` passed to the attention layer (the only way to get the bias the layer offers);
small sizes (6 tokens, 8-dim embeddings, 8 hidden units, 16 filters) to keep the max_len^2 Python loop short.
"""

SOURCE = "https://github.com/XUPT-SSS/DeepLearningCases/blob/d68b94cbbdea2efdc46b5c287f3dce106a46ff6d/AttentionedNetworks/keras_attention_textcnn/attention_layer.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout19/_measure.py tests/heldout19/a_xuptsss_attention_textcnn_bias_weight_never_used.py:
as returned: Functional, count_params() = 2945, 13 weights, unbuilt: none
after call: count_params() = 2945, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 13 trainable weights: ['attention_before_convolution/attention_before_convolution_b']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention_before_convolution': 144}
second call: 0 variables watched that the first call did not use
Reading: the bias `b` (8 values, created only because bias=True) is counted and trainable but gets a None gradient: neither call() nor attention() reads it; W, U and V get gradients."""

import keras
import tensorflow as tf
from keras import initializers, regularizers, constraints
from keras.layers import (Layer, Input, Embedding, Conv1D, GlobalMaxPooling1D, Concatenate, Dropout, Dense)
from keras.models import Model


class AttentionBeforeConvolution(Layer):
    """
    Attention operation.
    Follows the work "Attention-based Convolutional Neural Networks for Sentence Classification"
    # Input shape
        3D tensor with shape: `(batches, steps, embedding_dimension)`.
    # Output shape
        3D tensor with shape: `(batches, steps, 2*embedding_dimension)`.
    """

    def __init__(self, max_len=100,
                 W_regularizer=None, u_regularizer=None, v_regularizer=None,
                 W_constraint=None, u_constraint=None, v_constraint=None,
                 bias=False,  attention_hidden_dim=100, **kwargs):

        self.supports_masking = True
        self.init = initializers.get('glorot_uniform')

        self.W_regularizer = regularizers.get(W_regularizer)
        self.u_regularizer = regularizers.get(u_regularizer)
        self.v_regularizer = regularizers.get(v_regularizer)

        self.W_constraint = constraints.get(W_constraint)
        self.u_constraint = constraints.get(u_constraint)
        self.v_constraint = constraints.get(v_constraint)

        self.attention_hidden_dim = attention_hidden_dim
        self.max_len = max_len

        self.bias = bias
        super(AttentionBeforeConvolution, self).__init__(**kwargs)

    def build(self, input_shape):
        assert len(input_shape) == 3

        self.attention_W = self.add_weight(shape=(input_shape[-1], self.attention_hidden_dim,),
                                           initializer=self.init,
                                           name='{}_W'.format(self.name),
                                           regularizer=self.W_regularizer,
                                           constraint=self.W_constraint
                                           )

        self.attention_U = self.add_weight(shape=(input_shape[-1], self.attention_hidden_dim,),
                                           initializer=self.init,
                                           name='{}_U'.format(self.name),
                                           regularizer=self.u_regularizer,
                                           constraint=self.u_constraint
                                           )

        self.attention_V = self.add_weight(shape=(self.attention_hidden_dim, 1,),
                                           initializer=self.init,
                                           name='{}_V'.format(self.name),
                                           regularizer=self.v_regularizer,
                                           constraint=self.v_constraint
                                           )

        if self.bias:
            self.b = self.add_weight(shape=(input_shape[-1],),
                                     initializer='zero',
                                     name='{}_b'.format(self.name),
                                     regularizer=self.v_regularizer,
                                     constraint=self.v_constraint)

        super(AttentionBeforeConvolution, self).build(input_shape)

    def compute_mask(self, input, input_mask=None):
        return None

    def call(self, x, mask=None):
        assert len(x.shape) == 3
        embed_dim = x.shape[-1]

        input_att = tf.split(x, self.max_len, axis=1)
        output_att = list()

        for index, x_i in enumerate(input_att):
            x_i = tf.reshape(x_i, [-1, embed_dim])
            c_i = self.attention(x_i, input_att, index)
            inp = tf.concat([x_i, c_i], axis=1)
            output_att.append(inp)

        attention_out = tf.reshape(tf.concat(output_att, axis=1),
                                   [-1, self.max_len, embed_dim*2],
                                   name="attention_out")
        return attention_out

    def attention(self, x_i, x, index):
        embed_dims = x_i.shape[-1]

        e_i = []
        c_i = []
        for output in x:
            output = tf.reshape(output, [-1, embed_dims])
            atten_hidden = tf.tanh(tf.add(tf.matmul(x_i, self.attention_W), tf.matmul(output, self.attention_U)))
            e_i_j = tf.matmul(atten_hidden, self.attention_V)
            e_i.append(e_i_j)
        e_i = tf.concat(e_i, axis=1)
        alpha_i = tf.nn.softmax(e_i)
        alpha_i = tf.split(alpha_i, self.max_len, 1)

        # i!=j
        for j, (alpha_i_j, output) in enumerate(zip(alpha_i, x)):
            if j == index:
                continue
            else:
                output = tf.reshape(output, [-1, embed_dims])
                c_i_j = tf.multiply(alpha_i_j, output)
                c_i.append(c_i_j)
        c_i = tf.reshape(tf.concat(c_i, axis=1), [-1, self.max_len - 1, embed_dims])
        c_i = tf.reduce_sum(c_i, 1)
        return c_i

    def compute_output_shape(self, input_shape):
        return input_shape[0], self.max_len, input_shape[-1]*2


def attention_cnn(maxlen, attention_hidden_dim, max_features, v_size, dp_rate=0.5, filter_sizes=[2, 3, 4], NUM_FILTERS=128):
    inputs = Input(shape=(maxlen,), dtype="int32", name='inputs')
    x = Embedding(max_features, v_size, mask_zero=False)(inputs)

    # attention layer before convolution
    x = AttentionBeforeConvolution(maxlen, attention_hidden_dim=attention_hidden_dim, bias=True)(x)

    convs = []
    for kernel_size in filter_sizes:
        c = Conv1D(NUM_FILTERS, kernel_size, activation='relu')(x)
        c = GlobalMaxPooling1D()(c)
        convs.append(c)
    x = Concatenate()(convs)

    if dp_rate > 0:
        x = Dropout(dp_rate)(x)

    output = Dense(1, activation='sigmoid')(x)
    model = Model(inputs=inputs, outputs=output)
    return model


def build_model():
    return attention_cnn(maxlen=6, attention_hidden_dim=8, max_features=50, v_size=8, NUM_FILTERS=16)
