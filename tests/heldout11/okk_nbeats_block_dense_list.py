"""N-BEATS from a course exercise: NBeatsBlock holds its Dense stack in a Python list and has no build().

The block keeps its four hidden `Dense` layers in a plain list (`self.hidden`), creates a `theta`
Dense, never defines `build()`, and slices theta into backcast and forecast. The stacks are wired
with the functional API in a loop, each iteration constructing a new `NBeatsBlock(...)` inline and
the `subtract`/`add` merge helpers inline. Looks like layers that could go untracked (list on a
layer without build, layers created in a loop and never stored on an attribute), but on Keras 3
every Dense in the list is tracked and built when the block is first called, and the inline layers
belong to the functional graph: everything is counted and trained.
"""

SOURCE = "https://github.com/jcisarano/tensorflow_practice/blob/main/handson/10_time_series_forecasting_w_tf/model_7_n_beats.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py okk_nbeats_block_dense_list.py:
as returned: Functional, count_params() = 11064, 30 weights, unbuilt: none
after call: count_params() = 11064, 30 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 30 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'InitalBlock': 3688, 'NBeatsBlock_0': 3688, 'NBeatsBlock_1': 3688}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf

WINDOW_SIZE: int = 7
HORIZON: int = 1
BATCH_SIZE: int = 1024
N_EPOCHS: int = 5000
N_NEURONS: int = 32
N_LAYERS: int = 4
N_STACKS: int = 3

INPUT_SIZE = WINDOW_SIZE * HORIZON
THETA_SIZE = INPUT_SIZE + HORIZON


class NBeatsBlock(tf.keras.layers.Layer):
    def __init__(self,
                 input_size: int, theta_size: int,
                 horizon: int, n_neurons: int,
                 n_layers: int, **kwargs):
        super().__init__(**kwargs)
        self.horizon = horizon
        self.input_size = input_size  # same as window size in previous models
        self.theta_size = theta_size
        self.n_neurons = n_neurons
        self.n_layers = n_layers

        # block contains stack of 4 fully connected layers with ReLU activation
        self.hidden = [tf.keras.layers.Dense(n_neurons, activation="relu") for _ in range(n_layers)]

        # Output of block is theta layer with linear activation
        self.theta_layer = tf.keras.layers.Dense(theta_size, activation="linear", name="theta")

    def call(self, inputs):
        x = inputs
        for layer in self.hidden:
            x = layer(x)
        theta = self.theta_layer(x)

        backcast, forecast = theta[:, :self.input_size], theta[:, -self.horizon:]

        return backcast, forecast


def test_nbeats_block_class():
    tf.random.set_seed(42)
    dummy_nbleats_block_layer = NBeatsBlock(input_size=WINDOW_SIZE, theta_size=WINDOW_SIZE + HORIZON,
                                            horizon=HORIZON, n_neurons=128, n_layers=4)
    dummy_inputs = tf.expand_dims(tf.range(WINDOW_SIZE) + 1, axis=0)
    backcast, forecast = dummy_nbleats_block_layer(dummy_inputs)
    return backcast, forecast


def make_nbeats():
    tf.random.set_seed(42)

    # Create initial NBeatsBlock
    nbeats_block_layer = NBeatsBlock(input_size=INPUT_SIZE, theta_size=THETA_SIZE, horizon=HORIZON,
                                     n_neurons=N_NEURONS, n_layers=N_LAYERS, name="InitalBlock")

    # Create input layer for stack
    stack_input = tf.keras.layers.Input(shape=(INPUT_SIZE,), name="StackInput")

    # Create initial backcast and forecast
    residuals, forecast = nbeats_block_layer(stack_input)

    # Create stacks of block layers
    for i, _ in enumerate(range(N_STACKS - 1)):  # subtract 1 because 1st stack is created above
        backcast, block_forecast = NBeatsBlock(
            input_size=INPUT_SIZE,
            theta_size=THETA_SIZE,
            horizon=HORIZON,
            n_neurons=N_NEURONS,
            n_layers=N_LAYERS,
            name=f"NBeatsBlock_{i}"
        )(residuals)  # pass in the residuals

        # Create doubly residual stacking
        residuals = tf.keras.layers.subtract([residuals, backcast], name=f"Subtract_{i}")
        forecast = tf.keras.layers.add([forecast, block_forecast], name=f"Add_{i}")

    model = tf.keras.Model(inputs=stack_input, outputs=forecast, name="Model_7_NBEATS")
    model.compile(loss="MAE", optimizer=tf.keras.optimizers.Adam())
    return model


def build_model():
    return make_nbeats()
