"""A TKAN recurrent layer builds every sub-Dense in `build()` except its `aggregation_transform`: the saved model cannot be reloaded.

TKAN (Temporal Kolmogorov-Arnold Network) is an LSTM-like layer written for TensorFlow 2.16+
(`tensorflow.keras`, i.e. Keras 3): `__init__` fills `self.sub_layers` with one `Dense(1)` per
activation and creates an `aggregation_transform` Dense; `build()` replaces the empty dicts of
gate weights by dicts of `add_weight` variables and builds each of `self.sub_layers` by hand, but
not `aggregation_transform`, which only `call()` runs. With `compute_output_shape()` defined, the
functional model is wired without tracing `call()`, so that Dense stays unbuilt (missing from
`count_params()` and the summary until the first call) and a `.keras` file or a weights file of
the trained model cannot be loaded back: the rebuild goes through `build()`, which leaves it
without variables. Here TKAN reads 5 steps of 3 features, followed by a Dense head.
"""

SOURCE = "https://github.com/remigenet/TKAN/blob/099dcb92bcd60c553925bbcaece3456b638ccfad/tkan/tkan.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py e_tkan_aggregation_dense_left_unbuilt_by_build.py:
as returned: Functional, count_params() = 333, 21 weights, unbuilt: ['Dense:dense']
after call: count_params() = 365, 23 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 23 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tkan': 356}
second call: 0 variables watched that the first call did not use
also measured (model called once, then model.save + keras.models.load_model, and save_weights + load_weights into a fresh build_model()): both raised ValueError: A total of 1 objects could not be loaded (the unbuilt Dense)"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, Layer


class FixedSplineActivation:
    """Stand-in for tkan's fixed power spline: x ** exponent on the clipped input."""

    def __init__(self, exponent=1.0):
        self.exponent = exponent

    def __call__(self, x):
        return tf.pow(tf.clip_by_value(tf.abs(x), 1e-6, 1.0), self.exponent) * tf.sign(x)


class TKAN(Layer):
    def __init__(self, activation_funcs, num_outputs, return_sequences=False, return_state=False, **kwargs):
        super(TKAN, self).__init__(**kwargs)
        self.activation_funcs = activation_funcs
        self.num_outputs = num_outputs
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.aggregation_transform = tf.keras.layers.Dense(num_outputs, activation="sigmoid")
        self.global_biases = {}
        self.global_lstm_gates = {}
        self.global_recurrent_weights = {}
        self.sub_layers_lstm_weights = {}
        self.sub_layers = []
        for act in self.activation_funcs:
            if isinstance(act, (int, float)):
                self.sub_layers.append(Dense(1, activation=FixedSplineActivation(exponent=act)))
            else:
                self.sub_layers.append(Dense(1, activation=act))

    def build(self, input_shape):
        batch_size, _, num_features = input_shape
        self.global_lstm_gates = {
            "Wi": self.add_weight(shape=(num_features, self.num_outputs), initializer="glorot_uniform", trainable=True),
            "Wf": self.add_weight(shape=(num_features, self.num_outputs), initializer="glorot_uniform", trainable=True),
            "Wc": self.add_weight(shape=(num_features, self.num_outputs), initializer="glorot_uniform", trainable=True),
        }
        self.global_recurrent_weights = {
            "Ui": self.add_weight(shape=(self.num_outputs, self.num_outputs), initializer="orthogonal", trainable=True),
            "Uf": self.add_weight(shape=(self.num_outputs, self.num_outputs), initializer="orthogonal", trainable=True),
            "Uc": self.add_weight(shape=(self.num_outputs, self.num_outputs), initializer="orthogonal", trainable=True),
        }
        self.global_biases = {
            "bi": self.add_weight(shape=(self.num_outputs,), initializer="zeros", trainable=True),
            "bf": self.add_weight(shape=(self.num_outputs,), initializer="ones", trainable=True),
            "bc": self.add_weight(shape=(self.num_outputs,), initializer="zeros", trainable=True),
        }
        self.sub_layers_lstm_weights = {
            "Whx": self.add_weight(shape=(len(self.sub_layers), num_features), initializer="orthogonal", trainable=True),
            "Whh": self.add_weight(shape=(len(self.sub_layers), num_features), initializer="orthogonal", trainable=True),
            "U3": self.add_weight(shape=(len(self.sub_layers), 1), initializer="orthogonal", trainable=True),
            "U4": self.add_weight(shape=(len(self.sub_layers), 1), initializer="orthogonal", trainable=True),
        }
        for layer in self.sub_layers:
            layer.build((batch_size, num_features))
        super(TKAN, self).build(input_shape)

    def call(self, inputs, training=None):
        batch_size = tf.shape(inputs)[0]
        sub_hidden_states = [tf.zeros((batch_size, 1)) for _ in self.activation_funcs]
        global_hidden_state = tf.zeros((batch_size, self.num_outputs))
        global_cell_state = tf.zeros((batch_size, self.num_outputs))
        outputs = []
        for t in range(inputs.shape[1]):
            current_input = inputs[:, t, :]
            sub_outputs = []
            global_xf = tf.nn.sigmoid(tf.linalg.matmul(current_input, self.global_lstm_gates["Wf"])
                                      + tf.linalg.matmul(global_hidden_state, self.global_recurrent_weights["Uf"])
                                      + self.global_biases["bf"])
            global_xi = tf.nn.sigmoid(tf.linalg.matmul(current_input, self.global_lstm_gates["Wi"])
                                      + tf.linalg.matmul(global_hidden_state, self.global_recurrent_weights["Ui"])
                                      + self.global_biases["bi"])
            for idx, sub_layer in enumerate(self.sub_layers):
                agg_input = (current_input * self.sub_layers_lstm_weights["Whx"][idx]
                             + sub_hidden_states[idx] * self.sub_layers_lstm_weights["Whh"][idx])
                sub_output = sub_layer(agg_input)
                sub_hidden_states[idx] = (self.sub_layers_lstm_weights["U3"][idx] * sub_output
                                          + sub_hidden_states[idx] * self.sub_layers_lstm_weights["U4"][idx])
                sub_outputs.append(sub_output)
            global_xo = self.aggregation_transform(tf.concat(sub_outputs, axis=-1))
            c_tilde = tf.nn.sigmoid(tf.linalg.matmul(current_input, self.global_lstm_gates["Wc"])
                                    + tf.linalg.matmul(global_hidden_state, self.global_recurrent_weights["Uc"])
                                    + self.global_biases["bc"])
            global_cell_state = global_xf * global_cell_state + global_xi * c_tilde
            global_hidden_state = global_xo * tf.nn.tanh(global_cell_state)
            if self.return_sequences:
                outputs.append(global_hidden_state)
        out = tf.stack(outputs, axis=1) if self.return_sequences else global_hidden_state
        if self.return_state:
            return out, global_hidden_state, global_cell_state
        return out

    def compute_output_shape(self, input_shape):
        if self.return_sequences:
            return (input_shape[0], input_shape[1], self.num_outputs)
        return (input_shape[0], self.num_outputs)


def build_model():
    inputs = tf.keras.Input(shape=(5, 3))
    x = TKAN(["relu", "tanh", 2.0], num_outputs=8)(inputs)
    outputs = tf.keras.layers.Dense(1)(x)
    model = tf.keras.Model(inputs, outputs)
    series = np.random.default_rng(0).random((4, 5, 3)).astype("float32")
    return model, series
