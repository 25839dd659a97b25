"""A Dense subclass for many fit replicas stores a lambda that closes over its own kernel (correct).

n3fit (NNPDF) extends `keras.layers.Dense` into `MultiDense`: one stacked kernel of shape
(replicas, in, units) created with `add_weight` in an overriding `build()` that never calls
`super().build()`, a custom `MultiInitializer` that stacks per-replica seeded initialisers, and a
`self.matmul` attribute that is a lambda (or an einsum closure) capturing `self.kernel`. The
PR ported the layer to Keras 3 ("we are extending (and exploiting) the internals of their layer").
It looks like closure-captured state, but the closure reads the tracked variable at call time:
every weight is counted and gets a gradient.
"""

SOURCE = "https://github.com/NNPDF/nnpdf/pull/2042"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py oki_nnpdf_multidense_matmul_closure.py:
as returned: Functional, count_params() = 2289, 6 weights, unbuilt: none
after call: count_params() = 2289, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'multi_dense_0': 225, 'multi_dense_1': 1560, 'multi_dense_2': 504}
second call: 0 variables watched that the first call did not use"""

from typing import List

import keras
from keras import ops
from keras.initializers import Initializer
from keras.layers import Dense


class MultiInitializer(Initializer):
    """Stacks `len(replica_seeds)` single-replica initialisations along axis 0."""

    def __init__(self, single_initializer: Initializer, replica_seeds: List[int]):
        self.initializer_class = type(single_initializer)
        self.initializer_config = single_initializer.get_config()
        self.base_seed = single_initializer.seed if hasattr(single_initializer, "seed") else None
        self.replica_seeds = replica_seeds

    def __call__(self, shape, dtype=None, **kwargs):
        shape = shape[1:]  # remove the replica axis
        per_replica_weights = []
        for replica_seed in self.replica_seeds:
            if self.base_seed is not None:
                self.initializer_config["seed"] = self.base_seed + replica_seed
            single_initializer = self.initializer_class.from_config(self.initializer_config)
            per_replica_weights.append(single_initializer(shape, dtype, **kwargs))
        return ops.stack(per_replica_weights, axis=0)

    def get_config(self):
        return {"replica_seeds": self.replica_seeds}


class MultiDense(Dense):
    """Dense layer for multiple replicas at once.

    Input (batch, replicas, grid, features) when `replica_input`, else (batch, grid, features);
    output (batch, replicas, grid, units).
    """

    def __init__(self, replica_seeds: List[int], kernel_initializer: Initializer,
                 replica_input: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.replicas = len(replica_seeds)
        self.replica_seeds = replica_seeds
        self.kernel_initializer = MultiInitializer(
            single_initializer=kernel_initializer, replica_seeds=replica_seeds
        )
        self.bias_initializer = MultiInitializer(
            single_initializer=self.bias_initializer, replica_seeds=replica_seeds
        )
        self.replica_input = replica_input
        self.matmul = None

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self._kernel = self.add_weight(
            name="kernel",
            shape=(self.replicas, input_dim, self.units),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=(self.replicas, 1, self.units),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.bias = None
        self.built = True

        # tensordot for numerical stability with a single replica, einsum otherwise
        if self.replicas == 1:
            matmul = lambda inputs: ops.tensordot(inputs, self.kernel[0], [[-1], [0]])
            if self.replica_input:
                self.matmul = matmul
            else:
                self.matmul = lambda x: ops.expand_dims(matmul(x), axis=1)
        else:
            einrule = "brnf,rfg->brng" if self.replica_input else "bnf,rfg->brng"
            self.matmul = lambda inputs: ops.einsum(einrule, inputs, self.kernel)

    def call(self, inputs):
        inputs = ops.cast(inputs, self.compute_dtype)
        outputs = self.matmul(inputs)
        if self.use_bias:
            outputs = outputs + self.bias
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = list(input_shape)
        if self.replica_input:
            input_shape = input_shape[:1] + input_shape[2:]
        output_shape = input_shape[:-1] + [self.units]
        return tuple(output_shape[:1] + [self.replicas] + output_shape[1:])

    def get_config(self):
        config = super().get_config()
        config.update({"replica_input": self.replica_input, "replica_seeds": self.replica_seeds})
        return config


def generate_dense_network(nodes_in, nodes, activations, replica_seeds, initializer_name="glorot_normal"):
    """n3fit-style factory: first layer has no replica axis yet."""
    x = keras.Input(shape=(None, nodes_in), name="xgrid")
    out = x
    for i, (units, activation) in enumerate(zip(nodes, activations)):
        init = keras.initializers.get({"class_name": initializer_name, "config": {"seed": 13}})
        out = MultiDense(
            units=units,
            activation=activation,
            replica_seeds=replica_seeds,
            kernel_initializer=init,
            replica_input=(i != 0),
            name=f"multi_dense_{i}",
        )(out)
    return keras.Model(x, out, name="pdf_nn")


def build_model():
    return generate_dense_network(2, [25, 20, 8], ["tanh", "tanh", "linear"], replica_seeds=[0, 1, 2])
