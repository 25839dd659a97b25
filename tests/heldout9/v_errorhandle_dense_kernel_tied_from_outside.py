"""Tying softmax weights to the embedding by assigning `output_layer.kernel = K.transpose(embedding.weights[0])`.

An answer page on "How to tie word embedding and softmax weights in keras?" builds a functional
LSTM language model, creates the output `Dense(vocab_size, activation='softmax')` and, before calling
it, overwrites its kernel from outside the class with the transposed embedding matrix, then wires
`output_layer(x)` into the Model. The answer claims the two layers now update synchronously. In
tf.keras 2 the assignment was silently replaced when Dense.build() created its own kernel on the
first call, so nothing was tied; on Keras 3 `Dense.kernel` is a read-only property and the
assignment raises before the model is even built.
"""

SOURCE = "https://errorhandle.ai/how-to-tie-word-embedding-and-softmax-weights-in-keras"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py v_errorhandle_dense_kernel_tied_from_outside.py:
build_model() raised AttributeError: property 'kernel' of 'Dense' object has no setter"""

from tensorflow.keras.models import Model
from tensorflow.keras.layers import Input, Embedding, LSTM, Dense
import tensorflow.keras.backend as K

# Define input
vocab_size = 1000
embed_dim = 32


def build_model():
    input_layer = Input(shape=(None,))
    embedding_layer = Embedding(input_dim=vocab_size, output_dim=embed_dim, name='embedding')
    x = embedding_layer(input_layer)

    # Example intermediate layer (e.g., LSTM)
    x = LSTM(embed_dim)(x)

    # Tie embedding weights to softmax weights
    output_layer = Dense(vocab_size, activation='softmax', name='softmax')
    output_layer_weights = K.transpose(embedding_layer.weights[0])
    output_layer.kernel = output_layer_weights

    model = Model(inputs=input_layer, outputs=output_layer(x))

    # Compile the model
    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')
    return model
