"""A message-passing GNN layer (NREL `nfp`, used by polyID) creates its Dense sublayers in `build()` and defines `compute_output_shape()`: Keras 3 never traces `call()` while wiring the functional model, so the Dense layers are left unbuilt.

polyID users on Keras 3 could not reload a saved model: "Layer 'dense' was never built and thus it
doesn't have any variables. However the weights file lists 2 variables for this layer. ... The layer
is owned by a parent layer that implements a `build()` method, but calling the parent's `build()`
method did NOT create the state of the child layer". `nfp`'s `NodeUpdate.build()` (and
`ConcatDense.build()`) only instantiate their Dense layers; under tf.keras 2 the functional call ran
`call()` symbolically and built them. Keras 3 computes a functional layer's output spec from
`compute_output_shape()` when the layer defines one, so `call()` is not traced: the model comes back
with the message-passing Dense weights missing from `count_params()`, `summary()` and `weights` until
a first call on real data, and a weights file saved after training has nowhere to load into.
"""

SOURCE = "https://github.com/NatLabRockies/polyID/issues/6"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py e_nfp_node_update_dense_made_in_build_skipped_by_compute_output_shape.py:
as returned: Functional, count_params() = 17, 2 weights, unbuilt: ['ConcatDense:concat_dense', 'Gather:gather', 'Dense:dense_1', 'Dense:dense', 'Reduce:reduce', 'ConcatDense:concat_dense_1', 'Gather:gather_1', 'ConcatDense:concat_dense_2', 'Gather:gather_2', 'Dense:dense_3', 'Dense:dense_2', 'Reduce:reduce_1', 'ConcatDense:concat_dense_3', 'Gather:gather_3']
after call: count_params() = 9521, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'edge_update': 2096, 'concat_dense': 2096, 'gather': 0, 'node_update': 2656, 'reduce': 0, 'concat_dense_1': 1584, 'gather_1': 0, 'edge_update_1': 2096, 'concat_dense_2': 2096, 'gather_2': 0, 'node_update_1': 2656, 'reduce_1': 0, 'concat_dense_3': 1584, 'gather_3': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from tensorflow.keras import layers as tf_layers


class Gather(tf_layers.Layer):
    def call(self, inputs, mask=None, **kwargs):
        reference, indices = inputs
        return tf.gather(reference, indices, batch_dims=1)


class Reduce(tf_layers.Layer):
    def __init__(self, reduction="sum", *args, **kwargs):
        super(Reduce, self).__init__(*args, **kwargs)
        self.reduction = reduction

    def compute_output_shape(self, input_shape):
        data_shape, _, target_shape = input_shape
        return [data_shape[0], target_shape[1], data_shape[-1]]

    def call(self, inputs, mask=None, **kwargs):
        data, segment_ids, target = inputs
        num_segments = tf.shape(target, out_type=segment_ids.dtype)[1]
        batch_size = tf.shape(data, out_type=segment_ids.dtype)[0]
        offsets = tf.range(batch_size, dtype=segment_ids.dtype) * num_segments
        flat_ids = tf.reshape(segment_ids + tf.expand_dims(offsets, 1), [-1])
        flat_data = tf.reshape(data, [-1, data.shape[-1]])
        reduction = getattr(tf.math, f"unsorted_segment_{self.reduction}")
        reduced = reduction(flat_data, flat_ids, num_segments * batch_size)
        return tf.reshape(reduced, [batch_size, num_segments, data.shape[-1]])


class ConcatDense(tf_layers.Layer):
    """Layer to combine the concatenation and two dense layers."""

    def __init__(self, **kwargs):
        super(ConcatDense, self).__init__(**kwargs)
        self.supports_masking = True

    def build(self, input_shape):
        num_features = input_shape[0][-1]
        self.concat = tf_layers.Concatenate()
        self.dense1 = tf_layers.Dense(2 * num_features, activation="relu")
        self.dense2 = tf_layers.Dense(num_features)

    def call(self, inputs, mask=None, **kwargs):
        output = self.concat(inputs)
        output = self.dense1(output)
        return self.dense2(output)


class GraphLayer(tf_layers.Layer):
    """Base class for all GNN layers"""

    def __init__(self, dropout: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        self.dropout = dropout
        self.supports_masking = True

    def build(self, input_shape):
        if len(input_shape) == 3:
            self.use_global = False
        else:
            raise RuntimeError("wrong input shape")
        if self.dropout > 0.0:
            self.dropout_layer = tf_layers.Dropout(self.dropout)

    def get_config(self):
        return {"dropout": self.dropout}


class EdgeUpdate(GraphLayer):
    def build(self, input_shape):
        super().build(input_shape)
        self.gather = Gather()
        self.concat = ConcatDense()

    def call(self, inputs, mask=None, **kwargs):
        atom_state, bond_state, connectivity = inputs
        source_atom = self.gather([atom_state, connectivity[:, :, 0]])
        target_atom = self.gather([atom_state, connectivity[:, :, 1]])
        new_bond_state = self.concat([bond_state, source_atom, target_atom])
        if self.dropout > 0.0:
            new_bond_state = self.dropout_layer(new_bond_state)
        return new_bond_state

    def compute_output_shape(self, input_shape):
        return input_shape[1]


class NodeUpdate(GraphLayer):
    def build(self, input_shape):
        super().build(input_shape)
        num_features = input_shape[1][-1]
        self.gather = Gather()
        self.concat = ConcatDense()
        self.reduce = Reduce(reduction="sum")
        self.dense1 = tf_layers.Dense(2 * num_features, activation="relu")
        self.dense2 = tf_layers.Dense(num_features)

    def call(self, inputs, mask=None, **kwargs):
        atom_state, bond_state, connectivity = inputs
        source_atom = self.gather([atom_state, connectivity[:, :, 1]])
        messages = self.concat([source_atom, bond_state])
        new_atom_state = self.reduce([messages, connectivity[:, :, 0], atom_state])
        new_atom_state = self.dense1(new_atom_state)
        new_atom_state = self.dense2(new_atom_state)
        if self.dropout > 0.0:
            new_atom_state = self.dropout_layer(new_atom_state)
        return new_atom_state

    def compute_output_shape(self, input_shape):
        return input_shape[0]


def build_model(num_messages=2, features=16):
    atom_input = tf_layers.Input(shape=(12, features), name="atom_state")
    bond_input = tf_layers.Input(shape=(24, features), name="bond_state")
    connectivity = tf_layers.Input(shape=(24, 2), dtype="int32", name="connectivity")
    atom_state, bond_state = atom_input, bond_input
    for _ in range(num_messages):
        new_bond_state = EdgeUpdate()([atom_state, bond_state, connectivity])
        bond_state = tf_layers.Add()([bond_state, new_bond_state])
        new_atom_state = NodeUpdate()([atom_state, bond_state, connectivity])
        atom_state = tf_layers.Add()([atom_state, new_atom_state])
    pooled = tf_layers.GlobalAveragePooling1D()(atom_state)
    prediction = tf_layers.Dense(1)(pooled)
    return tf.keras.Model([atom_input, bond_input, connectivity], prediction)
