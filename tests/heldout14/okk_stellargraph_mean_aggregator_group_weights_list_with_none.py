"""stellargraph MeanAggregator: per-group kernels kept in a plain list padded with None, read by index in a helper.

stellargraph's GraphSAGE aggregators compute in build() which input groups are "included" (a group
whose neighbourhood dimension is 0, e.g. the out-neighbours of a DirectedGraphSAGE sampled with 0
out-samples, is skipped), make one kernel per included group with add_weight, and store them as
`w_group = [None] * len(input_shape); ...; self.w_group = w_group`. call() loops over the groups and
the subclass helper `group_aggregate()` reads `self.w_group[group_idx]`. A list of variables with
None holes, assigned after the fact, read outside call() and with compute_output_shape declared looks
like untracked/unbuilt state; on Keras 3 it is fine: add_weight registers every kernel, the bias and
both kernels get gradients, and the skipped group simply has no weight.

Port: `tensorflow.keras` -> `keras`; `K.dot`/`K.mean`/`K.concatenate` -> `keras.ops.matmul`/`mean`/`concatenate`;
get_config and docstrings trimmed; the two-hop GraphSAGE model builder is replaced by a one-layer
directed-aggregation model with 0 out-samples.
"""

SOURCE = "https://github.com/stellargraph/stellargraph/blob/3c2c8c18ab4c5c16660f350d8e23d7dc39e738de/stellargraph/layer/graphsage.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okk_stellargraph_mean_aggregator_group_weights_list_with_none.py:
as returned: Functional, count_params() = 66, 5 weights, unbuilt: none
after call: count_params() = 66, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mean_aggregator': 48}
second call: 0 variables watched that the first call did not use
(48 = bias 8 + weight_g0 5x4 + weight_g1 5x4; the 0-sample out-neighbour group gets no kernel, w_group == [w0, w1, None].)"""

import numpy as np
import keras
from keras import activations, constraints, initializers, ops, regularizers
from keras.layers import Layer


class GraphSAGEAggregator(Layer):

    def __init__(self, output_dim=0, bias=False, act="relu", kernel_initializer="glorot_uniform",
                 kernel_regularizer=None, kernel_constraint=None, bias_initializer="zeros",
                 bias_regularizer=None, bias_constraint=None, **kwargs):
        self.output_dim = output_dim
        self.has_bias = bias
        self.act = activations.get(act)
        super().__init__(**kwargs)

        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_initializer = initializers.get(bias_initializer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias_constraint = constraints.get(bias_constraint)

        # These will be filled in at build time
        self.bias = None
        self.w_self = None
        self.w_group = None
        self.weight_dims = None
        self.included_weight_groups = None

    def calculate_group_sizes(self, input_shape):
        # If the neighbours are zero-dimensional for any of the shapes
        # in the input, do not use the input group in the model.
        self.included_weight_groups = [
            all(dim != 0 for dim in group_shape[1:]) for group_shape in input_shape
        ]

        num_groups = np.sum(self.included_weight_groups)
        if num_groups < 1:
            raise ValueError(
                "There must be at least one input with a non-zero neighbourhood dimension"
            )

        # Calculate the dimensionality of each group, and put remainder into the first group
        group_output_dim = self.output_dim // num_groups
        remainder_dim = self.output_dim - num_groups * group_output_dim
        weight_dims = []
        for g in self.included_weight_groups:
            if g:
                group_dim = group_output_dim + remainder_dim
                remainder_dim = 0
            else:
                group_dim = 0
            weight_dims.append(group_dim)
        self.weight_dims = weight_dims

    def build(self, input_shape):
        if not isinstance(input_shape, list):
            raise ValueError(
                "Expected a list of inputs, not {}".format(type(input_shape).__name__)
            )

        # Configure bias vector, if used.
        if self.has_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=(self.output_dim,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
                trainable=True,
            )

        # Calculate weight size for each input group
        self.calculate_group_sizes(input_shape)

        # Configure weights for input groups, if used.
        w_group = [None] * len(input_shape)
        for ii, g_shape in enumerate(input_shape):
            if self.included_weight_groups[ii]:
                weight = self._build_group_weights(
                    g_shape, self.weight_dims[ii], group_idx=ii
                )
                w_group[ii] = weight
        self.w_group = w_group

        # Signal that the build has completed.
        super().build(input_shape)

    def _build_group_weights(self, in_shape, out_size, group_idx=0):
        weight = self.add_weight(
            shape=(int(in_shape[-1]), out_size),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
            trainable=True,
            name=f"weight_g{group_idx}",
        )
        return weight

    def call(self, inputs, **kwargs):
        sources = []
        for ii, x in enumerate(inputs):
            # If the group is included, apply aggregation and collect the output tensor
            # otherwise, this group is ignored
            if self.included_weight_groups[ii]:
                x_agg = self.group_aggregate(x, group_idx=ii)
                sources.append(x_agg)

        # Concatenate outputs from all groups
        h_out = ops.concatenate(sources, axis=2)

        # Optionally add bias
        if self.has_bias:
            h_out = h_out + self.bias

        # Finally, apply activation
        return self.act(h_out)

    def compute_output_shape(self, input_shape):
        return input_shape[0][0], input_shape[0][1], self.output_dim

    def group_aggregate(self, x_neigh, group_idx=0):
        raise NotImplementedError(
            "The GraphSAGEAggregator base class should not be directly instantiated"
        )


class MeanAggregator(GraphSAGEAggregator):

    def group_aggregate(self, x_group, group_idx=0):
        # The first group is assumed to be the self-tensor and we do not aggregate over it
        if group_idx == 0:
            x_agg = x_group
        else:
            x_agg = ops.mean(x_group, axis=2)

        return ops.matmul(x_agg, self.w_group[group_idx])


def build_model(n_feat=5, in_samples=3, out_samples=0, output_dim=8):
    """Directed one-hop aggregation: head node, its sampled in-neighbours, and 0 out-neighbours (a skipped group)."""
    x_self = keras.Input(shape=(1, n_feat), name="head")
    x_in = keras.Input(shape=(1, in_samples, n_feat), name="in_neighbours")
    x_out = keras.Input(shape=(1, out_samples, n_feat), name="out_neighbours")
    h = MeanAggregator(output_dim, bias=True, act="relu")([x_self, x_in, x_out])
    h = keras.layers.Reshape((output_dim,))(h)
    out = keras.layers.Dense(2, activation="softmax")(h)
    return keras.Model([x_self, x_in, x_out], out)
