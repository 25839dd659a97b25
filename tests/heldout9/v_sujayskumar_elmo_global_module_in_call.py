"""ELMo-in-Keras blog layer: call() runs a module-level global encoder, only the 4 mixing scalars are weights.

The blog post found that ELMo's four trainable scalars "refused to get updated" when the TF-Hub
module was used through a Lambda layer, so it writes a custom layer: build() creates the scalar mix
weights with add_weight (kernel1 of shape (3,), kernel2 of shape ()), and call() runs the global
`elmo_model = hub.Module(..., trainable=True)` defined at module level, takes its "word_emb",
"lstm_outputs1" and "lstm_outputs2" outputs and mixes them with the scalars. Here the hub module is
replaced by a local stand-in of the same shape (a module-level functional Keras model returning the
same dict of activations, with trainable Embedding/LSTM weights) so that the case does not download
anything; the `super(MyLayer, self)` typo of the post is fixed. On Keras 3 the global encoder is not
tracked by the layer or the model: its weights are not counted, not in trainable_weights, not
trained by fit and not saved, although every call runs through them.
"""

SOURCE = "http://sujayskumar.com/2018/10/02/elmo-embeddings-in-keras/"
CODES = ("LD011",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py v_sujayskumar_elmo_global_module_in_call.py:
as returned: Functional, count_params() = 21, 4 weights, unbuilt: none
after call: count_params() = 21, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 7 variables the model does not track: ['word_emb/embeddings:0', 'lstm1/lstm_cell/kernel:0', 'lstm1/lstm_cell/recurrent_kernel:0', 'lstm1/lstm_cell/bias:0', 'lstm2/lstm_cell/kernel:0', 'lstm2/lstm_cell/recurrent_kernel:0']
params of the case's own layers: {'keras_layer': 4}
second call: 0 variables watched that the first call did not use
The stand-in encoder holds 3200 + 2*2112 = 7424 params (Embedding + two LSTM(16)); the model reports 21 (kernel1 3 + kernel2 1 + Dense 17)."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Dense, Input, Layer
from tensorflow.keras.models import Model

VOCAB = 200
HIDDEN = 16
MAXLEN = 10


def _make_elmo_stand_in():
    """Stands in for hub.Module("https://tfhub.dev/google/elmo/2", trainable=True)."""
    tokens = Input(shape=(MAXLEN,), dtype="int32")
    word_emb = tf.keras.layers.Embedding(VOCAB, HIDDEN, name="word_emb")(tokens)
    lstm_outputs1 = tf.keras.layers.LSTM(HIDDEN, return_sequences=True, name="lstm1")(word_emb)
    lstm_outputs2 = tf.keras.layers.LSTM(HIDDEN, return_sequences=True, name="lstm2")(lstm_outputs1)
    return Model(tokens, {"word_emb": word_emb, "lstm_outputs1": lstm_outputs1,
                          "lstm_outputs2": lstm_outputs2}, name="elmo")


elmo_model = _make_elmo_stand_in()


class KerasLayer(Layer):

    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(KerasLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        # Create a trainable weight variable for this layer.

        # These are the 3 trainable weights for word_embedding, lstm_output1 and lstm_output2
        self.kernel1 = self.add_weight(name='kernel1',
                                       shape=(3,),
                                       initializer='uniform',
                                       trainable=True)
        # This is the bias weight
        self.kernel2 = self.add_weight(name='kernel2',
                                       shape=(),
                                       initializer='uniform',
                                       trainable=True)
        super(KerasLayer, self).build(input_shape)

    def call(self, x):
        # Get all the outputs of elmo_model
        model = elmo_model(x)
        # Embedding activation output
        activation1 = model["word_emb"]
        # First LSTM layer output
        activation2 = model["lstm_outputs1"]
        # Second LSTM layer output
        activation3 = model["lstm_outputs2"]

        activation1 = K.mean(activation1, axis=1)
        activation2 = K.mean(activation2, axis=1)
        activation3 = K.mean(activation3, axis=1)

        mul1 = tf.scalar_mul(self.kernel1[0], activation1)
        mul2 = tf.scalar_mul(self.kernel1[1], activation2)
        mul3 = tf.scalar_mul(self.kernel1[2], activation3)

        sum_vector = tf.add(tf.add(mul1, mul2), mul3)

        return tf.scalar_mul(self.kernel2, sum_vector)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)


def build_model():
    input_text = Input(shape=(MAXLEN,), dtype="int32")
    custom_layer = KerasLayer(output_dim=HIDDEN, trainable=True)(input_text)
    pred = Dense(1, activation='sigmoid', trainable=True)(custom_layer)
    model = Model(inputs=input_text, outputs=pred)
    model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
    return model
