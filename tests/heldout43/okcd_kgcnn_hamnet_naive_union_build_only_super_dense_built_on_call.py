"""kgcnn's `HamNetNaiveUnion` (the "naive" node/edge update of HamNet, a molecular graph network for property prediction, in the Keras 3 version of the kgcnn GNN library) creates its `Dense` and `Concatenate` sublayers in `__init__` and overrides `build()` with nothing but `super().build(input_shape)`: the build never builds the Dense, but `call()` always runs it, so Keras 3 builds it on the first (symbolic) call and the layer is fully built, tracked and trained. A look-alike of LD005: a custom `build()` that does not build the sublayer is fine when `call()` uses it.

From aimat-lab/gcnn_keras (kgcnn 4, Keras 3), `kgcnn/literature/HamNet/_layers.py` (`HamNetNaiveUnion`), used by
`kgcnn/literature/HamNet/_model.py` when `union_type_node == "naive"`: `n = HamNetNaiveUnion(units=gru_kwargs["units"])([n,
nu])` after the initial `Dense(units, activation="tanh")` on the node features. Its default activation
`"kgcnn>leaky_relu2"` is the function registered in `kgcnn/ops/activ.py`.

Porting edits: the class is unchanged; `leaky_relu2` is copied from `kgcnn/ops/activ.py` (registered the same way) so
the default activation resolves without installing kgcnn. build_model() wires the node-update step of `_model.py`
for one message-passing round in the disjoint representation kgcnn uses (node features `([N], F)`): the initial
`Dense(64, activation="tanh")` on 32 node features, and the union of `n` with a 64-wide message `nu` given as a
second input (the `HamNaiveDynMessage` layer that computes it needs coordinates and edge indices and is left out).
"""

SOURCE = "https://github.com/aimat-lab/gcnn_keras/blob/ab2a914301e2ff3fe2d231153e4f8b785fc9996a/kgcnn/literature/HamNet/_layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcd_kgcnn_hamnet_naive_union_build_only_super_dense_built_on_call.py:
as returned: Functional, count_params() = 10368, 4 weights, unbuilt: none
after call: count_params() = 10368, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ham_net_naive_union': 8256}
second call: 0 variables watched that the first call did not use
HamNetNaiveUnion holds 8,256 params = Dense on the 128-wide concatenation (128*64 + 64): its build() only calls super().build(), the Dense is built by the first call and gets a gradient."""

import keras as ks
from keras.layers import Layer, Dense, Concatenate


# kgcnn/ops/activ.py
@ks.saving.register_keras_serializable(package='kgcnn', name='leaky_relu2')
def leaky_relu2(x, alpha: float = 0.05):
    r"""Leaky RELU activation function."""
    return ks.activations.leaky_relu(x, negative_slope=alpha)


class HamNetNaiveUnion(Layer):
    r"""Simple union that concatenates a feature tensor :math:`\mathbf{x}` and its updates :math:`\mathbf{x}_u`
    and applies a fully connected dense layer,
    i.e. a linear transformation with weights :math:`\mathbf{W}^{\top}`, :math:`\mathbf{b}` plus activation
    :math:`\sigma`.

    .. math::

        \mathbf{x}^{\prime} = \sigma \left[ \left( \mathbf{x} \; || \; \mathbf{x}_u \right) \mathbf{W}^{\top} +
        \mathbf{b} \right]

    """
    def __init__(self,
                 units: int,
                 activation="kgcnn>leaky_relu2",
                 use_bias: bool = True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        r"""Initialize layer with arguments of :obj:`ks.layers.Dense`.

        Args:
            units (int): Positive integer, dimensionality of the output space.
            activation: Activation function to use.
                If you don't specify anything, no activation is applied
                (ie. "linear" activation: `a(x) = x`). Default is "kgcnn>leaky_relu2".
            use_bias (bool): Boolean, whether the layer uses a bias vector. Default is True.
            kernel_initializer: Initializer for the `kernel` weights matrix. Default is "glorot_uniform".
            bias_initializer: Initializer for the bias vector. Default is "zeros".
            kernel_regularizer: Regularizer function applied to
                the `kernel` weights matrix. Default is None.
            bias_regularizer: Regularizer function applied to the bias vector. Default is None.
            activity_regularizer: Regularizer function applied to
                the output of the layer (its "activation"). Default is None.
            kernel_constraint: Constraint function applied to
                the `kernel` weights matrix. Default is None.
            bias_constraint: Constraint function applied to the bias vector. Default is None.
        """
        super(HamNetNaiveUnion, self).__init__(**kwargs)
        # Changes in keras serialization behaviour for activations in 3.0.2.
        # Keep string at least for default. Also renames to prevent clashes with keras leaky_relu.
        if activation in ["kgcnn>leaky_relu", "kgcnn>leaky_relu2"]:
            activation = {"class_name": "function", "config": "kgcnn>leaky_relu2"}
        self.units = int(units)
        self.use_bias = use_bias
        kernel_args = {"kernel_regularizer": kernel_regularizer,
                       "activity_regularizer": activity_regularizer, "bias_regularizer": bias_regularizer,
                       "kernel_constraint": kernel_constraint, "bias_constraint": bias_constraint,
                       "kernel_initializer": kernel_initializer, "bias_initializer": bias_initializer}
        self.lay_dense = Dense(units=units, activation=activation, use_bias=use_bias, **kernel_args)
        self.lay_concat = Concatenate()

    def build(self, input_shape):
        """Build layer."""
        super(HamNetNaiveUnion, self).build(input_shape)

    def call(self, inputs, **kwargs):
        """Forward pass.

        Args:
            inputs (list): [nodes, node_updates]

                - nodes (Tensor): Node features of shape `([N], F)`
                - node_updates (Tensor): Node features of shape `([N], F)`

        Returns:
            Tensor: Embedding tensor of updated node features of shape `([N], F)`.
        """
        n, nu = inputs
        nnu = self.lay_concat([n, nu], **kwargs)
        n_out = self.lay_dense(nnu, **kwargs)
        return n_out

    def get_config(self):
        """Update layer config."""
        config = super(HamNetNaiveUnion, self).get_config()
        config.update({"units": self.units, "use_bias": self.use_bias})
        conf_dense = self.lay_dense.get_config()
        for x in ["kernel_regularizer", "activity_regularizer", "bias_regularizer", "kernel_constraint",
                  "bias_constraint", "kernel_initializer", "bias_initializer", "use_bias", "activation"]:
            if x in conf_dense.keys():
                config.update({x: conf_dense[x]})
        return config




def build_model():
    n_in = ks.Input(shape=(32,), name="node_attributes")
    nu = ks.Input(shape=(64,), name="node_messages")
    # kgcnn/literature/HamNet/_model.py: initialization, then the naive node union
    n = Dense(units=64, activation="tanh")(n_in)
    n = HamNetNaiveUnion(units=64)([n, nu])
    return ks.Model([n_in, nu], n)
