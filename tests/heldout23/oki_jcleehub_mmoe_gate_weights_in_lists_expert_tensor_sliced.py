"""A hand-written MMoE layer: expert weights in one 3-D tensor sliced per expert in `call()`, and
per-task gate kernels and biases created as Python lists of `add_weight` variables in `build()`; one
tower layer per task kept in a list on the model.

From jc-LeeHub/Recommend-System-tf2.0 (`MMOE/layer.py` with `MMOE/model.py`). It looks like several
traps: `self.gate_matrix = [self.add_weight(...) for i in range(num_tasks)]` (variables in a plain
list), `self.expert_matrix[:, :, i]` (a slice of a weight taken in `call()`, as if a derived tensor
replaced the variable), `tf.convert_to_tensor(expert_output)` on a list of tensors, and
`self.tower_layer = [...]` (layers in a list on a subclassed Model with no `build()`). On Keras 3
lists of variables and of layers assigned to a layer are tracked, the slice is taken from the variable
on every call (so the expert tensor gets a gradient), and all towers are built by their first call:
every weight is counted and trained.

Porting edits: `tensorflow.keras.layers` -> `keras.layers`, `tensorflow.keras.backend.ndim` ->
`keras.ops.ndim`, `tf.keras.regularizers` -> `keras.regularizers` (the other ops stay `tf.*`); the
`__main__` demo's sizes (4 inputs, 3 experts of width 10, 3 tasks, towers [20, 10] -> 1) shrunk to
experts of width 4 and towers [6] -> 1; `build_model()` returns the `MMOE` model with the demo's two
input rows.
"""

SOURCE = "https://github.com/jc-LeeHub/Recommend-System-tf2.0/blob/3741b742e81588b6d9259410ed51c964c4778e71/MMOE/layer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/oki_jcleehub_mmoe_gate_weights_in_lists_expert_tensor_sliced.py:
as returned: MMOE, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['mmoe_layer:mmoe_layer', 'tower_layer:tower_layer', 'Dense:dense_1', 'Dense:dense', 'tower_layer:tower_layer_1', 'Dense:dense_3', 'Dense:dense_2', 'tower_layer:tower_layer_2', 'Dense:dense_5', 'Dense:dense_4']
after call: count_params() = 216, 20 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 20 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mmoe_layer': 105, 'tower_layer': 37, 'tower_layer_1': 37, 'tower_layer_2': 37}
second call: 0 variables watched that the first call did not use
Counts as intended: mmoe_layer 105 = expert tensor 4*4*3 + expert bias 4*3 + 3 gate kernels 4*3 + 3 gate
biases 3 (the gate lists hold 6 tracked variables); each tower 37 = 4*6+6 + 6*1+1; all 20 weights,
including the sliced expert_matrix, get a gradient."""

import keras
import tensorflow as tf
from keras.layers import Layer
from keras.layers import Dense
from keras import ops as K


class mmoe_layer(Layer):
    def __init__(self, hidden_units, num_experts, num_tasks,
                 use_expert_bias=True, use_gate_bias=True,
                 **kwargs):
        
        super(mmoe_layer, self).__init__()
        self.hidden_units = hidden_units  # expert输出维度
        self.num_experts = num_experts  # expert数量
        self.num_tasks = num_tasks  # task数量
        self.use_expert_bias = use_expert_bias
        self.use_gate_bias = use_gate_bias


    def build(self, input_shape):
        if len(input_shape) != 2:
            raise ValueError("The dim of inputs should be 2, not %d" % (len(input_shape)))


        # expert 网络, 形状为 [input_shape[-1], hidden_units, num_experts]
        # 每个 expert 将输入维度从 input_shape[-1] 映射到 hidden_units
        self.expert_matrix = self.add_weight(
            name='expert_matrix',
            shape=(input_shape[-1], self.hidden_units, self.num_experts),
            trainable=True,
            initializer=tf.random_normal_initializer(),
            regularizer=keras.regularizers.l2(1e-4)
        )


        # expert网络偏置项, 形状为 [hidden_units, num_experts]
        if self.use_expert_bias:
            self.expert_bias = self.add_weight(
                name='expert_bias',
                shape=(self.hidden_units, self.num_experts),
                trainable=True,
                initializer=tf.random_normal_initializer(),
                regularizer=keras.regularizers.l2(1e-4)
            )


        # gate网络, 每个gate形状为[input_shape[-1], num_experts]
        # 总共num_tasks个gate，每个对应一个任务
        self.gate_matrix = [self.add_weight(
            name='gate_matrix'+str(i),
            shape=(input_shape[-1], self.num_experts),
            trainable=True,
            initializer=tf.random_normal_initializer(),
            regularizer=keras.regularizers.l2(1e-4)
        ) for i in range(self.num_tasks)]


        # gate网络偏置项，形状为[num_experts]，总共num_tasks个
        if self.use_gate_bias:
            self.gate_bias = [self.add_weight(
                name='gate_bias'+str(i),
                shape=(self.num_experts,),
                trainable=True,
                initializer=tf.random_normal_initializer(),
                regularizer=keras.regularizers.l2(1e-4)
            ) for i in range(self.num_tasks)]


    def call(self, inputs, **kwargs):
        if K.ndim(inputs) != 2:
            raise ValueError("The dim of inputs should be 2, not %d" % (K.ndim(inputs)))

        # inputs x expert = [None,input_shape[-1]] x [input_shape[-1],hidden_units,num_experts]
        # 得到[None, hidden_units, num_experts]
        expert_output = []
        for i in range(self.num_experts):
            expert_out = tf.matmul(inputs, self.expert_matrix[:, :, i])  # [None, hidden_units]
            expert_output.append(expert_out)
        expert_output = tf.transpose(tf.convert_to_tensor(expert_output),
                                     [1, 2, 0])  # [None, hidden_units, num_experts]


        # 加偏置，形状保持不变
        if self.use_expert_bias:
            expert_output += self.expert_bias
        expert_output = tf.nn.relu(expert_output)


        # inputs x gate = [None,input_shape[-1]] x [input_shape[-1],num_experts]
        # num_tasks个gate得到输出列表 num_tasks x [None, num_experts]
        gate_outputs = []
        for i, gate in enumerate(self.gate_matrix):
            gate_out = tf.matmul(inputs, gate)  # [None, num_experts]
            if self.use_gate_bias:
                gate_out += self.gate_bias[i]
            gate_out = tf.nn.softmax(gate_out)

            gate_outputs.append(gate_out)  # list: num_tasks x [None, num_experts]


        # gate与expert的输出相乘
        outputs = []
        for gate_out in gate_outputs:
            gate_out = tf.expand_dims(gate_out, axis=1)  # 维度扩展 [None, 1, num_experts]
            gate_out = tf.tile(gate_out, [1, self.hidden_units, 1])  # 维度复制 [None, hidden_units, num_experts]

            out = tf.multiply(gate_out, expert_output)  # 元素乘 [None, hidden_units, num_experts]
            out = tf.reduce_sum(out, axis=-1)  # 取平均 [None, hidden_units]
            outputs.append(out)

        return outputs  # list: num_tasks x [None, hidden_units]


class tower_layer(Layer):
    def __init__(self, hidden_units, output_dim, activation='relu'):
        super(tower_layer, self).__init__()
        self.hidden_layer = [Dense(i, activation=activation) for i in hidden_units]
        self.output_layer = Dense(output_dim, activation=None)

    def call(self, inputs, **kwargs):
        if K.ndim(inputs) != 2:
            raise ValueError("The dim of inputs should be 2, not %d" % (K.ndim(inputs)))

        x = inputs
        for layer in self.hidden_layer:
            x = layer(x)
        output = self.output_layer(x)
        return output


class MMOE(keras.Model):
    def __init__(self, mmoe_hidden_units, num_experts, num_tasks,
                 tower_hidden_units, output_dim, activation='relu',
                 use_expert_bias=True, use_gate_bias=True,
                 **kwargs):

        super(MMOE, self).__init__()
        self.mmoe_layer = mmoe_layer(mmoe_hidden_units,
                                     num_experts,
                                     num_tasks,
                                     use_expert_bias,
                                     use_gate_bias)

        # 每个任务对应一个tower_layer
        self.tower_layer = [
            tower_layer(tower_hidden_units, output_dim, activation)
            for _ in range(num_tasks)
        ]

    def call(self, inputs):
        mmoe_outputs = self.mmoe_layer(inputs)  # list: num_tasks x [None, hidden_units]

        outputs = []
        for i, layer in enumerate(self.tower_layer):
            out = layer(mmoe_outputs[i])
            outputs.append(out)

        return outputs  # list: num_tasks x [None, output_dim]


def build_model():
    model = MMOE(mmoe_hidden_units=4, num_experts=3, num_tasks=3,
                 tower_hidden_units=[6], output_dim=1)
    input = tf.constant(
        [[1., 1., 1., 3.],
         [2., 2., 1., 4.]]
    )
    return model, input
