"""A stock-price model subclasses `keras.Model`, builds an Embedding "encoder" model and a stateful-LSTM
"decoder" model as locals, copies pretrained weights into the decoder, and only then calls
`super().__init__(inputs, outputs)` and assigns the sub-models to `self`; on Keras 3 everything is tracked.

From JonasLaksen/deeptsa (deep time-series analysis of stock prices with sentiment features, a master's thesis).
`classes/spec_network.py`'s `SpecializedNetwork(Model)` makes `Encoder(num_stocks, cell_size)` (a functional
Model subclass: two per-stock Embeddings, one `Reshape` layer reused for both, giving the LSTM's initial h and c),
`Decoder(n_features, layer_sizes, stateful, batch_size)` (a functional Model subclass over `Input(batch_shape=...)`:
Masking, a stack of `LSTM(return_state=True, stateful=stateful)` fed the encoder's states, a Dense price head),
wires `decoder([X, state_h, state_c])`, copies the weights of the generalized network's LSTMs and Dense into
`decoder.layers[4..10]` with `set_weights`, then calls `super(SpecializedNetwork, self).__init__([X, stock_id],
next_price)` and assigns `self.encoder`/`self.decoder`. Layers created, wired and given weights before the base
constructor (an LD013 reading) and one Reshape shared by two branches (LD007) look suspicious; measured, it is a
functional model whose 22 weights are all counted and get gradients, and the copied weights are the ones it holds.

Porting edits: Keras 3's Masking refuses `batch_input_shape=` ("Unrecognized keyword arguments"), so the Decoder's
Masking loses it (its input `X` already has that batch shape) and the generalized network's first Masking gets a
leading `keras.Input(batch_shape=...)` instead; nothing else changes. build_model() follows the thesis' flow with
small sizes: a `GeneralizedNetwork(n_features=3, layer_sizes=[8]*6, stateful=True, batch_size=2)` (six LSTMs, as the
seven copied indices require), then `SpecializedNetwork(3, num_stocks=5, layer_sizes=[8]*6, stateful=True,
batch_size=2, gen_model=...)`, returned with a (2, 7, 3) price window and a (2, 1, 1) stock id.
"""

SOURCE = "https://github.com/JonasLaksen/deeptsa/blob/b661e91fd66b46be12041ba42d219afe9413958d/classes/spec_network.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bi/okbi_deeptsa_specializednetwork_submodels_built_before_functional_super_init.py:
as returned: SpecializedNetwork, count_params() = 3209, 22 weights, unbuilt: none
after call: count_params() = 3209, 22 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 22 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'Encoder': 96, 'decoder': 3113}
second call: 0 variables watched that the first call did not use
probe (probe/p_deeptsa.py): decoder.layers == [InputLayer, Masking, InputLayer, InputLayer, LSTM x6, Dense], so indices
4..10 are the six LSTMs and the Dense, and their weights equal the generalized network's layers 1..7 after the copy."""

import numpy as np
import keras
from keras import Model, Input, Sequential
from keras.layers import Dense, Embedding, LSTM, Masking, Reshape


class Encoder(Model):
    def __init__(self, num_stocks, cell_size):
        encoder_inputs = Input(shape=(1, 1))

        encoder_reshape = Reshape((cell_size,))
        init_h = Embedding(num_stocks + 1, cell_size)(encoder_inputs)
        init_h = encoder_reshape(init_h)

        init_c = Embedding(num_stocks + 1, cell_size)(encoder_inputs)
        init_c = encoder_reshape(init_c)

        super(Encoder, self).__init__(encoder_inputs, [init_h, init_c], name='Encoder')


class Decoder(Model):
    def __init__(self, n_features, layer_sizes, stateful, batch_size):
        X = Input(batch_shape=(batch_size, None, n_features))
        h_input, c_input = Input(shape=(layer_sizes[0],)), Input(shape=(layer_sizes[0],))

        masked = Masking(mask_value=0.)
        output = masked(X)
        state_h, state_c = h_input, c_input

        for size in layer_sizes:
            lstm = LSTM(size, return_sequences=True, return_state=True, stateful=stateful, dropout=.2)
            output, state_h, state_c = lstm(output, initial_state=[state_h, state_c])

        next_price = Dense(1, activation='linear')(output)
        super(Decoder, self).__init__([X, h_input, c_input], [next_price, state_h, state_c])


class GeneralizedNetwork(Sequential):
    def __init__(self, n_features, layer_sizes, stateful, batch_size):
        super(GeneralizedNetwork, self).__init__()

        self.add(keras.Input(batch_shape=(batch_size, None, n_features)))
        self.add(Masking(mask_value=0.0))
        for i, layer_size in enumerate(layer_sizes):
            self.add(LSTM(layer_size, return_sequences=True, stateful=stateful, dropout=.2))

        self.add(Dense(1, activation='linear'))


class SpecializedNetwork(Model):
    def __init__(self, n_features, num_stocks, layer_sizes, stateful, batch_size, gen_model):
        stock_id = Input(shape=(1, 1))
        encoder = Encoder(num_stocks, layer_sizes[0])
        state_h, state_c = encoder(stock_id)

        X = Input(batch_shape=(batch_size, None, n_features))
        decoder = Decoder(n_features, layer_sizes, stateful, batch_size)
        next_price, state_h, state_c = decoder([X, state_h, state_c])

        copy_weights_layers = [4, 5, 6, 7, 8, 9, 10]
        for i, layer_i in enumerate(copy_weights_layers):
            decoder.layers[layer_i].set_weights(gen_model.layers[i + 1].get_weights())

        super(SpecializedNetwork, self).__init__([X, stock_id], next_price, name='Specialized')
        self.encoder = encoder
        self.decoder = decoder


def build_model():
    layer_sizes = [8] * 6
    gen_model = GeneralizedNetwork(3, layer_sizes, True, 2)
    model = SpecializedNetwork(3, 5, layer_sizes, True, 2, gen_model)
    rng = np.random.default_rng(0)
    x = rng.random((2, 7, 3)).astype("float32")
    stock = np.array([[[1.0]], [[3.0]]], dtype="float32")
    return model, [x, stock]
