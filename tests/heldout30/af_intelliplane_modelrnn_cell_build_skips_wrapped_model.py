"""An RNN cell that wraps a whole Keras model and overrides `build()` with only `self.built = True`
(the line that would build the wrapped model is commented out), used inside `keras.layers.RNN`.

From fynsta/Intelliplane (`simulator/helper/tools/modelToRnnCell.py`), a flight-simulator project
that turns a step model into a recurrent cell: `ModelRnn(AbstractRNNCell)` stores the model in
`__init__`, reports `state_size = 0` and `output_size = self.model.output_shape`, and its `build()`
has `# self.model.build(input_shape)` then `self.built = True`; `call()` runs `self.model(inputs)`
and passes the states through. On Keras 3 the RNN builds the cell, the cell's `build()` returns
without building the wrapped model, and the functional model ends with 0 parameters, a wrong
symbolic output width (0, read from the unbuilt model) and the wrapped Dense layers unbuilt; their
weights only appear lazily on the first eager call, outside the model's build.

Porting edits: `tf.keras.layers.AbstractRNNCell` -> `keras.layers.Layer` (Keras 3 has no
AbstractRNNCell; `keras.layers.RNN` only needs `state_size`); the wrapped model is a small
two-layer `Sequential` of Dense layers (8 and 3 units) on 4 features over 5 steps; `build_model()`
wires `keras.layers.RNN(ModelRnn(model), return_sequences=True)`.
"""

SOURCE = "https://github.com/fynsta/Intelliplane/blob/4cfb9621ac4b1c1025de2a2a65b328629f78fdd1/simulator/helper/tools/modelToRnnCell.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout30/_measure.py tests/heldout30/af_intelliplane_modelrnn_cell_build_skips_wrapped_model.py:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: ['Sequential:sequential', 'Dense:dense_1', 'Dense:dense']
after call: count_params() = 67, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'model_rnn': 67}
second call: 0 variables watched that the first call did not use
Own probes (/tmp/mine30b/p3.py, p4.py): the symbolic output shape is (None, 5, 0) (output_size read
from the unbuilt wrapped model) while the eager output is (2, 5, 3); the 67 parameters of the two
Dense layers exist only after the first eager call (compile + one fit epoch also creates them on the
first trace and runs). Summary/count before any call: 0 params, wrapped layers unbuilt."""

import keras


class ModelRnn(keras.layers.Layer):
    def __init__(self, model: keras.Model, **args):
        super(ModelRnn, self).__init__(**args)
        self.model = model

    @property
    def state_size(self):
        return 0

    @property
    def output_size(self):
        return self.model.output_shape

    def build(self, input_shape):
        # self.model.build(input_shape)
        self.built = True

    def call(self, inputs, states):
        y = self.model(inputs)
        return y, states


def build_model():
    step_model = keras.Sequential([
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(3),
    ])
    x = keras.Input((5, 4))
    y = keras.layers.RNN(ModelRnn(step_model), return_sequences=True)(x)
    return keras.Model(x, y)
