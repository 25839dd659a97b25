"""ODE-LSTM's `ODELSTM` cell assigns its CTRNN sub-cell (`self.ctrnn = CTRNNCell(...)`) before calling
`super().__init__(**kwargs)`: a sublayer set before the base constructor (LD013).

From mlech26l/ode-lstms `node_cell.py` (the TensorFlow code of "Learning Long-Term Dependencies in
Irregularly-Sampled Time Series", used by its person-activity, walker and ET-sMNIST scripts). `ODELSTM.__init__`
sets `units`, `state_size`, two initializer names and then `self.ctrnn = CTRNNCell(self.units, num_unfolds=4,
method="euler")`, and only then calls `super(ODELSTM, self).__init__(**kwargs)`. `build()` builds the sub-cell by
hand (`self.ctrnn.build([self.units])`), adds the LSTM kernels and sets `self.built = True`; `call()` runs the LSTM
gates and passes the result through `self.ctrnn.call(...)`. The catalog names this LD013 (a sublayer assigned
before `super().__init__()`: on the torch backend, and for tf.keras 2 Models, the assignment raises). Doubt kept as
decided, as for held-out 36's CustomizedDenseLayer: on the TensorFlow backend measured here Keras 3.15.1 accepts
it, the CTRNNCell is tracked and its four weights get gradients; torch is not installed, so the torch failure was
not measured.

Porting edits: `shape=(self.units)` / `shape=(4 * self.units)` (an int, which Keras 3 refuses: "Cannot convert
'8' to a shape") become 1-tuples, and `self.ctrnn.build([self.units])` passes `(None, self.units)`; the unused
`get_initial_state` and the RK4/Heun solvers are left out. The scripts feed `RNN(cell)((features, elapsed_time))`;
Keras 3's RNN does not split a nested (features, time) input for a custom cell, so build_model() feeds the features
only and the cell falls back to its own `elapsed = 1.0` (regularly sampled data). Wiring as in
`person_activity.py`: `Input((32, 7))`, `RNN(ODELSTM(units=8), return_sequences=True)`,
`TimeDistributed(Dense(7))`.
"""

SOURCE = "https://github.com/mlech26l/ode-lstms/blob/0db881228381a43783d75fb7e58564d8488e7f64/node_cell.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bi/bi_odelstms_odelstm_ctrnn_cell_assigned_before_super_init.py:
as returned: Functional, count_params() = 719, 9 weights, unbuilt: none
after call: count_params() = 719, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'odelstm': 656, 'ctrnn_cell': 144}
second call: 0 variables watched that the first call did not use
(656 for odelstm = its own 512 + the CTRNNCell's 144: on the TF backend the sub-cell assigned before super().__init__()
is tracked. Torch backend not installed: the catalog's 'assigning a sublayer first raises' on torch was not measured.)"""

import tensorflow as tf


class CTRNNCell(tf.keras.layers.Layer):
    def __init__(self, units, num_unfolds, method, tau=1, **kwargs):
        self.methods = {
            "euler": self.euler,
        }
        self.units = units
        self.state_size = units
        self.num_unfolds = num_unfolds
        self.method = method
        self.tau = tau
        super(CTRNNCell, self).__init__(**kwargs)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if isinstance(input_shape[0], tuple):
            # Nested tuple
            input_dim = input_shape[0][-1]

        self.kernel = self.add_weight(
            shape=(input_dim, self.units), initializer="glorot_uniform", name="kernel"
        )
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, self.units),
            initializer="orthogonal",
            name="recurrent_kernel",
        )
        self.bias = self.add_weight(
            shape=(self.units,), initializer=tf.keras.initializers.Zeros(), name="bias"
        )
        self.scale = self.add_weight(
            shape=(self.units,),
            initializer=tf.keras.initializers.Constant(1.0),
            name="scale",
        )

        self.built = True

    def call(self, inputs, states):
        hidden_state = states[0]
        elapsed = 1.0
        if (isinstance(inputs, tuple) or isinstance(inputs, list)) and len(inputs) > 1:
            elapsed = inputs[1]
            inputs = inputs[0]

        delta_t = elapsed / self.num_unfolds
        method = self.methods[self.method]
        for i in range(self.num_unfolds):
            hidden_state = method(inputs, hidden_state, delta_t)
        return hidden_state, [hidden_state]

    def dfdt(self, inputs, hidden_state):
        h_in = tf.matmul(inputs, self.kernel)
        h_rec = tf.matmul(hidden_state, self.recurrent_kernel)
        dh_in = self.scale * tf.nn.tanh(h_in + h_rec + self.bias)
        if self.tau > 0:
            dh = dh_in - hidden_state * self.tau
        else:
            dh = dh_in
        return dh

    def euler(self, inputs, hidden_state, delta_t):
        dy = self.dfdt(inputs, hidden_state)
        return hidden_state + delta_t * dy


class ODELSTM(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        self.units = units
        self.state_size = (units, units)
        self.initializer = "glorot_uniform"
        self.recurrent_initializer = "orthogonal"
        self.ctrnn = CTRNNCell(self.units, num_unfolds=4, method="euler")
        super(ODELSTM, self).__init__(**kwargs)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if isinstance(input_shape[0], tuple):
            # Nested tuple
            input_dim = input_shape[0][-1]

        self.ctrnn.build((None, self.units))
        self.input_kernel = self.add_weight(
            shape=(input_dim, 4 * self.units),
            initializer=self.initializer,
            name="input_kernel",
        )
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, 4 * self.units),
            initializer=self.recurrent_initializer,
            name="recurrent_kernel",
        )
        self.bias = self.add_weight(
            shape=(4 * self.units,),
            initializer=tf.keras.initializers.Zeros(),
            name="bias",
        )

        self.built = True

    def call(self, inputs, states):
        cell_state, ode_state = states
        elapsed = 1.0
        if (isinstance(inputs, tuple) or isinstance(inputs, list)) and len(inputs) > 1:
            elapsed = inputs[1]
            inputs = inputs[0]

        z = (
            tf.matmul(inputs, self.input_kernel)
            + tf.matmul(ode_state, self.recurrent_kernel)
            + self.bias
        )
        i, ig, fg, og = tf.split(z, 4, axis=-1)

        input_activation = tf.nn.tanh(i)
        input_gate = tf.nn.sigmoid(ig)
        forget_gate = tf.nn.sigmoid(fg + 3.0)
        output_gate = tf.nn.sigmoid(og)

        new_cell = cell_state * forget_gate + input_activation * input_gate
        ode_input = tf.nn.tanh(new_cell) * output_gate

        ode_output, new_ode_state = self.ctrnn.call([ode_input, elapsed], [ode_state])

        return ode_output, [new_cell, new_ode_state[0]]


def build_model():
    pixel_input = tf.keras.Input(shape=(32, 7), name="features")
    cell = ODELSTM(units=8)
    rnn = tf.keras.layers.RNN(cell, return_sequences=True)
    dense_layer = tf.keras.layers.TimeDistributed(tf.keras.layers.Dense(7))
    y = dense_layer(rnn(pixel_input))
    return tf.keras.Model(inputs=pixel_input, outputs=[y])
