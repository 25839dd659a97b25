"""A temporal attention block (the popular `attention_3d_block`: Permute -> Dense(time_steps, softmax) ->
mean -> RepeatVector -> Permute -> Multiply) turned into a subclassed `tf.keras.Model` whose `call()`
instantiates all those layers, including the trainable `Dense`, every time it runs.

From tornermarton/jalef (`jalef/layers/attention.py`, `AttentionBlock`, used by
`jalef/models/seq2seq.py` as `decoder_attention` between the decoder LSTM and the softmax). The
functional recipe was moved verbatim into `call()`: `tf.keras.layers.Dense(time_steps,
activation='softmax', name='attention_probs')(a)` is a local object, so the attention weights are
never attached to the block. Each call of the seq2seq model makes a fresh, randomly initialised Dense
that no optimizer sees and no checkpoint saves; the block reports 0 parameters.

Porting edits: `tf.keras` -> `keras` and `tensorflow.python.keras.backend.int_shape` -> `.shape`
(the ops stay `tf.*`/`keras.backend`-free: the Lambda's `tf.keras.backend.mean` -> `tf.reduce_mean`);
`Seq2Seq.compile()` inlined into `build_model()` with the default `bidirectional_encoder=True`
branch, `source/target_embedding_matrix=None`, and sizes time_steps 5, vocabularies 10, embedding 4,
LSTM units 3 (decoder 6); the `Core` base class (hyper-parameter holder) and the inference models
dropped; `self._compile()` (optimizer/loss) not run.
"""

SOURCE = "https://github.com/tornermarton/jalef/blob/0932ab22addfad84fd4ea12022b96d56978897f9/jalef/layers/attention.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/i_jalef_attention_block_layers_made_in_call.py:
as returned: Functional, count_params() = 606, 13 weights, unbuilt: none
after call: count_params() = 606, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 2 variables the model does not track: ['functional/decoder_attention/attention_probs/kernel:0', 'functional/decoder_attention/attention_probs/bias:0']
params of the case's own layers: {'decoder_attention': 0}
second call: 2 variables watched that the first call did not use
Own script (/tmp/mine23b/jalefprobe.py): the AttentionBlock has 0 weights / count_params() = 0 although
its call uses a Dense(5) on 6 features (30 + 5 values); each model call makes a new 'attention_probs'
kernel and bias (second call: 2 new variables). Outputs of two calls differ only by ~7e-7 here because
the block averages a near-uniform softmax, so the loss of training is silent, not visible in the output."""

import keras
import tensorflow as tf
from keras.layers import Input, Embedding, Dense, LSTM, Bidirectional, TimeDistributed, Concatenate
from keras.models import Model


class AttentionBlock(keras.Model):

    def __init__(self, use_shared_attention_vector: bool=True, **kwargs):
        self.shared_attention_vector = use_shared_attention_vector
        super().__init__(**kwargs)

    def call(self, inputs, **kwargs):
        # inputs.shape = (batch_size, time_steps, input_dim)
        time_steps = inputs.shape[1]
        input_dim = inputs.shape[2]

        a = keras.layers.Permute((2, 1))(inputs)
        attention_probs = keras.layers.Dense(time_steps, activation='softmax', name='attention_probs')(a)

        if self.shared_attention_vector:
            dim_reduction = keras.layers.Lambda(lambda x: tf.reduce_mean(x, axis=1), name='dim_reduction')(attention_probs)
            attention_probs = keras.layers.RepeatVector(input_dim)(dim_reduction)

        attention_mat = keras.layers.Permute((2, 1), name='attention_matrix')(attention_probs)
        outputs = keras.layers.Multiply(name='attention_mul')([inputs, attention_mat])

        return outputs


def build_model(time_steps=5, vocab_size=10, target_vocab_size=10, embedding_dim=4, lstm_units=3):
    # Encoder
    encoder_inputs = Input(shape=(time_steps,), name='encoder_inputs')
    encoder_embedding = Embedding(vocab_size, embedding_dim, name='encoder_embeddings')(encoder_inputs)
    encoder_outputs, forward_h, forward_c, backward_h, backward_c = \
        Bidirectional(LSTM(units=lstm_units, return_sequences=True, return_state=True),
                      name='encoder_LSTM')(encoder_embedding)
    encoder_h = Concatenate()([forward_h, backward_h])
    encoder_c = Concatenate()([forward_c, backward_c])
    encoder_states = [encoder_h, encoder_c]

    # Decoder
    decoder_inputs = Input(shape=(time_steps,), name='decoder_inputs')
    decoder_embeddings = Embedding(vocab_size, embedding_dim, name='decoder_embeddings')(decoder_inputs)
    n_units = lstm_units * 2  # outputs are concatenated
    decoder_lstm = LSTM(units=n_units, return_sequences=True, return_state=True, name='decoder_LSTM')
    decoder_outputs, _, _ = decoder_lstm(decoder_embeddings, initial_state=encoder_states)

    decoder_attention = AttentionBlock(use_shared_attention_vector=True, name='decoder_attention')
    decoder_outputs = decoder_attention(decoder_outputs)

    decoder_dense = TimeDistributed(Dense(units=target_vocab_size, activation='softmax'))
    decoder_outputs = decoder_dense(decoder_outputs)

    return Model(inputs=[encoder_inputs, decoder_inputs], outputs=[decoder_outputs])
