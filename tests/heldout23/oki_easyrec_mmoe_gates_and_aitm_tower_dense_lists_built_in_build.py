"""EasyRec's Keras multi-task blocks: an MMoE layer whose per-task softmax gates are `Dense` layers kept
in a list, and an AITM tower whose query/key/value `Dense` layers (one per input tower) and attention
sublayer are created inside `build()` and appended to lists, with `tf.stop_gradient` on the towers it
borrows information from.

From alibaba/EasyRec (`easy_rec/python/layers/keras/multi_task.py`, `MMoE` and `AITMTower`). It looks
like several traps: sublayers created in `build()` rather than `__init__` and held in plain lists
(`self.queries = []` in `__init__`, appended later), a sublayer (`Attention`) built from a config
object inside `build()`, and a `stop_gradient` in `call()`. On Keras 3 lists assigned to a layer are
tracked (also when filled after the assignment), sublayers created in `build()` are tracked and built
on their first call, and the `stop_gradient` is on a tensor (the previous task's tower output), not on
a weight: every gate, expert, tower and AITM projection still gets a gradient through its own task.

Porting edits: `tensorflow.python.keras.layers` Dense/Layer -> `keras.layers`, `tf.compat.v1` ops ->
`tf.*`; EasyRec's protobuf config objects replaced by a tiny `_Params` stand-in with the same
`check_required`/`has_field`/`get_or_default` calls; `MLP` (EasyRec's block) replaced by a one-`Dense`
stand-in and `Attention` by a weightless scaled dot-product layer with the same `[query, value, key]`
call; `AITMTower` keeps only the branch without `transfer_mlp`; sizes: 8 input features, 3 experts of
width 6, 2 tasks with Dense(4) towers; `build_model()` wires MMoE -> towers -> AITM on task 2.
"""

SOURCE = "https://github.com/alibaba/EasyRec/blob/0c22985617c0ed8a86f6dd6e5611716efe56bf79/easy_rec/python/layers/keras/multi_task.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/oki_easyrec_mmoe_gates_and_aitm_tower_dense_lists_built_in_build.py:
as returned: Functional, count_params() = 402, 30 weights, unbuilt: none
after call: count_params() = 402, 30 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 30 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'MMoE': 216, 'expert_2': 54, 'expert_1': 54, 'expert_0': 54, 'AITMTower': 120, 'attention': 0}
second call: 0 variables watched that the first call did not use
Counts as intended: MMoE 216 = 3 experts x (8*6+6) + 2 gates x (8*3+3); AITMTower 120 = 6 projection
Dense layers (query/key/value for 2 towers) x (4*4+4), all created in build() and appended to the lists
made in __init__; the stop_gradient only cuts the cvr loss from the ctr tower, which trains through ctr."""

import logging

import keras
import tensorflow as tf
from keras.layers import Dense
from keras.layers import Layer


class _Params(object):
    """Stand-in for EasyRec's protobuf-backed Parameter object."""

    def __init__(self, **fields):
        self.__dict__.update(fields)

    def check_required(self, names):
        for name in names:
            assert hasattr(self, name), name

    def has_field(self, name):
        return getattr(self, name, None) is not None

    def get_or_default(self, name, default):
        return getattr(self, name, default)


class MLP(Layer):
    """Stand-in for easy_rec.python.layers.keras.blocks.MLP (one hidden layer)."""

    def __init__(self, params, name='mlp', reuse=None, **kwargs):
        super(MLP, self).__init__(name=name, **kwargs)
        self._dense = Dense(params.hidden_units[0], activation='relu')

    def call(self, inputs, training=None, **kwargs):
        return self._dense(inputs)


class Attention(Layer):
    """Stand-in for easy_rec.python.layers.keras.attention.Attention (scale_by_dim=True)."""

    def call(self, inputs, **kwargs):
        query, value, key = inputs
        scores = tf.matmul(query, key, transpose_b=True) / tf.sqrt(tf.cast(tf.shape(key)[-1], tf.float32))
        return tf.matmul(tf.nn.softmax(scores, axis=-1), value)


class MMoE(Layer):
    """Multi-gate Mixture-of-Experts model."""

    def __init__(self, params, name='MMoE', reuse=None, **kwargs):
        super(MMoE, self).__init__(name=name, **kwargs)
        params.check_required(['num_expert', 'num_task'])
        self._reuse = reuse
        self._num_expert = params.num_expert
        self._num_task = params.num_task
        if params.has_field('expert_mlp'):
            expert_params = params.expert_mlp
            expert_params.l2_regularizer = params.l2_regularizer
            self._has_experts = True
            self._experts = [
                MLP(expert_params, 'expert_%d' % i, reuse=reuse)
                for i in range(self._num_expert)
            ]
        else:
            self._has_experts = False

        self._gates = []
        for task_id in range(self._num_task):
            dense = Dense(
                self._num_expert,
                activation='softmax',
                name='gate_%d' % task_id,
                kernel_regularizer=params.l2_regularizer)
            self._gates.append(dense)

    def call(self, inputs, training=None, **kwargs):
        if self._num_expert == 0:
            logging.warning('num_expert of MMoE layer `%s` is 0' % self.name)
            return inputs
        if self._has_experts:
            expert_fea_list = [
                expert(inputs, training=training) for expert in self._experts
            ]
        else:
            expert_fea_list = inputs
        experts_fea = tf.stack(expert_fea_list, axis=1)
        # 不使用内置MLP作为expert时，gate的input使用最后一个额外的输入
        gate_input = inputs if self._has_experts else inputs[self._num_expert]
        task_input_list = []
        for task_id in range(self._num_task):
            gate = self._gates[task_id](gate_input)
            gate = tf.expand_dims(gate, -1)
            task_input = tf.multiply(experts_fea, gate)
            task_input = tf.reduce_sum(task_input, axis=1)
            task_input_list.append(task_input)
        return task_input_list


class AITMTower(Layer):
    """Adaptive Information Transfer Multi-task (AITM) Tower."""

    def __init__(self, params, name='AITMTower', reuse=None, **kwargs):
        super(AITMTower, self).__init__(name=name, **kwargs)
        self.project_dim = params.get_or_default('project_dim', None)
        self.stop_gradient = params.get_or_default('stop_gradient', True)
        self.transfer = None
        self.queries = []
        self.keys = []
        self.values = []
        self.attention = None

    def build(self, input_shape):
        if not isinstance(input_shape, (tuple, list)):
            super(AITMTower, self).build(input_shape)
            return
        dim = self.project_dim if self.project_dim else int(input_shape[0][-1])
        for i in range(len(input_shape)):
            self.queries.append(Dense(dim, name='query_%d' % i))
            self.keys.append(Dense(dim, name='key_%d' % i))
            self.values.append(Dense(dim, name='value_%d' % i))
        self.attention = Attention()
        super(AITMTower, self).build(input_shape)

    def call(self, inputs, training=None, **kwargs):
        if not isinstance(inputs, (tuple, list)):
            return inputs

        queries = []
        keys = []
        values = []
        for i, tower in enumerate(inputs):
            if i == 0:  # current tower
                queries.append(self.queries[i](tower))
                keys.append(self.keys[i](tower))
                values.append(self.values[i](tower))
            else:
                dep = tf.stop_gradient(tower) if self.stop_gradient else tower
                if self.transfer is not None:
                    dep = self.transfer(dep, training=training)
                queries.append(self.queries[i](dep))
                keys.append(self.keys[i](dep))
                values.append(self.values[i](dep))
        query = tf.stack(queries, axis=1)
        key = tf.stack(keys, axis=1)
        value = tf.stack(values, axis=1)
        attn = self.attention([query, value, key])
        return attn[:, 0, :]


def build_model():
    features = keras.Input(shape=(8,))
    mmoe_params = _Params(num_expert=3, num_task=2, l2_regularizer=None,
                          expert_mlp=_Params(hidden_units=[6]))
    task_inputs = MMoE(mmoe_params)(features)
    ctr_tower = Dense(4, activation='relu', name='ctr_tower')(task_inputs[0])
    cvr_tower = Dense(4, activation='relu', name='cvr_tower')(task_inputs[1])
    cvr_aitm = AITMTower(_Params(project_dim=None, stop_gradient=True))([cvr_tower, ctr_tower])
    ctr = Dense(1, activation='sigmoid', name='ctr')(ctr_tower)
    cvr = Dense(1, activation='sigmoid', name='cvr')(cvr_aitm)
    return keras.Model(features, [ctr, cvr])
