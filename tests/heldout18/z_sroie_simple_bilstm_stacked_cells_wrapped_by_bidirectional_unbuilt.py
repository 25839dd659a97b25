"""A subclassed BiLSTM tagger keeps two `LSTMCell`s and the `RNN` that stacks them as attributes,
then wraps that RNN in `Bidirectional`: Bidirectional builds its forward and backward layers as
copies made from the RNN's config, so the RNN and both cells the model tracks are never called
and never built: they are tracked sublayers that hold no weights, next to the copies that hold
the real ones.

The author meant `self.lstm1`/`self.lstm2` to be the network's LSTM layers (a commented-out
`Bidirectional(LSTM(hidden_size))` sits above them). Keras 3 tracks the three attributes, so
they show up as sublayers, but their weights never exist: anything that reads
`model.lstm1.weights` (for initialization, regularisation, or per-layer weight loading) gets
an empty list, and Keras warns that the model "looks like it has unbuilt state".

Porting edits: `tensorflow.keras` imports -> `keras` (`CuDNNLSTM`, used only by the file's
other class `SeqCuDNNBiLSTM`, does not exist in Keras 3 and is left out with that class and
`SeqBiLSTM`); sizes shrunk (vocab 70, embed 8, hidden 16); the class itself unchanged.
"""

SOURCE = "https://github.com/luh0907/sroie-task3/blob/d5ae1322db946b2e08fec8d0085a878d8890d22e/src/models/SimpleBiLSTM.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/z_sroie_simple_bilstm_stacked_cells_wrapped_by_bidirectional_unbuilt.py:
warning: `build()` was called on layer 'simple_bilstm', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. [...]
as returned: SimpleBiLSTM, count_params() = 8149, 15 weights, unbuilt: ['LSTMCell:lstm_cell', 'LSTMCell:lstm_cell_1', 'RNN:rnn', 'StackedRNNCells:stacked_rnn_cells']
after call: count_params() = 8149, 15 trainable weights, unbuilt: ['LSTMCell:lstm_cell', 'LSTMCell:lstm_cell_1', 'RNN:rnn', 'StackedRNNCells:stacked_rnn_cells']; output dtypes ['float32']
gradient None for 0 of 15 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(the 15 weights are the embedding, the Bidirectional's forward/backward copies and the Dense;
model.lstm1, model.lstm2 and model.stacked_lstm hold 0 weights)"""

import keras
import numpy as np
from keras.layers import RNN, Bidirectional, Dense, Embedding, LSTMCell
from keras.models import Model


class SimpleBiLSTM(Model):
    def __init__(self, vocab_size, embed_size, hidden_size):
        super(SimpleBiLSTM, self).__init__(name='simple_bilstm')
        self.embed = Embedding(vocab_size, embed_size)

        #self.lstm = Bidirectional(LSTM(hidden_size))
        self.lstm1 = LSTMCell(hidden_size)
        self.lstm2 = LSTMCell(hidden_size)
        self.stacked_lstm = RNN([self.lstm1, self.lstm2], return_sequences=True)
        self.bilstm = Bidirectional(self.stacked_lstm)

        self.linear = Dense(5, activation='softmax')

    def call(self, inputs):
        embedded = self.embed(inputs)
        feature = self.bilstm(embedded)
        outputs = self.linear(feature)

        return outputs


def build_model():
    model = SimpleBiLSTM(70, 8, 16)
    inputs = np.random.default_rng(0).integers(0, 70, size=(2, 6)).astype("int32")
    model(inputs)
    return model, inputs
