"""UCTB's `STMeta` (a spatio-temporal traffic/bike-demand forecaster from the Urban Computing ToolBox) builds its 'GRU' and 'LSTM' temporal branches as `StackedRNNCells([cell] * self._gclstm_layers)`: one cell instance listed `gclstm_layers` times. The first slot builds the cell's kernel for the input width (`input_dim` = 1 flow value per time step); the second slot feeds it the 64-wide hidden state, which does not fit the (1, 192) kernel, so with `gclstm_layers=2` the model wires without complaint but fails on its first batch with a MatMul size error inside GRUCell.

From uctb/UCTB, `UCTB/model/STMeta.py`, `STMeta.build()`: for each graph and each of the closeness / period / trend
inputs, the `st_method == 'GRU'` branch does `cell = tf.keras.layers.GRUCell(units=self._num_hidden_unit)`,
`multi_layer_gru = tf.keras.layers.StackedRNNCells([cell] * self._gclstm_layers)` and
`tf.keras.layers.RNN(multi_layer_gru)(tf.reshape(target_tensor, [-1, time_step, self._input_dim]))` (the 'LSTM' branch
is the same with LSTMCell; the class docstring says `gclstm_layers` is the "Number of STRNN layers, it works on all
modes of STMeta"). The 'GCLSTM' branch next to it does it right (`[GCLSTMCell(...) for _ in range(self._gclstm_layers)]`).
With the default `gclstm_layers=1` nothing shows; with 2 the one cell is reused on an input whose width does not fit
the weights its first call built (LD008; the layers are also silently shared, LD007).
UCTB fixed exactly this in commit ac6e0e2 ("fix the bug of stacking multiple spatiotemporal layers", June 2022) by
building one cell per layer (see the okcd_uctb_stmeta_fixed_... pair); `UCTB/model/MCSTGCN.py` still has the old lines.

Porting edits: the repository's `STMeta` is a TF1 graph model (`BaseModel` with a session, `tf.placeholder`s and an
Adam `train_op`). Kept: the constructor (arguments and attributes, docstring shortened) and the GRU/LSTM branch of
`build()`, the 'concat' temporal merge, the single-graph path, `BatchNormalization(name='feature_map')` and the three
Dense layers of the head, unchanged in order and arguments. Changed: `BaseModel` is a small stand-in holding the
`_input`/`_output` dicts; placeholders are `keras.Input`s (node axis fixed to `num_node`), `tf.reshape` is
`keras.ops.reshape`, `get_shape()[-1].value` is `.shape[-1]`, and `build()` returns a `keras.Model` instead of the
loss and train op; the GCLSTM/DCRNN branches (custom cells from `model_unit`), GAL merging, the external-feature
input and `_get_feed_dict` are left out. build_model() builds STMeta with st_method='GRU', gclstm_layers=2,
num_node=8, closeness/period/trend lengths 6/7/4, temporal_merge='concat', num_graph=1, no external features.
"""

SOURCE = "https://github.com/uctb/UCTB/blob/0c46d2081bd35802bc531770dc0008c93d69b641/UCTB/model/STMeta.py"
CODES = ("LD008", "LD007")
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cd_uctb_stmeta_gru_branch_stackedrnncells_one_cell_times_layers.py:
as returned: Functional, count_params() = 46625, 19 weights, unbuilt: none
call 1 raised InvalidArgumentError: Exception encountered when calling GRUCell.call().
probes/probe_stmeta.py (same model): each of the three RNNs (closeness, period, trend) holds StackedRNNCells with 2
entries that are the same GRUCell instance (cells[0] is cells[1]: True), weights (1, 192), (64, 192), (2, 192); calling
the model on (2, 8, T, 1) batches raises "Matrix size-incompatible: In[0]: [16,64], In[1]: [1,192]" in the second slot.
Wiring the functional model does not catch it (no error at construction)."""

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

                        cell = tf.keras.layers.GRUCell(units=self._num_hidden_unit)
                        multi_layer_gru = tf.keras.layers.StackedRNNCells([cell] * self._gclstm_layers)
                        outputs = tf.keras.layers.RNN(multi_layer_gru)(
                            keras.ops.reshape(target_tensor, [-1, time_step, self._input_dim]))
                        st_outputs = keras.ops.reshape(outputs, [-1, 1, self._num_hidden_unit])

                    elif self._st_method == 'LSTM':

                        cell = tf.keras.layers.LSTMCell(units=self._num_hidden_unit)
                        multi_layer_gru = tf.keras.layers.StackedRNNCells([cell] * self._gclstm_layers)
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
