"""A Temporal-Fusion-Transformer variable selection network whose `gated_residual_network` creates
its skip-connection `Dense` (and its static-context `Dense`) in `__init__` only under a condition
(`if self.iInputDims != self.iOutputDims`, `if self.bIsWithStaticCovariate is True`), and calls it
in `call()` under the same condition; the per-variable GRNs are kept in a plain list `aGrus`.

From emremidilli/Time-Series-Forecasting (`app_training/task/tsf_model/layers/
temporal_fusion_transformer/variable_selection_network.py` with `gated_residual_network.py` and
`gated_linear_unit.py` of the same folder). Looks like the GRN whose projection Dense is never built
when the widths match (the keras.io GRN/VSN example), and like "sublayers in a plain list" and
"attribute that exists only on some instances". It is correct: the layer is only made when it will
be called, so every per-variable GRN (model_dims -> model_dims) simply has no skip Dense, the
flatten GRN (model_dims * n_vars -> n_vars) has one and builds it, and nothing is left unbuilt.

Porting edits: the three files are put in one module (imports between them dropped);
`build_model()` wires the VSN as the docstring describes on a (None, model_dims=4, n_vars=3)
representation plus an encoded static covariate of width 6 (`bIsWithExternal=True`), and returns
the selected representation and the variable weights.
"""

SOURCE = "https://github.com/emremidilli/Time-Series-Forecasting/blob/a556c22c728a6256657587e419535f4adad5ec6d/app_training/task/tsf_model/layers/temporal_fusion_transformer/variable_selection_network.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/okai_tsforecasting_tft_vsn_skip_dense_created_only_when_dims_differ.py:
as returned: Functional, count_params() = 405, 44 weights, unbuilt: none
after call: count_params() = 405, 44 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 44 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'variable_selection_network': 405, 'gated_residual_network_3': 141, 'gated_linear_unit_3': 24, 'gated_residual_network_2': 88, 'gated_linear_unit_2': 40, 'gated_residual_network_1': 88, 'gated_linear_unit_1': 40, 'gated_residual_network': 88, 'gated_linear_unit': 40}
second call: 0 variables watched that the first call did not use
No warning printed (no "unbuilt state" warning, unlike the keras.io GRN).
Own probe (/tmp/mine31c/probe_tsf.py): `aGrus` is a TrackedList; the three per-variable GRNs have no
`oDenseSkipConnection` attribute at all, the flatten GRN has one and it is built, as is its `oDense_c`;
one fit step (adam, mse on both outputs, 16 rows) changes 44 of 44 trainable weights."""

import tensorflow as tf


class gated_linear_unit(tf.keras.layers.Layer):

    def __init__(self, iFfnUnits, **kwargs):
        super().__init__(**kwargs)

        self.oDense_a = tf.keras.layers.Dense(units=iFfnUnits, activation=None)

        self.oDense_b = tf.keras.layers.Dense(units=iFfnUnits,
                                              activation='sigmoid')
        self.oMultiplier = tf.keras.layers.Multiply()

    def call(self, x):

        b = self.oDense_b(x)

        a = self.oDense_a(x)

        y = self.oMultiplier([a, b])

        return y


class gated_residual_network(tf.keras.layers.Layer):
    def __init__(self,
                 iInputDims,
                 iOutputDims,
                 fDropout,
                 bIsWithStaticCovariate=False):
        super().__init__()
        '''
        Args:
            iInputDims (int): Size of the input.
            iOutputDims (int): Size of the output.
            fDropout (float): Fraction between 0 and 1 corresponding to the
                degree of fDropout used.
            bIsWithStaticCovariate (boolean): Size of the static context
                vector.
        '''

        self.iInputDims = iInputDims
        self.iOutputDims = iOutputDims
        self.fDropout = fDropout
        self.bIsWithStaticCovariate = bIsWithStaticCovariate

        if self.iInputDims != self.iOutputDims:
            self.oDenseSkipConnection = tf.keras.layers.Dense(
                units=self.iOutputDims,
                activation=None)

        # Context vector c
        if self.bIsWithStaticCovariate is True:
            self.oDense_c = tf.keras.layers.Dense(
                units=self.iOutputDims,
                activation=None)

        # Dense & ELU
        self.oDense1 = tf.keras.layers.Dense(
            units=self.iOutputDims,
            activation=None)
        self.oElu = tf.keras.layers.ELU()

        # Dense & Dropout
        self.oDense2 = tf.keras.layers.Dense(self.iOutputDims)
        self.oDropout = tf.keras.layers.Dropout(self.fDropout)

        # Gate, Add & Norm
        self.oGate = gated_linear_unit(self.iOutputDims)
        self.oLayerNorm = tf.keras.layers.LayerNormalization()

    def call(self, inputs):
        x = inputs[0]
        if self.bIsWithStaticCovariate is True:
            c = inputs[1]
        else:
            c = None

        a = x  # a is used for skip connection
        if self.iInputDims != self.iOutputDims:
            a = self.oDenseSkipConnection(a)

        x = self.oDense1(x)

        if c is not None:
            c = self.oDense_c(c)
            x = x + c

        x = self.oElu(x)

        x = self.oDense2(x)

        x = self.oDropout(x)

        x = self.oGate(x)

        x = x + a
        x = self.oLayerNorm(x)

        return x


class variable_selection_network(tf.keras.layers.Layer):
    def __init__(self,
                 iModelDims,
                 iNrOfVariables,
                 fDropout,
                 bIsWithExternal=False):
        super().__init__()

        self.iModelDims = iModelDims
        self.fDropout = fDropout
        self.bIsWithExternal = bIsWithExternal

        self.aGrus = []

        for i in range(iNrOfVariables):
            self.aGrus.append(
                gated_residual_network(
                    iInputDims=iModelDims,
                    iOutputDims=iModelDims,
                    fDropout=  fDropout,
                    bIsWithStaticCovariate=False
                )
            )
            # weights of GRUs are not shared accross each variable.
            # but they are shared accross each time patch.

        self.oFlatten = tf.keras.layers.Flatten()
        self.oGruFlatten = gated_residual_network(
            iInputDims=iModelDims * iNrOfVariables,
            iOutputDims=iNrOfVariables,
            fDropout=fDropout,
            bIsWithStaticCovariate=bIsWithExternal
        )
        self.oSoftmax = tf.keras.layers.Softmax(axis=-1)

    def call(self, inputs):

        x = inputs[0]
        c_s = inputs[1]


        a = self.oFlatten(x)
        v = self.oGruFlatten([a, c_s])

        v = self.oSoftmax(v)
        v = tf.expand_dims(v, 1)


        arr = []
        i = 0
        for oGru in self.aGrus:
            arr.append(oGru([x[:,:,i]]))
            i = i + 1

        b = tf.stack(arr, axis = -1)

        c = b * v
        c = tf.reduce_sum(c, -1)

        return c, v


def build_model():
    x = tf.keras.Input(shape=(4, 3))
    c_s = tf.keras.Input(shape=(6,))
    c, v = variable_selection_network(iModelDims=4, iNrOfVariables=3, fDropout=0.1,
                                      bIsWithExternal=True)([x, c_s])
    return tf.keras.Model([x, c_s], [c, v])
