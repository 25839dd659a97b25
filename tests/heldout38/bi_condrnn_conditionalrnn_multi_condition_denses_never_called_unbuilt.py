"""cond_rnn's `ConditionalRNN` (a time-series RNN conditioned on static features) creates ten "multi-condition"
Dense layers and a projection in `__init__`, but a single-condition model never calls them: eleven sublayers stay
unbuilt (LD005), and the layer itself, which overrides `__call__` instead of `call`, is never marked built.

From philipperemy/cond_rnn at the "upgrade to tensorflow 2.x and keras" commit. `ConditionalRNN(tf.keras.layers.
Layer).__init__` wraps a cell in `self.rnn = tf.keras.layers.RNN(...)`, makes `self.cond_to_init_state_dense_1`
(the Dense that maps one condition to the initial state), then `self.multi_cond_to_init_state_dense = [Dense(units)
for 10 conditions]` and `self.multi_cond_p = Dense(1)`. The forward pass is written as `def __call__(self, inputs,
...)`: with one condition only `cond_to_init_state_dense_1` and the RNN run; the multi-condition list and its
projection are never called and the class has no `build()`. Keras 3 tracks all of them (the list is tracked), so
the model reports eleven unbuilt sublayers; and because `Layer.__call__` is bypassed, the ConditionalRNN itself
stays `built == False` after training-mode calls. Doubt kept as decided: the unused Denses hold no variables, so
training is unaffected; what breaks is what LD005 names (unbuilt state in the summary, and a weights file whose
layout depends on how many conditions were used).

Porting edits: none to the class. build_model() is `examples/single_cond_example.py` of the same commit:
`MySimpleModel(tf.keras.Model)` with `self.cond = ConditionalRNN(12, cell='LSTM', dtype=tf.float32)` and a
3-class softmax Dense, called once eagerly with `[inputs (2, 10, 1), one-hot conditions (2, 3)]` as the example
does with `model.call(...)` before compiling.
"""

SOURCE = "https://github.com/philipperemy/cond_rnn/blob/be1e97fa74ee06ef44e6dec1de8eb662b63004b9/cond_rnn/cond_rnn.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bi/bi_condrnn_conditionalrnn_multi_condition_denses_never_called_unbuilt.py:
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/layers/layer.py:431: UserWarning: `build()` was called on layer 'my_simple_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite not being actually built, which may cause failures down the line. Make sure to implement a proper `build()` method.
  warnings.warn(
as returned: MySimpleModel, count_params() = count_params() raised ValueError, 7 weights, unbuilt: ['ConditionalRNN:conditional_rnn', 'Dense:dense_11', 'Dense:dense_10', 'Dense:dense_9', 'Dense:dense_8', 'Dense:dense_7', 'Dense:dense_6', 'Dense:dense_5', 'Dense:dense_4', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1']
after call: count_params() = 759, 7 trainable weights, unbuilt: ['ConditionalRNN:conditional_rnn', 'Dense:dense_11', 'Dense:dense_10', 'Dense:dense_9', 'Dense:dense_8', 'Dense:dense_7', 'Dense:dense_6', 'Dense:dense_5', 'Dense:dense_4', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1']; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conditional_rnn': 'count_params() raised ValueError'}
second call: 0 variables watched that the first call did not use
probe (probe/p_cond.py): after a call, cond.built False (rnn and cond_to_init_state_dense_1 built); the ten
multi_cond_to_init_state_dense and multi_cond_p all built == False; model.cond.count_params() raises ValueError
'You tried to call `count_params` on layer 'conditional_rnn', but the layer isn't built'."""

import numpy as np
import tensorflow as tf


class ConditionalRNN(tf.keras.layers.Layer):

    # Arguments to the RNN like return_sequences, return_state...
    def __init__(self, units, cell=tf.keras.layers.LSTMCell, *args,
                 **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.final_states = None
        self.init_state = None
        if isinstance(cell, str):
            if cell.upper() == 'GRU':
                cell = tf.keras.layers.GRUCell
            elif cell.upper() == 'LSTM':
                cell = tf.keras.layers.LSTMCell
            elif cell.upper() == 'RNN':
                cell = tf.keras.layers.SimpleRNNCell
            else:
                raise Exception('Only GRU, LSTM and RNN are supported as cells.')
        self._cell = cell if hasattr(cell, 'units') else cell(units=units)
        self.rnn = tf.keras.layers.RNN(cell=self._cell, *args, **kwargs)

        # single cond
        self.cond_to_init_state_dense_1 = tf.keras.layers.Dense(units=self.units)

        # multi cond
        max_num_conditions = 10
        self.multi_cond_to_init_state_dense = []
        for i in range(max_num_conditions):
            self.multi_cond_to_init_state_dense.append(tf.keras.layers.Dense(units=self.units))
        self.multi_cond_p = tf.keras.layers.Dense(1, activation=None, use_bias=True)

    def _standardize_condition(self, initial_cond):
        initial_cond_shape = initial_cond.shape
        if len(initial_cond_shape) == 2:
            initial_cond = tf.expand_dims(initial_cond, axis=0)
        first_cond_dim = initial_cond.shape[0]
        if isinstance(self._cell, tf.keras.layers.LSTMCell):
            if first_cond_dim == 1:
                initial_cond = tf.tile(initial_cond, [2, 1, 1])
            elif first_cond_dim != 2:
                raise Exception('Initial cond should have shape: [2, batch_size, hidden_size]\n'
                                'or [batch_size, hidden_size]. Shapes do not match.', initial_cond_shape)
        elif isinstance(self._cell, tf.keras.layers.GRUCell) or isinstance(self._cell, tf.keras.layers.SimpleRNNCell):
            if first_cond_dim != 1:
                raise Exception('Initial cond should have shape: [1, batch_size, hidden_size]\n'
                                'or [batch_size, hidden_size]. Shapes do not match.', initial_cond_shape)
        else:
            raise Exception('Only GRU, LSTM and RNN are supported as cells.')
        return initial_cond

    def __call__(self, inputs, *args, **kwargs):
        assert isinstance(inputs, list) and len(inputs) >= 2
        x = inputs[0]
        cond = inputs[1:]
        if len(cond) > 1:  # multiple conditions.
            init_state_list = []
            for ii, c in enumerate(cond):
                init_state_list.append(self.multi_cond_to_init_state_dense[ii](self._standardize_condition(c)))
            multi_cond_state = self.multi_cond_p(tf.stack(init_state_list, axis=-1))
            multi_cond_state = tf.squeeze(multi_cond_state, axis=-1)
            self.init_state = tf.unstack(multi_cond_state, axis=0)
        else:
            cond = self._standardize_condition(cond[0])
            if cond is not None:
                self.init_state = self.cond_to_init_state_dense_1(cond)
                self.init_state = tf.unstack(self.init_state, axis=0)
        out = self.rnn(x, initial_state=self.init_state, *args, **kwargs)
        if self.rnn.return_state:
            outputs, h, c = out
            final_states = tf.stack([h, c])
            return outputs, final_states
        else:
            return out


NUM_CLASSES = 3
TIME_STEPS = 10
INPUT_DIM = 1
NUM_CELLS = 12


class MySimpleModel(tf.keras.Model):
    def __init__(self):
        super(MySimpleModel, self).__init__()
        self.cond = ConditionalRNN(NUM_CELLS, cell='LSTM', dtype=tf.float32)
        self.out = tf.keras.layers.Dense(units=NUM_CLASSES, activation='softmax')

    def call(self, inputs, **kwargs):
        o = self.cond(inputs)
        o = self.out(o)
        return o


def build_model():
    model = MySimpleModel()
    rng = np.random.default_rng(0)
    train_inputs = rng.uniform(size=(2, TIME_STEPS, INPUT_DIM)).astype("float32")
    conditions = np.eye(NUM_CLASSES, dtype="float32")[[0, 1]]
    model.call([train_inputs, conditions])
    return model, [train_inputs, conditions]
