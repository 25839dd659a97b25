"""Output softmax "tied" to the input Embedding by transposing the embedding matrix once in build().

A fast.ai forum user moving an AWD-LSTM-style language model to Keras asked how to tie the decoder to
the encoder embedding (`decoder.weight = encoder.weight` in PyTorch). The layer offered
(TiedEmbeddingsTransposed, here as ported to Keras 3 with keras.ops in place of keras.backend) keeps
a reference to the Embedding layer and computes `transposed_weights = transpose(tied_to.weights[0])`
in build(). That transpose is evaluated once, eagerly, when the model is wired: the output head
multiplies by a frozen copy of the initial embedding. The Embedding keeps training through the input
path, the head never follows it and no gradient reaches the embedding through the softmax, so the
"tying" silently does nothing after the first step.
"""

SOURCE = "https://forums.fast.ai/t/keras-weight-tying-sharing/11102"
CODES = ("LD010", "LD001")
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py v_fastai_tied_embeddings_transposed_in_build.py:
as returned: Functional, count_params() = 2912, 4 weights, unbuilt: none
after call: count_params() = 2912, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'decoder': 800}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine9a/stale_tied.py): calling the decoder alone on fixed hidden states, tape.gradient(output, encoder.embeddings) is None; after encoder.embeddings.assign(embeddings + 0.5) the decoder output is unchanged (allclose True): the head multiplies by a constant transposed copy taken in build(). decoder.weights lists encoder/embeddings (tracked through tied_to) so the count (2912) looks right."""

import keras
from keras import activations, layers, ops


class TiedEmbeddingsTransposed(layers.Layer):
    """Layer for tying embeddings in an output layer.

    A regular embedding layer has the shape: V x H (V: size of the vocabulary. H: size of the
    projected space). In this layer, we'll go: H x V, with the same weights as the regular embedding.
    In addition, it may have an activation.

    # References
        - Using the Output Embedding to Improve Language Models (Press & Wolf)
    """

    def __init__(self, tied_to=None, activation=None, **kwargs):
        super(TiedEmbeddingsTransposed, self).__init__(**kwargs)
        self.tied_to = tied_to
        self.activation = activations.get(activation)

    def build(self, input_shape):
        self.transposed_weights = ops.transpose(self.tied_to.weights[0])
        self.built = True

    def compute_mask(self, inputs, mask=None):
        return mask

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.tied_to.weights[0].shape[0],)

    def call(self, inputs, mask=None):
        output = ops.dot(inputs, self.transposed_weights)
        if self.activation is not None:
            output = self.activation(output)
        return output

    def get_config(self):
        config = {"activation": activations.serialize(self.activation)}
        base_config = super(TiedEmbeddingsTransposed, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


VOCAB = 50
EMB = 16


def get_language_model(vocab_size=VOCAB, emb_size=EMB, n_hid=EMB, seq_len=12):
    words = keras.Input(shape=(seq_len,), dtype="int32", name="words")
    encoder = layers.Embedding(vocab_size, emb_size, name="encoder")
    x = encoder(words)
    x = layers.LSTM(n_hid, return_sequences=True, name="rnn")(x)
    x = layers.Dropout(0.1)(x)
    decoder = TiedEmbeddingsTransposed(tied_to=encoder, activation="softmax", name="decoder")
    probs = decoder(x)
    return keras.Model(words, probs, name="tied_lm")


def build_model():
    return get_language_model()
