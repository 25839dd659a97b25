"""UCTB's own fix of `STMeta`'s GRU/LSTM temporal branches (commit ac6e0e2, "fix the bug of stacking multiple spatiotemporal layers", June 2022): `StackedRNNCells([tf.keras.layers.GRUCell(units=self._num_hidden_unit) for _ in range(self._gclstm_layers)])` makes one cell per layer, so the first cell is built for the 1-wide flow input and the second for the 64-wide hidden state; with `gclstm_layers=2` the model runs and every cell trains. A look-alike of LD008/LD007: the same stacked-RNN wiring as the buggy version (cd_uctb_stmeta_...), with distinct cell instances.

From uctb/UCTB, `UCTB/model/STMeta.py` at commit ac6e0e2 (the diff replaces `cell = GRUCell(...)` +
`StackedRNNCells([cell] * self._gclstm_layers)` by the list comprehension, and likewise for LSTMCell and the TF1
DCRNN cells).

Porting edits: the same as the cd_uctb_stmeta_gru_branch_stackedrnncells_one_cell_times_layers pair (BaseModel
stand-in, placeholders as `keras.Input`s, `tf.reshape` as `keras.ops.reshape`, `build()` returns a `keras.Model`;
GCLSTM/DCRNN branches, GAL merging and external features left out); only the two `StackedRNNCells` lines differ.
build_model() builds the same configuration (st_method='GRU', gclstm_layers=2, num_node=8, closeness/period/trend
6/7/4, temporal_merge='concat').
"""

SOURCE = "https://github.com/uctb/UCTB/blob/ac6e0e217d124807fab9fb03fe94f2f67617e55c/UCTB/model/STMeta.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcd_uctb_stmeta_fixed_gru_branch_one_cell_per_stacked_layer.py:
as returned: Functional, count_params() = 121505, 28 weights, unbuilt: none
after call: count_params() = 121505, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probes/probe_stmeta.py (same model): each of the three RNNs holds two distinct GRUCells (cells[0] is cells[1]: False), the first with kernel (1, 192), the second with kernel (64, 192); calling the model on (2, 8, T, 1) batches runs (the buggy version: 46,625 params and a MatMul size error)."""

import keras
import tensorflow as tf


class BaseModel(object):
    """Porting stand-in for UCTB.model_unit.BaseModel (TF1 graph/session holder)."""

    def __init__(self, code_version, model_dir, gpu_device):
        self._code_version = code_version
        self._model_dir = model_dir
        self._gpu_device = gpu_device
        self._input = {}
        self._output = {}
        self._op = {}


class STMeta(BaseModel):
    """
        Args:
            num_node(int): Number of nodes in the graph, e.g. number of stations in NYC-Bike dataset.
            closeness_len / period_len / trend_len(int): lengths of the closeness, period and trend histories.
            input_dim(int): The dimension of input features.
            gclstm_layers(int): Number of STRNN layers, it works on all modes of STMeta such as GCLSTM and DCRNN.
            num_hidden_units(int): Number of hidden units of RNN.
            st_method(str): must in ['GCLSTM', 'DCRNN', 'GRU', 'LSTM'], which refers to different
                spatial-temporal modeling methods.
                'GRU': Ignore the spatial, and model the temporal feature using GRU
                'LSTM': Ignore the spatial, and model the temporal feature using LSTM
        """

    def __init__(self,
                 num_node,
                 external_dim,
                 closeness_len,
                 period_len,
                 trend_len,
                 input_dim=1,

                 # gcn parameters
                 num_graph=1,
                 gcn_k=1,
                 gcn_layers=1,
                 gclstm_layers=1,

                 # dense units
                 num_hidden_units=64,
                 # LSTM units
                 num_dense_units=32,

                 # merge parameters
                 graph_merge_gal_units=32,
                 graph_merge_gal_num_heads=2,
                 temporal_merge_gal_units=64,
                 temporal_merge_gal_num_heads=2,

                 # network structure parameters
                 st_method='GCLSTM',  # gclstm
                 temporal_merge='gal',  # gal
                 graph_merge='gal',  # concat

                 output_activation=tf.nn.sigmoid,

                 lr=1e-4,
                 code_version='STMeta-QuickStart',
                 model_dir='model_dir',
                 gpu_device='0', **kwargs):

        super(STMeta, self).__init__(code_version=code_version, model_dir=model_dir, gpu_device=gpu_device)

        self._num_node = num_node
        self._input_dim = input_dim
        self._gcn_k = gcn_k
        self._gcn_layer = gcn_layers
        self._graph_merge_gal_units = graph_merge_gal_units
        self._graph_merge_gal_num_heads = graph_merge_gal_num_heads
        self._temporal_merge_gal_units = temporal_merge_gal_units
        self._temporal_merge_gal_num_heads = temporal_merge_gal_num_heads
        self._gclstm_layers = gclstm_layers
        self._num_graph = num_graph
        self._external_dim = external_dim
        self._output_activation = output_activation

        self._st_method = st_method.upper()
        self._temporal_merge = temporal_merge
        self._graph_merge = graph_merge

        self._closeness_len = int(closeness_len)
        self._period_len = int(period_len)
        self._trend_len = int(trend_len)
        self._num_hidden_unit = num_hidden_units
        self._num_dense_units = num_dense_units
        self._lr = lr

    def build(self, init_vars=True, max_to_keep=5):
        temporal_features = []

        if self._closeness_len is not None and self._closeness_len > 0:
            closeness_feature = keras.Input((self._num_node, self._closeness_len, self._input_dim),
                                            name='closeness_feature')
            self._input['closeness_feature'] = closeness_feature.name
            temporal_features.append([self._closeness_len, closeness_feature, 'closeness_feature'])

        if self._period_len is not None and self._period_len > 0:
            period_feature = keras.Input((self._num_node, self._period_len, self._input_dim),
                                         name='period_feature')
            self._input['period_feature'] = period_feature.name
            temporal_features.append([self._period_len, period_feature, 'period_feature'])

        if self._trend_len is not None and self._trend_len > 0:
            trend_feature = keras.Input((self._num_node, self._trend_len, self._input_dim),
                                        name='trend_feature')
            self._input['trend_feature'] = trend_feature.name
            temporal_features.append([self._trend_len, trend_feature, 'trend_feature'])

        if len(temporal_features) == 0:
            raise ValueError('closeness_len, period_len, trend_len cannot all be zero')

        graph_outputs_list = []

        for graph_index in range(self._num_graph):

            if self._st_method in ['GCLSTM', 'DCRNN', 'GRU', 'LSTM']:

                outputs_temporal = []

                for time_step, target_tensor, given_name in temporal_features:

                    if self._st_method == 'GRU':

                        multi_layer_gru = tf.keras.layers.StackedRNNCells([tf.keras.layers.GRUCell(units=self._num_hidden_unit) for _ in range(self._gclstm_layers)])

                        outputs = tf.keras.layers.RNN(multi_layer_gru)(
                            keras.ops.reshape(target_tensor, [-1, time_step, self._input_dim]))
                        st_outputs = keras.ops.reshape(outputs, [-1, 1, self._num_hidden_unit])

                    elif self._st_method == 'LSTM':

                        multi_layer_gru = tf.keras.layers.StackedRNNCells([tf.keras.layers.LSTMCell(units=self._num_hidden_unit) for _ in range(self._gclstm_layers)])

                        outputs = tf.keras.layers.RNN(multi_layer_gru)(
                            keras.ops.reshape(target_tensor, [-1, time_step, self._input_dim]))
                        st_outputs = keras.ops.reshape(outputs, [-1, 1, self._num_hidden_unit])

                    else:
                        raise NotImplementedError('GCLSTM / DCRNN cells are not part of this port')

                    outputs_temporal.append(st_outputs)

                if self._temporal_merge == 'concat':

                    graph_outputs_list.append(keras.ops.concatenate(outputs_temporal, axis=-1))

        dense_inputs = graph_outputs_list[-1]

        dense_inputs = keras.ops.reshape(dense_inputs, [-1, self._num_node, 1, dense_inputs.shape[-1]])

        dense_inputs = tf.keras.layers.BatchNormalization(axis=-1, name='feature_map')(dense_inputs)

        dense_output0 = tf.keras.layers.Dense(units=self._num_dense_units,
                                              activation=tf.nn.tanh,
                                              use_bias=True,
                                              kernel_initializer='glorot_uniform',
                                              bias_initializer='zeros',
                                              kernel_regularizer=tf.keras.regularizers.l2(0.01),
                                              bias_regularizer=tf.keras.regularizers.l2(0.01)
                                              )(dense_inputs)

        dense_output1 = tf.keras.layers.Dense(units=self._num_dense_units,
                                              activation=tf.nn.tanh,
                                              use_bias=True,
                                              kernel_initializer='glorot_uniform',
                                              bias_initializer='zeros',
                                              kernel_regularizer=tf.keras.regularizers.l2(0.01),
                                              bias_regularizer=tf.keras.regularizers.l2(0.01)
                                              )(dense_output0)

        pre_output = tf.keras.layers.Dense(units=1,
                                           activation=tf.nn.tanh,
                                           use_bias=True,
                                           kernel_initializer='glorot_uniform',
                                           bias_initializer='zeros',
                                           kernel_regularizer=tf.keras.regularizers.l2(0.01),
                                           bias_regularizer=tf.keras.regularizers.l2(0.01)
                                           )(dense_output1)

        prediction = keras.ops.reshape(pre_output, [-1, self._num_node, 1])

        # record output
        self._output['prediction'] = prediction.name if hasattr(prediction, 'name') else 'prediction'

        return keras.Model([t for _, t, _ in temporal_features], prediction)


def build_model():
    stmeta = STMeta(num_node=8, external_dim=0, closeness_len=6, period_len=7, trend_len=4,
                    gclstm_layers=2, num_hidden_units=64, num_dense_units=32,
                    st_method='GRU', temporal_merge='concat', graph_merge='concat')
    return stmeta.build()
