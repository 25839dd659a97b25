"""uzaymacar/attention-mechanisms' `SelfAttention` (structured self-attention, Lin et al. 2017) stores its five
hyper-parameters (`size`, `num_hops`, `use_penalization`, `penalty_coefficient`, `model_api`) on `self` BEFORE
calling `super().__init__(**kwargs)`, and its `call()` instantiates `Permute`, `Activation('tanh')`,
`Activation('softmax')` and `Flatten` layers on every call. It looks like LD013 (state set before
`super().__init__()`) and LD002 (sublayers created in `call()`), but it is correct: the attributes set early are plain
Python values that `Layer.__init__` does not touch (everything Keras owns, e.g. `name`, `trainable`, `dtype`,
arrives through `**kwargs`), and the layers made in `call()` have no weights or state. The two attention matrices
`W1` (size x H) and `W2` (num_hops x size) are created with `add_weight` in `build()` from the input shape.

From uzaymacar/attention-mechanisms (a collection of Keras attention layers for TF 2, "tested for TF 2.0"),
`layers.py` at ca3f935 (HEAD). `examples/sentiment_classification.py` builds the IMDB model
`Input(shape=(500,), batch_size=100) -> Embedding(10000, 50) -> SelfAttention(size=50, num_hops=6,
use_penalization=True, penalty_coefficient=0.1)` (config 2) `-> Flatten -> Dense(250, relu) -> Dense(1, sigmoid)`.

Porting edits: `SelfAttention` copied as written (the file's other class, `Attention`, is left out). build_model()
follows the example script with config 2 (penalised self-attention) and returns the compiled-free model; the fixed
batch size of 100 is kept (the penalty term builds `tf.eye(num_hops, batch_shape=(inputs.shape[0],))`).
"""

SOURCE = "https://github.com/uzaymacar/attention-mechanisms/blob/ca3f9353440bf701cde04f004bb97ec63850b199/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine45/ci/okci_attentionmechanisms_selfattention_hyperparams_before_super_weightless_layers_in_call.py:
as returned: Functional, count_params() = 578301, 7 weights, unbuilt: none
after call: count_params() = 578301, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'self_attention': 2800}
second call: 0 variables watched that the first call did not use
probe_sa.py: SelfAttention(size=50, num_hops=6, name='self_att', trainable=False) keeps name 'self_att', trainable False and all five hyper-parameters after __init__; in the example model it holds W1 (50, 50) and W2 (6, 50), the model 7 weights, still 7 after two eager calls on a (100, 500) batch of token ids, with 1 penalty loss collected; one fit step (adam, binary cross-entropy, batch 100) changes 7 of 7 trainable weights. No warning printed."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Layer, Dense, Flatten, Activation, Permute
from tensorflow.keras.layers import Multiply, Lambda, Reshape, Dot, Concatenate, RepeatVector, \
    TimeDistributed, Permute, Bidirectional
from tensorflow.keras import Model
from tensorflow.keras.layers import Input, Embedding


class SelfAttention(Layer):
    """
    Layer for implementing self-attention mechanism. Weight variables were preferred over Dense()
    layers in implementation because they allow easier identification of shapes. Softmax activation
    ensures that all weights sum up to 1.

    @param (int) size: a.k.a attention length, number of hidden units to decode the attention before
           the softmax activation and becoming annotation weights
    @param (int) num_hops: number of hops of attention, or number of distinct components to be
           extracted from each sentence.
    @param (bool) use_penalization: set True to use penalization, otherwise set False
    @param (int) penalty_coefficient: the weight of the extra loss
    @param (str) model_api: specify to use TF's Sequential OR Functional API, note that attention
           weights are not outputted with the former as it only accepts single-output layers
    """
    def __init__(self, size, num_hops=8, use_penalization=True,
                 penalty_coefficient=0.1, model_api='functional', **kwargs):
        if model_api not in ['sequential', 'functional']:
            raise ValueError("Argument for param @model_api is not recognized")
        self.size = size
        self.num_hops = num_hops
        self.use_penalization = use_penalization
        self.penalty_coefficient = penalty_coefficient
        self.model_api = model_api
        super(SelfAttention, self).__init__(**kwargs)

    def get_config(self):
        base_config = super(SelfAttention, self).get_config()
        base_config['size'] = self.size
        base_config['num_hops'] = self.num_hops
        base_config['use_penalization'] = self.use_penalization
        base_config['penalty_coefficient'] = self.penalty_coefficient
        base_config['model_api'] = self.model_api
        return base_config

    def build(self, input_shape):
        self.W1 = self.add_weight(name='W1',
                                  shape=(self.size, input_shape[2]),                                # (size, H)
                                  initializer='glorot_uniform',
                                  trainable=True)
        self.W2 = self.add_weight(name='W2',
                                  shape=(self.num_hops, self.size),                                 # (num_hops, size)
                                  initializer='glorot_uniform',
                                  trainable=True)
        super(SelfAttention, self).build(input_shape)

    def call(self, inputs):  # (B, S, H)
        # Expand weights to include batch size through implicit broadcasting
        W1, W2 = self.W1[None, :, :], self.W2[None, :, :]
        hidden_states_transposed = Permute(dims=(2, 1))(inputs)                                     # (B, H, S)
        attention_score = tf.matmul(W1, hidden_states_transposed)                                   # (B, size, S)
        attention_score = Activation('tanh')(attention_score)                                       # (B, size, S)
        attention_weights = tf.matmul(W2, attention_score)                                          # (B, num_hops, S)
        attention_weights = Activation('softmax')(attention_weights)                                # (B, num_hops, S)
        embedding_matrix = tf.matmul(attention_weights, inputs)                                     # (B, num_hops, H)
        embedding_matrix_flattened = Flatten()(embedding_matrix)                                    # (B, num_hops*H)

        if self.use_penalization:
            attention_weights_transposed = Permute(dims=(2, 1))(attention_weights)                  # (B, S, num_hops)
            product = tf.matmul(attention_weights, attention_weights_transposed)                    # (B, num_hops, num_hops)
            identity = tf.eye(self.num_hops, batch_shape=(inputs.shape[0],))                        # (B, num_hops, num_hops)
            frobenius_norm = tf.sqrt(tf.reduce_sum(tf.square(product - identity)))  # distance
            self.add_loss(self.penalty_coefficient * frobenius_norm)  # loss

        if self.model_api == 'functional':
            return embedding_matrix_flattened, attention_weights
        elif self.model_api == 'sequential':
            return embedding_matrix_flattened


def build_model(vocabulary_size=10000, sequence_length=500, embedding_dims=50, batch_size=100):
    # examples/sentiment_classification.py, config 2
    X = Input(shape=(sequence_length,), batch_size=batch_size)
    embedded = Embedding(input_dim=vocabulary_size, output_dim=embedding_dims)(X)
    embedded, attention_weights = SelfAttention(size=50,
                                                num_hops=6,
                                                use_penalization=True,
                                                penalty_coefficient=0.1)(embedded)
    embedded_flattened = Flatten()(embedded)
    fully_connected = Dense(units=250, activation='relu')(embedded_flattened)
    Y = Dense(units=1, activation='sigmoid')(fully_connected)
    model = Model(inputs=X, outputs=Y)
    return model
