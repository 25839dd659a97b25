"""A subclassed sequence tagger (Embedding, BiLSTM, Dense) over integer token ids, built with `model.build()` for its summary.

The TF 2.0 report's `TaggerModel(k.Model)` (a CRF tagger) raised "You tried to call `count_params`
on embedding, but the layer isn't built" from `model.summary()`. The model is only built by
`build((None, seq_len))`; none of its layers is ever called before the summary.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/36368"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_build_tagger_bilstm_int_tokens.py:
warning: `build()` was called on layer 'tagger_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, de
as returned: TaggerModel, count_params() = 0, 0 weights, unbuilt: ['Embedding:embedding', 'Bidirectional:bidirectional', 'LSTM:lstm_1', 'LSTMCell:lstm_cell', 'LSTM:forward_lstm', 'LSTMCell:lstm_cell', 'Dense:dense']
no inputs known: not called"""

import keras


class TaggerModel(keras.Model):
    def __init__(self, vocab_size, embedding_size, num_units, num_tags, **kwargs):
        super().__init__(**kwargs)
        self.embedding_layer = keras.layers.Embedding(input_dim=vocab_size, output_dim=embedding_size)
        forward_layer = keras.layers.LSTM(num_units, return_sequences=True, activation="sigmoid")
        backward_layer = keras.layers.LSTM(num_units, return_sequences=True, activation="sigmoid",
                                           go_backwards=True)
        self.bidirectional_layer = keras.layers.Bidirectional(
            layer=forward_layer, backward_layer=backward_layer, merge_mode="concat")
        self.dense_layer = keras.layers.Dense(num_tags)

    def call(self, token_ids):
        x = self.embedding_layer(token_ids)
        x = self.bidirectional_layer(x)
        return self.dense_layer(x)


def build_model():
    model = TaggerModel(vocab_size=100, embedding_size=8, num_units=6, num_tags=5)
    model.build((None, 12))
    return model
