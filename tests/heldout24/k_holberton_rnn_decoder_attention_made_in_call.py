"""A course RNN decoder for machine translation (Holberton School "attention" project, task 2)
instantiates its Bahdanau `SelfAttention` inside `call()`, as a local
(`attention = SelfAttention(self.units)`), at every decoding step.

From UsagerLambda/holbertonschool-machine_learning (`supervised_learning/attention/2-rnn_decoder.py`,
with the same repository's `1-self_attention.py`). The constructor keeps Embedding, GRU and Dense as
attributes but not the attention; every call makes a new SelfAttention with three fresh Dense layers
(W, U, V) and throws it away. On Keras 3 nothing warns: the decoder reports only the Embedding, GRU
and Dense weights, the attention's 3 kernels and 3 biases are created again on every call, watched by
the tape but never part of the model, so they are never trained or saved and the context vector is a
new random projection each step.

Porting edits: `tf.keras` -> `keras` for layer classes (the ops stay `tf.*`); the two task files are
merged (the decoder imports `SelfAttention` by name as the task prescribes); vocab 2048 -> 16,
embedding 128 -> 4, units 256 -> 8, batch 32 -> 2, input length 10 -> 5. `build_model()` wires the
decoder on three Inputs (previous word, previous state, encoder outputs) in a functional model.
"""

SOURCE = "https://github.com/UsagerLambda/holbertonschool-machine_learning/blob/038cc4608bea5a572b6068f51133e8be86f054c7/supervised_learning/attention/2-rnn_decoder.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/k_holberton_rnn_decoder_attention_made_in_call.py:
as returned: Functional, count_params() = 736, 6 weights, unbuilt: none
after call: count_params() = 736, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 6 variables the model does not track: ['functional/rnn_decoder/self_attention_2/kernel:0', 'functional/rnn_decoder/self_attention_2/bias:0', ... (W, U, V kernels and biases)]
params of the case's own layers: {'rnn_decoder': 736}
second call: 6 variables watched that the first call did not use
(736 = Embedding 64 + GRU 528 + Dense 144; the attention the author meant to train, W 72 + U 72 +
V 9 = 153 weights, is in none of the counts and is re-created on every call.)"""

import tensorflow as tf
import keras


class SelfAttention(keras.layers.Layer):
    """Calcule l'attention pour la traduction (Bahdanau)."""

    def __init__(self, units):
        """Initialise la couche avec units unités cachées."""
        super().__init__()
        self.W = keras.layers.Dense(units)
        self.U = keras.layers.Dense(units)
        self.V = keras.layers.Dense(1)

    def call(self, s_prev, hidden_states):
        """Retourne le vecteur de contexte et les poids d'attention."""
        # hidden_states = (32, 10, 256)
        s_prev_ext = tf.expand_dims(s_prev, 1)  # Deviens (32, 1, 256)

        # Transformation en layers
        W_s = self.W(s_prev_ext)
        U_h = self.U(hidden_states)

        # Score d'attention
        score = self.V(tf.nn.tanh(W_s + U_h))

        # Normalisation
        weights = tf.nn.softmax(score, axis=1)

        # Somme pondérée des mots sources
        context = tf.reduce_sum(weights * hidden_states, axis=1)

        return context, weights


class RNNDecoder(keras.layers.Layer):
    """Décodeur RNN pour la traduction automatique."""

    def __init__(self, vocab, embedding, units, batch):
        """
        Initialise le décodeur.

        Args:
            vocab: taille du vocabulaire de sortie
            embedding: dimension des embeddings
            units: nombre d'unités cachées du GRU
            batch: taille du batch
        """
        super().__init__()
        self.embedding = keras.layers.Embedding(vocab, embedding)
        self.gru = keras.layers.GRU(
            units,
            kernel_initializer="glorot_uniform",
            recurrent_initializer="glorot_uniform",
            return_sequences=True,
            return_state=True,
        )
        self.F = keras.layers.Dense(vocab)
        self.units = units

    def call(self, x, s_prev, hidden_states):
        """
        Donne forward du décodeur.
        """
        attention = SelfAttention(self.units)
        context, weights = attention(s_prev, hidden_states)
        embedding = self.embedding(x)
        context = tf.expand_dims(context, 1)
        concat = tf.concat([context, embedding], axis=-1)
        outputs, hidden = self.gru(concat, initial_state=s_prev)
        y = self.F(tf.squeeze(outputs, axis=1))
        return y, hidden


def build_model():
    x = keras.Input(shape=(1,), dtype="int32")
    s_prev = keras.Input(shape=(8,))
    hidden_states = keras.Input(shape=(5, 8))
    y, s = RNNDecoder(16, 4, 8, 2)(x, s_prev, hidden_states)
    return keras.Model([x, s_prev, hidden_states], [y, s])
