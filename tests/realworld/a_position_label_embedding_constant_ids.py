"""Label embeddings for all 19 classes computed by calling an Embedding on `tf.constant(range(19))` while wiring.

The reporter wanted an Embedding whose input is a constant (all 19 label ids) and first tried
`Input(tensor=tf.constant(range(19)))` (tf.keras 2: an input_length error; Keras 3 refuses with
"Argument `input_tensor` must be a KerasTensor"). The usual way around it is to call the
Embedding directly on the constant ids and score the text encoding against the resulting table.
That call runs eagerly at wiring time: the table becomes a constant in the graph and the
Embedding's weights never join the model.

Code choice: LD011, as for position embeddings called on `tf.range`: a layer used by the model
that the model does not track (not counted, not trained, not saved); there is no Lambda.
"""

SOURCE = "https://github.com/keras-team/keras/issues/11426"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
count_params() == 5072 (text Embedding 4800 + Dense 272): the label Embedding (19x16 = 304 params) is
built eagerly at wiring time and is not in model.weights; its table is a constant in the graph, so it
gets no gradient and is not saved; output (2, 19); no warning. keras.Input(tensor=tf.constant(...))
raises ValueError "Argument `input_tensor` must be a KerasTensor"."""

import tensorflow as tf
import keras
from keras import layers, ops

N_LABELS, DIM, VOCAB, LEN = 19, 16, 300, 20


def build_model():
    text = keras.Input((LEN,), dtype="int32")
    h = layers.Embedding(VOCAB, DIM)(text)
    h = layers.GlobalAveragePooling1D()(h)
    h = layers.Dense(DIM, activation="tanh")(h)

    embedding_layer = layers.Embedding(N_LABELS, DIM)
    label_table = embedding_layer(tf.constant(list(range(N_LABELS)), dtype="int32"))  # (19, DIM)
    scores = ops.matmul(h, ops.transpose(label_table))
    probs = layers.Softmax()(scores)
    return keras.Model(text, probs)
