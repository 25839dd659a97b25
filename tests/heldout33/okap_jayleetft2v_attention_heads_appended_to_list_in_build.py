"""A Time2Vec + Transformer stock forecaster builds its attention sublayers inside `build()`, appending
the single-head attention layers to a list created in `__init__`, and passes `input_shape=` to Dense
and LayerNormalization: on Keras 3 every head, projection and norm is tracked, built and trained.

From jayl-ee/TimeSeries-Forecast-Transformer_Time2Vec_Encoding (`Transformer.py` at the commit cited),
a tf.keras time-series forecaster. `Time2Vector.build` makes the linear/periodic time weights with
`add_weight`; `SingleAttention.build` creates its query/key/value Dense layers; `MultiAttention.build`
appends `n_heads` `SingleAttention` layers to `self.attn_heads` (a list assigned in `__init__`) and
creates the output projection; `TransformerEncoder.build` creates the attention block, two 1x1 Conv1D
layers and two LayerNormalizations. `create_model()` concatenates the price sequence with its Time2Vec
features, runs three encoders, pools, adds mean-pooled embeddings of two categorical inputs (version and
company ids) and regresses one value.

Why it looks buggy: every sublayer is created in `build()` rather than `__init__` (LD005/LD002-like),
the heads are appended to a plain-looking list after construction (LD011-like), and `tf.map_fn` with a
lambda runs in `call`. Measured: nothing is unbuilt, no variable is untracked and no trainable weight
lacks a gradient.

Porting edits: in `create_model()`, `cat = tf.math.reduce_mean(cat, axis=-1)` on a KerasTensor ->
`keras.ops.mean(cat, axis=-1)` (Keras 3 refuses TF ops on KerasTensors), and the `model.compile(...)`
line is dropped (build_model must not need the loss). `build_model()` calls `create_model(seq_len=8,
d_k=4, d_v=4, n_heads=2, ff_dim=8, output_distance=1, ver_size=5, cmp_size=6, INPUT_COL=[5 columns])`.
"""

SOURCE = "https://github.com/jayl-ee/TimeSeries-Forecast-Transformer_Time2Vec_Encoding/blob/70210a04213896ae434f351f2a822ddde9193896/Transformer.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ap/okap_jayleetft2v_attention_heads_appended_to_list_in_build.py:
27 x warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
(plus AutoGraph "could not transform <lambda>" notices on stderr from the tf.map_fn lambda)
as returned: Functional, count_params() = 2767, 76 weights, unbuilt: none
after call: count_params() = 2767, 76 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 76 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'time2_vector': 32, 'transformer_encoder': 410, 'multi_attention': 255, 'single_attention_1': 96, 'single_attention': 96, 'transformer_encoder_1': 410, 'multi_attention_1': 255, 'single_attention_3': 96, 'single_attention_2': 96, 'transformer_encoder_2': 410, 'multi_attention_2': 255, 'single_attention_5': 96, 'single_attention_4': 96}
second call: 0 variables watched that the first call did not use
Each encoder's 410 = MultiAttention 255 (2 heads x 96 + output Dense 63) + 2 Conv1D + 2 LayerNorms: the heads appended in build() are counted and get gradients."""

import numpy as np
import tensorflow as tf
import keras
from tensorflow.keras import Input
from tensorflow.keras.models import Model
from tensorflow.keras.layers import LayerNormalization, Dropout, Dense, Conv1D, Concatenate, GlobalAveragePooling1D, Layer, Embedding, Reshape


class TransformerEncoder(Layer):

    def __init__(self, d_k, d_v, n_heads, ff_dim, dropout=0.1, **kwargs):
        super(TransformerEncoder, self).__init__()
        self.d_k = d_k
        self.d_v = d_v
        self.n_heads = n_heads
        self.ff_dim = ff_dim
        self.attn_heads = list()
        self.dropout_rate = dropout

    def build(self, input_shape):
        self.attn_multi = MultiAttention(self.d_k, self.d_v, self.n_heads)
        self.attn_dropout = Dropout(self.dropout_rate)
        self.attn_normalize = LayerNormalization(input_shape=input_shape, epsilon=1e-6)

        self.ff_conv1D_1 = Conv1D(filters=self.ff_dim, kernel_size=1, activation='relu')
        self.ff_conv1D_2 = Conv1D(filters=input_shape[0][-1], kernel_size=1)
        self.ff_dropout = Dropout(self.dropout_rate)
        self.ff_normalize = LayerNormalization(input_shape=input_shape, epsilon=1e-6)

    def call(self, inputs): # inputs = (in_seq, in_seq, in_seq)
        attn_layer = self.attn_multi(inputs)
        attn_layer = self.attn_dropout(attn_layer)
        attn_layer = self.attn_normalize(inputs[0] + attn_layer)

        ff_layer = self.ff_conv1D_1(attn_layer)
        ff_layer = self.ff_conv1D_2(ff_layer)
        ff_layer = self.ff_dropout(ff_layer)
        ff_layer = self.ff_normalize(inputs[0] + ff_layer)
        return ff_layer


class MultiAttention(Layer):

  def __init__(self, d_k, d_v, n_heads):
    super(MultiAttention, self).__init__()
    self.d_k = d_k
    self.d_v = d_v
    self.n_heads = n_heads
    self.attn_heads = list()

  def build(self, input_shape):
    for n in range(self.n_heads):
      self.attn_heads.append(SingleAttention(self.d_k, self.d_v))

    self.linear = Dense(input_shape[0][-1],
                        input_shape=input_shape,
                        kernel_initializer='glorot_uniform',
                        bias_initializer='glorot_uniform')

  def call(self, inputs):
    attn = [self.attn_heads[i](inputs) for i in range(self.n_heads)]
    concat_attn = tf.concat(attn, axis=-1)
    multi_linear = self.linear(concat_attn)
    return multi_linear


class SingleAttention(Layer):
  def __init__(self, d_k, d_v):
    super(SingleAttention, self).__init__()
    self.d_k = d_k
    self.d_v = d_v

  def build(self, input_shape):
    self.query = Dense(self.d_k,
                       input_shape=input_shape,
                       kernel_initializer='glorot_uniform',
                       bias_initializer='glorot_uniform')

    self.key = Dense(self.d_k,
                     input_shape=input_shape,
                     kernel_initializer='glorot_uniform',
                     bias_initializer='glorot_uniform')

    self.value = Dense(self.d_v,
                       input_shape=input_shape,
                       kernel_initializer='glorot_uniform',
                       bias_initializer='glorot_uniform')

  def call(self, inputs): # inputs = (in_seq, in_seq, in_seq)
    q = self.query(inputs[0])
    k = self.key(inputs[1])

    attn_weights = tf.matmul(q, k, transpose_b=True)
    attn_weights = tf.map_fn(lambda x: x/np.sqrt(self.d_k), attn_weights)
    attn_weights = tf.nn.softmax(attn_weights, axis=-1)

    v = self.value(inputs[2])
    attn_out = tf.matmul(attn_weights, v)
    return attn_out


class Time2Vector(Layer):
  def __init__(self, seq_len, **kwargs):
    super(Time2Vector, self).__init__()
    self.seq_len = seq_len

  def build(self, input_shape):
    '''Initialize weights and biases with shape (batch, seq_len)'''
    self.weights_linear = self.add_weight(name='weight_linear',
                                shape=(int(self.seq_len),),
                                initializer='uniform',
                                trainable=True)

    self.bias_linear = self.add_weight(name='bias_linear',
                                shape=(int(self.seq_len),),
                                initializer='uniform',
                                trainable=True)

    self.weights_periodic = self.add_weight(name='weight_periodic',
                                shape=(int(self.seq_len),),
                                initializer='uniform',
                                trainable=True)

    self.bias_periodic = self.add_weight(name='bias_periodic',
                                shape=(int(self.seq_len),),
                                initializer='uniform',
                                trainable=True)

  def call(self, x):
    '''Calculate linear and periodic time features'''
    x = tf.math.reduce_mean(x[:,:,:4], axis=-1)
    time_linear = self.weights_linear * x + self.bias_linear # Linear time feature
    time_linear = tf.expand_dims(time_linear, axis=-1) # Add dimension (batch, seq_len, 1)

    time_periodic = tf.math.sin(tf.multiply(x, self.weights_periodic) + self.bias_periodic)
    time_periodic = tf.expand_dims(time_periodic, axis=-1) # Add dimension (batch, seq_len, 1)
    return tf.concat([time_linear, time_periodic], axis=-1) # shape = (batch, seq_len, 2)


def create_model(seq_len, d_k, d_v, n_heads, ff_dim, output_distance, ver_size ,cmp_size, INPUT_COL ):
  '''Initialize time and transformer layers'''
  time_embedding = Time2Vector(seq_len)
  attn_layer1 = TransformerEncoder(d_k, d_v, n_heads, ff_dim)
  attn_layer2 = TransformerEncoder(d_k, d_v, n_heads, ff_dim)
  attn_layer3 = TransformerEncoder(d_k, d_v, n_heads, ff_dim)

  version_input = Input(shape=(seq_len,), name='version')
  company_input = Input(shape=(seq_len,), name='company')

  version_embed = Embedding(ver_size, 32, trainable=True, embeddings_initializer=tf.initializers.random_normal )(version_input)
  version_embed = Reshape(target_shape=(seq_len,32))(version_embed)
  company_embed = Embedding(cmp_size, 32, trainable=True, embeddings_initializer=tf.initializers.random_normal )(company_input)
  company_embed = Reshape(target_shape=(seq_len,32))(company_embed)

  cat = Concatenate(axis=-1)([version_embed,company_embed])
  cat = keras.ops.mean(cat, axis=-1)  # was tf.math.reduce_mean (Keras 3 port)

  in_seq = Input(shape=(seq_len, len(INPUT_COL)))
  x = time_embedding(in_seq)
  x = Concatenate(axis=-1)([in_seq, x])
  x = attn_layer1((x, x, x))
  x = attn_layer2((x, x, x))
  x = attn_layer3((x, x, x))
  x = GlobalAveragePooling1D(data_format='channels_first')(x)
  x = Concatenate(axis=-1)([x, cat])

  x = Dense(64, activation='relu')(x)
  x = Dropout(0.1)(x)
  out = Dense(1, activation='linear')(x)

  model = Model(inputs=[in_seq,version_input,company_input], outputs=out)
  return model


def build_model():
    return create_model(seq_len=8, d_k=4, d_v=4, n_heads=2, ff_dim=8, output_distance=1, ver_size=5,
                        cmp_size=6, INPUT_COL=["open", "high", "low", "close", "volume"])
