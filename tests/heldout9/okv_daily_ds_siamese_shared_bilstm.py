"""A notebook's text Siamese network: one Bidirectional LSTM instance applied to both branches.

A data-science study notebook builds a sentence-similarity Siamese model with a factory taking
**kwargs: each branch gets its *own* Embedding (not shared, a "pseudo-siamese" front end), a
single `Bidirectional(LSTM(256))` instance is called on both embeddings, and a Lambda layer with a
module-level lambda (`1 - abs(x[0] - x[1])`, through keras.backend) merges them before a sigmoid
Dense. Looks like it could double count or drop weights (shared RNN, weights behind a Lambda), but
it is correct on Keras 3: the shared BiLSTM is counted once, both embeddings are counted, the
Lambda holds no state, and every weight gets a gradient.
"""

SOURCE = "https://github.com/AbandonBlue/daily-ds"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okv_daily_ds_siamese_shared_bilstm.py:
as returned: Functional, count_params() = 11217, 10 weights, unbuilt: none
after call: count_params() = 11217, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Expected count: 2 embeddings 300*16 = 4800 each, BiLSTM 2*4*(16*8+8*8+8) = 1600 (counted once although called twice), classifier 16+1 = 17 -> 11217. (Case scaled down from the notebook's 30000/128/256.)"""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

# distance function; any function can be used depending on the situation
l1_norm = lambda x: 1 - keras.backend.abs(x[0] - x[1])  # element-wise abs


def get_siamese_model(**kwargs):
    input1 = keras.Input(shape=kwargs['shape'])
    input2 = keras.Input(shape=kwargs['shape'])
    embedding1 = layers.Embedding(input_dim=kwargs['input_dim'], output_dim=kwargs['output_dim'])(input1)
    embedding2 = layers.Embedding(input_dim=kwargs['input_dim'], output_dim=kwargs['output_dim'])(input2)

    lstm = layers.Bidirectional(layers.LSTM(units=kwargs.get('units', 256), return_sequences=False))

    embedding1 = lstm(embedding1)
    embedding2 = lstm(embedding2)

    merged = layers.Lambda(function=l1_norm, output_shape=lambda x: x[0], name='L1_distance')([embedding1, embedding2])

    output = layers.Dense(1, activation='sigmoid', name='classifier_layer')(merged)

    model = keras.Model([input1, input2], output)
    model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['acc'])
    return model


config = {
    'shape': (12,),
    'input_dim': 300,
    'output_dim': 16,
    'units': 8,
}


def build_model():
    return get_siamese_model(**config)
