"""A TF2 Temporal Fusion Transformer's gated residual network makes a context projection Dense in
`__init__` but calls it only when `additional_context` is given: every GRN used without context (the
static variable selection GRNs and the four static-context GRNs) carries an unbuilt Dense that is never
created, counted or trained.

From SPOREIII/Temporal-Fusion-Transformers-tf2.0-implement (`model/temporal_fusion_transformers.py`
at the commit cited), a subclassed tf.keras port of Google's TFT. `Gated_residual_network.__init__`
makes `liner_layer_1`, `liner_layer_2` (the bias-free projection of the context vector c, W3 c in the
paper) and `liner_layer_3`, plus a gating layer and add-and-norm; `call(x, training,
additional_context=None)` runs `liner_layer_2` only inside `if additional_context is not None`.
`Static_handle` embeds each static categorical input, combines them with `Static_combine_and_mask`
(one GRN over the flattened embeddings plus one GRN per static variable) and derives the four static
context vectors with four more GRNs, none of which gets a context. In the full model only the
history/future variable-selection GRNs and the enrichment GRN receive a context, so the other GRNs'
`liner_layer_2` stay unbuilt (LD005).

Porting edits: `keras.layers.Embedding(..., input_length=1)` -> without `input_length` (removed in
Keras 3); every sublayer call that passed `training` positionally (`self.gated_1(flatten, training)`,
`self.apply_gating_layer(hidden, training)`, ...) passes it as `training=training` (Keras 3 raises
"Only input tensors may be passed as positional arguments" on `True`). `build_model()` wires `Static_handle(static_num=3, static_category_counts=[5, 7, 4],
hidden_layer_size=8, dropout_rate=0.1)` functionally on an int input of shape (1, 3), as `TFT.call`
feeds it, and outputs the four static context vectors.
"""

SOURCE = "https://github.com/SPOREIII/Temporal-Fusion-Transformers-tf2.0-implement/blob/e232e1f596adab330482c4eee7cab19f7b837938/model/temporal_fusion_transformers.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ap/ap_sporeiii_tft_grn_context_dense_never_built.py:
warning: `build()` was called on layer 'gated_residual_network', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as
warning: `build()` was called on layer 'gated_residual_network_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked 
warning: `build()` was called on layer 'gated_residual_network_2', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked 
warning: `build()` was called on layer 'gated_residual_network_3', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked 
warning: `build()` was called on layer 'gated_residual_network_4', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked 
warning: `build()` was called on layer 'gated_residual_network_5', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked 
warning: `build()` was called on layer 'gated_residual_network_6', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked 
warning: `build()` was called on layer 'gated_residual_network_7', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked 
as returned: Functional, count_params() = 2663, 85 weights, unbuilt: ['Linear_layer:linear_layer_22', 'Dense:dense_37', 'Linear_layer:linear_layer_19', 'Dense:dense_32', 'Linear_layer:linear_layer_16', 'Dense:dense_27', 'Linear_layer:linear_layer_13', 'Dense:dense_22', 'Linear_layer:linear_layer_10', 'Dense:dense_17', 'Linear_layer:linear_layer_7', 'Dense:dense_12', 'Linear_layer:linear_layer_4', 'Dense:dense_7', 'Linear_layer:linear_layer_1', 'Dense:dense_1']
after call: count_params() = 2663, 85 trainable weights, unbuilt: ['Linear_layer:linear_layer_22', 'Dense:dense_37', 'Linear_layer:linear_layer_19', 'Dense:dense_32', 'Linear_layer:linear_layer_16', 'Dense:dense_27', 'Linear_layer:linear_layer_13', 'Dense:dense_22', 'Linear_layer:linear_layer_10', 'Dense:dense_17', 'Linear_layer:linear_layer_7', 'Dense:dense_12', 'Linear_layer:linear_layer_4', 'Dense:dense_7', 'Linear_layer:linear_layer_1', 'Dense:dense_1']; output dtypes ['float32']
gradient None for 0 of 85 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'static_handle': 2663, 'gated_residual_network_7': 304, 'apply_gating_layer_7': 144, 'add_and_norm_7': 16, 'linear_layer_23': 72, 'linear_layer_22': 'count_params() raised ValueError', 'linear_layer_21': 72, 'gated_residual_network_6': 304, 'apply_gating_layer_6': 144, 'add_and_norm_6': 16, 'linear_layer_20': 72, 'linear_layer_19': 'count_params() raised ValueError', 'linear_layer_18': 72, 'gated_residual_network_5': 304, 'apply_gating_layer_5': 144, 'add_and_norm_5': 16, 'linear_layer_17': 72, 'linear_layer_16': 'count_params() raised ValueError', 'linear_layer_15': 72, 'gated_residual_network_4': 304, 'apply_gating_layer_4': 144, 'add_and_norm_4': 16, 'linear_layer_14': 72, 'linear_layer_13': 'count_params() raised ValueError', 'linear_layer_12': 72, 'static_combine_and_mask': 1319, 'gated_residual_network_3': 304, 'apply_gating_layer_3': 144, 'add_and_norm_3': 16, 'linear_layer_11': 72, 'linear_layer_10': 'count_params() raised ValueError', 'linear_layer_9': 72, 'gated_residual_network_2': 304, 'apply_gating_layer_2': 144, 'add_and_norm_2': 16, 'linear_layer_8': 72, 'linear_layer_7': 'count_params() raised ValueError', 'linear_layer_6': 72, 'gated_residual_network_1': 304, 'apply_gating_layer_1': 144, 'add_and_norm_1': 16, 'linear_layer_5': 72, 'linear_layer_4': 'count_params() raised ValueError', 'linear_layer_3': 72, 'gated_residual_network': 407, 'apply_gating_layer': 54, 'add_and_norm': 6, 'linear_layer_2': 72, 'linear_layer_1': 'count_params() raised ValueError', 'linear_layer': 200}
second call: 0 variables watched that the first call did not use
8 GRNs (gated_1, the 3 per-variable GRNs, the 4 static-context GRNs), none given a context: each GRN's liner_layer_2 (a Dense(8, use_bias=False), 64 weights when built on the 8-wide context) stays unbuilt and is listed unbuilt after a training-mode call; Keras warns once per GRN that build() found unbuilt state."""

import tensorflow as tf
from tensorflow import keras


class Linear_layer(keras.layers.Layer):
    def __init__(self, size, activation=None, use_time_distributed=False,
                 use_bias=True):
        super(Linear_layer, self).__init__()
        linear = keras.layers.Dense(size, activation=activation,
                                    use_bias=use_bias)
        if use_time_distributed:
            self.linear = keras.layers.TimeDistributed(linear)
        else:
            self.linear = linear
    def call(self, inputs):
        return self.linear(inputs)


class Apply_gating_layer(keras.layers.Layer):
    def __init__(self, hidden_layer_size, dropout_rate=None,
                 use_time_distributed=True, activation=None):
        super(Apply_gating_layer, self).__init__()
        self.dropout_rate = dropout_rate
        self.dropout = keras.layers.Dropout(dropout_rate)
        self.multiply = keras.layers.Multiply()
        dense_1 = keras.layers.Dense(hidden_layer_size, activation=activation)
        dense_2 = keras.layers.Dense(hidden_layer_size, activation='sigmoid')
        if use_time_distributed:
            self.activation_layer = keras.layers.TimeDistributed(dense_1)
            self.gated_layer = keras.layers.TimeDistributed(dense_2)
        else:
            self.activation_layer = dense_1
            self.gated_layer = dense_2

    def call(self, x, training):
        if self.dropout_rate is not None:
            x = self.dropout(x, training=training)
        activation = self.activation_layer(x)
        gated = self.gated_layer(x)
        outputs_1 = self.multiply([activation,gated])
        return outputs_1, gated


class Add_and_norm(keras.layers.Layer):
    def __init__(self):
        super(Add_and_norm, self).__init__()
        self.add = keras.layers.Add()
        self.layernorm = keras.layers.LayerNormalization()
    def call(self, x):
        tmp = self.add(x)
        tmp = self.layernorm(tmp)
        return tmp


class Gated_residual_network(keras.layers.Layer):
    def __init__(self, hidden_layer_size, output_size=None,
                 dropout_rate=None, use_time_distributed=True,
                 return_gate=False):
        super(Gated_residual_network, self).__init__()
        self.liner_layer_1 = Linear_layer(hidden_layer_size, activation=None,
                                          use_time_distributed=use_time_distributed)
        self.liner_layer_2 = Linear_layer(hidden_layer_size, activation=None,
                                          use_time_distributed=use_time_distributed,
                                          use_bias=False)
        self.liner_layer_3 = Linear_layer(hidden_layer_size, activation=None,
                                          use_time_distributed=use_time_distributed)
        self.elu = tf.keras.layers.Activation('elu')
        self.hidden_layer_size = hidden_layer_size
        self.output_flag = output_size
        self.add_and_norm = Add_and_norm()
        self.return_gate = return_gate
        if output_size is None:
            self.output_size = hidden_layer_size
        else:
            self.output_size = output_size
            self.linear = keras.layers.Dense(self.output_size)
            if use_time_distributed:
                self.linear = keras.layers.TimeDistributed(self.linear)
        self.apply_gating_layer = Apply_gating_layer(hidden_layer_size=self.output_size,
                                                     dropout_rate=dropout_rate,
                                                     use_time_distributed=use_time_distributed,
                                                     activation=None)
    def call(self, x, training, additional_context=None):
        # Setup skip connection
        if self.output_flag is None:
            skip = x
        else:
            skip = self.linear(x)

        # Apply feedforward network
        hidden = self.liner_layer_1(x)
        if additional_context is not None:
            hidden = hidden + self.liner_layer_2(additional_context)
        hidden = self.elu(hidden)
        hidden = self.liner_layer_3(hidden)

        gating_layer, gate = self.apply_gating_layer(hidden, training=training)

        if self.return_gate:
            return self.add_and_norm([skip, gating_layer]), gate
        else:
            return self.add_and_norm([skip, gating_layer])


class Static_combine_and_mask(keras.layers.Layer):
    def __init__(self, hidden_layer_size, static_num, dropout_rate):
        super(Static_combine_and_mask, self).__init__()
        self._hidden_layer_size = hidden_layer_size
        self._static_num = static_num
        self._dropout_rate = dropout_rate
        self.flatten = tf.keras.layers.Flatten()
        self.gated_1 = Gated_residual_network(self._hidden_layer_size,
                                              output_size=self._static_num,
                                              dropout_rate=self._dropout_rate,
                                              use_time_distributed=False)
        self.softmax = tf.keras.layers.Activation('softmax')
        self.gated_list = []
        for _ in range(self._static_num):
            self.gated_list.append(Gated_residual_network(self._hidden_layer_size,
                                                          dropout_rate=self._dropout_rate,
                                                          use_time_distributed=False))
        self.concatenate = keras.layers.Concatenate(axis=1)
        self.multiply = tf.keras.layers.Multiply()

    def call(self, embedding, training):
        flatten = self.flatten(embedding)
        mlp_outputs = self.gated_1(flatten, training=training)
        sparse_weights = self.softmax(mlp_outputs)
        sparse_weights = tf.expand_dims(sparse_weights, axis=-1)

        trans_emb_list = []
        for i in range(self._static_num):
            e = self.gated_list[i](embedding[:, i:i + 1, :], training=training)
            trans_emb_list.append(e)

        transformed_embedding = self.concatenate(trans_emb_list)
        combined = self.multiply([sparse_weights, transformed_embedding])
        static_vec = tf.reduce_sum(combined, axis=1)
        static_vec = tf.expand_dims(static_vec, axis=1)
        return static_vec


class Static_handle(keras.layers.Layer):
    def __init__(self, static_num, static_category_counts, hidden_layer_size,
                 dropout_rate):
        super(Static_handle, self).__init__()
        self._static_num = static_num
        self._static_category_counts = static_category_counts
        self._hidden_layer_size = hidden_layer_size
        self.embedding_list = []
        self.concate = keras.layers.Concatenate(axis=1)
        for i in range(self._static_num):
            self.embedding_list.append(keras.layers.Embedding(self._static_category_counts[i],
                                                              self._hidden_layer_size))
        self.static_combine_and_mask = Static_combine_and_mask(self._hidden_layer_size,
                                                               static_num,
                                                               dropout_rate)
        self.gated_variable_selection = Gated_residual_network(self._hidden_layer_size,
                                                               dropout_rate=dropout_rate,
                                                               use_time_distributed=False)
        self.gated_enrichment = Gated_residual_network(self._hidden_layer_size,
                                                       dropout_rate=dropout_rate,
                                                       use_time_distributed=False)
        self.state_h = Gated_residual_network(self._hidden_layer_size,
                                              dropout_rate=dropout_rate,
                                              use_time_distributed=False)
        self.state_c = Gated_residual_network(self._hidden_layer_size,
                                              dropout_rate=dropout_rate,
                                              use_time_distributed=False)

    def call(self, static_inputs, training):
        embedings_static = []
        for i in range(self._static_num):
            embeding = self.embedding_list[i](static_inputs[:,:,i])
            embedings_static.append(embeding)
        embedings_static = self.concate(embedings_static)

        weighted_static = self.static_combine_and_mask(embedings_static,
                                                       training=training)

        static_context_variable_selection = self.gated_variable_selection(weighted_static,
                                                                          training=training)
        static_context_enrichment = self.gated_enrichment(weighted_static,
                                                          training=training)
        static_context_state_h = self.state_h(weighted_static, training=training)
        static_context_state_c = self.state_c(weighted_static, training=training)
        output = [static_context_variable_selection,static_context_enrichment,
                  static_context_state_h,static_context_state_c]
        return  output


def build_model():
    static_inputs = keras.Input(shape=(1, 3), dtype="int32", name="static")
    outputs = Static_handle(3, [5, 7, 4], 8, 0.1)(static_inputs, training=None)
    return keras.Model(static_inputs, outputs, name="tft_static")
