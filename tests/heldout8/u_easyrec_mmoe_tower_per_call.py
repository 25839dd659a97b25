"""Multi-gate mixture-of-experts recommender: one tower, gate and score head per task, but call() only runs one task.

easyrec's MMOE keeps `num_towers` towers, gates and score heads in lists and selects one of them
with a `use_tower=0` keyword of call(). A model built and trained the usual way (`model(x)`,
`model.fit`) only ever runs task 0: the gates, towers and score heads of every other task are
never called, so they are never built, hold no weights, and are silently absent from
`count_params()` and from the saved model. The second task of the multi-task model never trains.
(feature columns / DenseFeatures are replaced by an already-dense input: they do not exist in Keras 3.)
"""

SOURCE = "https://github.com/xu-zhiwei/easyrec/blob/109dade01f60cefad4dac685620a24cde4ba05ba/easyrec/models/mmoe.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py u_easyrec_mmoe_tower_per_call.py:
warning: `build()` was called on layer 'mmoe', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite no
as returned: MMOE, count_params() = 3285, 19 weights, unbuilt: ['DenseBlock:dense_block_4', 'Dense:dense_9', 'Dense:dense_8', 'Dense:dense_11', 'Dense:dense_13']
after call: count_params() = 3285, 19 trainable weights, unbuilt: ['DenseBlock:dense_block_4', 'Dense:dense_9', 'Dense:dense_8', 'Dense:dense_11', 'Dense:dense_13']; output dtypes ['float32']
gradient None for 0 of 19 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dense_block': 944, 'dense_block_1': 944, 'dense_block_2': 944, 'dense_block_3': 408, 'dense_block_4': 'count_params() raised ValueError'}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.layers import Dense


# --- easyrec/blocks/nn.py -------------------------------------------------------------------
class DenseBlock(tf.keras.models.Model):
    def __init__(self, units_list=None, activation=None):
        super(DenseBlock, self).__init__()
        if units_list is None:
            units_list = [256, 128, 64]
        self.fcs = [Dense(units=units, activation=activation) for units in units_list]

    def call(self, inputs, training=None, mask=None):
        x = inputs
        for fc in self.fcs:
            x = fc(x)
        return x


class ResidualBlock(tf.keras.models.Model):
    def __init__(self, units_list=None, activation=None):
        super(ResidualBlock, self).__init__()
        if units_list is None:
            units_list = [256, 256]
        self.dense_block = DenseBlock(units_list, activation)

    def call(self, inputs, training=None, mask=None):
        return inputs + self.dense_block(inputs)


class blocks:  # stands in for `from easyrec import blocks`
    DenseBlock = DenseBlock
    ResidualBlock = ResidualBlock


# --- easyrec/models/mmoe.py -----------------------------------------------------------------
class MMOE(tf.keras.models.Model):
    """
    Multi-gate Mixture-of-Experts.
    Reference: Jiaqi Ma et al. Modeling Task Relationships in Multi-task Learning with Multi-gate
        Mixture-of-Experts. KDD. 2018.
    """

    def __init__(self,
                 num_features,
                 num_experts=3,
                 expert_units_list=None,
                 expert_activation='relu',
                 num_towers=2,
                 tower_units_list=None,
                 tower_activation='relu'
                 ):
        super(MMOE, self).__init__()
        if expert_units_list is None:
            expert_units_list = [256, 128, 64]
        if tower_units_list is None:
            tower_units_list = [256, 128, 64]
        self.num_experts = num_experts
        self.num_towers = num_towers
        self.input_layer = keras.layers.Identity()  # was DenseFeatures(feature_columns)
        self.experts = [blocks.DenseBlock(units_list=expert_units_list, activation=expert_activation)
                        for _ in range(self.num_experts)]
        self.towers = [blocks.DenseBlock(units_list=tower_units_list, activation=tower_activation)
                       for _ in range(self.num_towers)]
        self.scores = [Dense(units=1, activation='sigmoid') for _ in range(self.num_towers)]
        self.gates = [Dense(units=self.num_experts, activation='softmax', use_bias=False)
                      for _ in range(self.num_towers)]

    def call(self, inputs, use_tower=0, training=None, mask=None):
        inputs = self.input_layer(inputs)

        expert_outputs = [expert(inputs) for expert in self.experts]
        expert_outputs = tf.transpose(tf.convert_to_tensor(expert_outputs), [1, 0, 2])

        gate_outputs = self.gates[use_tower](inputs)
        gate_outputs = tf.expand_dims(gate_outputs, -1)

        outputs = gate_outputs * expert_outputs
        outputs = tf.reduce_sum(outputs, axis=1)

        logits = self.towers[use_tower](outputs)
        return self.scores[use_tower](logits)


def build_model():
    model = MMOE(num_features=12, num_experts=3, expert_units_list=[32, 16],
                 num_towers=2, tower_units_list=[16, 8])
    x = tf.random.uniform((4, 12))
    model(x)  # the examples train with model.fit(...), which calls it the same way
    return model, x
