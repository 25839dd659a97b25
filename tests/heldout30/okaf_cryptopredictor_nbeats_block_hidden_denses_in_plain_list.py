"""An N-BEATS block whose fully connected stack is a plain Python list of Dense layers built by a
list comprehension in `__init__`, with the theta layer beside it and the block returning a
(backcast, forecast) pair sliced out of theta.

From jeremychristiandi/crypto_predictor (`nbeats_block.py`), the block of the author's N-BEATS
Bitcoin price model (the Zero-to-Mastery N-BEATS recipe). Looks like the "layers kept in a plain
list are not tracked" and "sublayers without build()" traps. On Keras 3 the list is tracked: every
hidden Dense and the theta layer are built on the first call, counted and trained, and both outputs
get gradients.

Porting edits: `tf.keras.layers` -> `keras.layers`; the block is used as in the author's model
(input window of 7 prices, horizon 1, theta = window + horizon) with `n_neurons=16`, `n_layers=4`
instead of 512, and the forecast is the model output (the backcast is returned too, as the second
output, so the whole theta layer is on a gradient path).
"""

SOURCE = "https://github.com/jeremychristiandi/crypto_predictor/blob/31c6fc2e59b58b5a13c107eaeed0bdbfec62335c/nbeats_block.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/okaf_cryptopredictor_nbeats_block_hidden_denses_in_plain_list.py:
as returned: Functional, count_params() = 1080, 10 weights, unbuilt: none
after call: count_params() = 1080, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'InitialBlock': 1080}
second call: 0 variables watched that the first call did not use"""

import keras


class NBeatsBlock(keras.layers.Layer):
    def __init__(self,
                 input_size: int,
                 theta_size: int,
                 horizon: int,
                 n_neurons: int,
                 n_layers: int,
                 **kwargs):
        super().__init__(**kwargs)
        self.input_size = input_size
        self.theta_size = theta_size
        self.horizon = horizon
        self.n_neurons = n_neurons
        self.n_layers = n_layers

        # Hidden layer -> FC stack, terdiri dari 4 hidden layers
        self.hidden = [keras.layers.Dense(n_neurons, activation="relu") for i in range(n_layers)]
        # Theta layer -> output dari FC layer
        self.theta_layer = keras.layers.Dense(theta_size, activation="linear", name="theta")

    def call(self, inputs):
        x = inputs
        for hidden_layer in self.hidden:
            x = hidden_layer(x)
        theta = self.theta_layer(x)

        # Hasil output dari theta layer berupa backcast and forecast
        backcast, forecast = theta[:, :self.input_size], theta[:, -self.horizon:]
        return backcast, forecast


def build_model():
    window, horizon = 7, 1
    inputs = keras.Input((window,))
    backcast, forecast = NBeatsBlock(input_size=window, theta_size=window + horizon,
                                     horizon=horizon, n_neurons=16, n_layers=4,
                                     name="InitialBlock")(inputs)
    return keras.Model(inputs, [forecast, backcast])
