"""A course RNN decoder for machine translation (Holberton School "attention" project, task 2) calls
`super(RNNDecoder).__init__()`, without `self`, so `Layer.__init__` never runs; the constructor then
assigns its Embedding, GRU, Dense and SelfAttention sublayers as if nothing were wrong.

From CaroChoch/holbertonschool-machine_learning (`supervised_learning/attention/2-rnn_decoder.py`).
`super(RNNDecoder)` is an unbound super object: its `__init__` is `object`'s, so no error is raised
where the mistake is. On Keras 3 the object is even constructed (the sublayer assignments go through),
and the crash comes at the first call, in the project's own test script (`decoder(x, s_prev,
hidden_states)`): RuntimeError "In layer 'RNNDecoder', you forgot to call `super().__init__()`".

Porting edits: `tf.keras` -> `keras` for layer classes (the ops stay `tf.*`); the project's
`1-self_attention.py` is not in the stored snapshot, so its `SelfAttention` (the course's Bahdanau
attention: Dense `W`, `U`, `V`, softmax over the encoder steps, returning context and weights) is
written here and imported by name as the task prescribes; vocab 2048 -> 16, embedding 128 -> 4,
units 256 -> 8, batch 32 -> 2, input length 10 -> 5. `build_model()` does what the task's main file
does: build the decoder and call it once (here is where it raises).
"""

SOURCE = "https://github.com/CaroChoch/holbertonschool-machine_learning/blob/06601891eda9e5c195973d273baffd3d9027f486/supervised_learning/attention/2-rnn_decoder.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/k_holberton_rnn_decoder_super_without_self.py:
build_model() raised RuntimeError: In layer 'RNNDecoder', you forgot to call `super().__init__()` as the first statement in the `__init__()` method. Go add it!
Own probe (/tmp/mine24/k/probe_hb.py): RNNDecoder(16, 4, 8, 2) itself constructs without error (no
`built` attribute: Layer.__init__ never ran) and holds embedding, gru, F, attention in its __dict__; the
RuntimeError comes from the first call."""

import numpy as np
import tensorflow as tf
import keras


class SelfAttention(keras.layers.Layer):
    """ The course's 1-self_attention.py (Bahdanau attention) """

    def __init__(self, units):
        super(SelfAttention, self).__init__()
        self.W = keras.layers.Dense(units)
        self.U = keras.layers.Dense(units)
        self.V = keras.layers.Dense(1)

    def call(self, s_prev, hidden_states):
        s_prev = tf.expand_dims(s_prev, 1)
        score = self.V(tf.nn.tanh(self.W(s_prev) + self.U(hidden_states)))
        weights = tf.nn.softmax(score, axis=1)
        context = tf.reduce_sum(weights * hidden_states, axis=1)
        return context, weights


class RNNDecoder(keras.layers.Layer):
    """ Class RNNDecoder to decode for machine translation """

    def __init__(self, vocab, embedding, units, batch):
        """ Class constructor
        Arguments:
            - vocab is integer representing the size of the output vocabulary
            - embedding is an integer representing the dimensionality of the
              embedding vector
            - units is an integer representing the number of hidden units in
              the RNN cell
            - batch is an integer representing the batch size
        """
        super(RNNDecoder).__init__()

        # Embedding layer to convert words from the vocabulary into embedding
        # vectors
        self.embedding = keras.layers.Embedding(
            input_dim=vocab,
            output_dim=embedding)

        # GRU layer with 'units' hidden units initialized with 'glorot_uniform'
        self.gru = keras.layers.GRU(
            units=units,
            recurrent_initializer='glorot_uniform',
            return_sequences=True,
            return_state=True)

        # Dense layer to output the vocabulary size
        self.F = keras.layers.Dense(vocab)

        # SelfAttention layer to calculate attention for machine translation
        self.attention = SelfAttention(units)

    def call(self, x, s_prev, hidden_states):
        """ Method to call the instance """
        # Calculate the context vector using self-attention mechanism
        context, _ = self.attention(s_prev, hidden_states)

        # Get the embedding for the input word
        x = self.embedding(x)

        # Concatenate the context vector with the input embedding
        context_expanded = tf.expand_dims(
            context,
            axis=1)  # (batch_size, 1, units)
        x = tf.concat(
            [context_expanded, x],
            axis=-1)  # (batch_size, 1, units + embedding_dim)

        # Pass the concatenated vector though the GRU layer
        output, s = self.gru(
            x, initial_state=s_prev)  # output shape: (batch_size, 1, units)

        # Reshape the output to match the dense layer input requirements
        batch_size = tf.shape(output)[0]  # get the batch size dynamically
        units = tf.shape(output)[2]  # get the units size dynamically
        output_reshaped = tf.reshape(
            output,
            (batch_size, units))  # (batch_size, units)

        # Apply the dense layer to get the final output word probabilities
        y = self.F(output_reshaped)  # shape: (batch_size, vocab)

        # Return the final output word and the new decoder hidden state
        return y, s


def build_model():
    decoder = RNNDecoder(16, 4, 8, 2)
    rng = np.random.default_rng(0)
    x = tf.convert_to_tensor(rng.choice(16, 2 * 1).reshape((2, 1)))
    s_prev = tf.convert_to_tensor(rng.random((2, 8)).astype("float32"))
    hidden_states = tf.convert_to_tensor(rng.random((2, 5, 8)).astype("float32"))
    y, s = decoder(x, s_prev, hidden_states)
    return decoder
