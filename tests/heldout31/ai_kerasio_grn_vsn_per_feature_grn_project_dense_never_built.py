"""keras.io's "Classification with Gated Residual and Variable Selection Networks": every
`GatedResidualNetwork` makes a `project = Dense(units)` in `__init__` but calls it only
`if inputs.shape[-1] != self.units`; the per-feature GRNs of `VariableSelection` always receive
`units`-wide encodings, so their `project` Dense is never called and never built.

From keras-team/keras-io (`examples/structured_data/classification_with_grn_and_vsn.py`, the
multi-backend Keras 3 port). The GRN has no `build()`, so nothing builds `project` when the width
matches: on Keras 3 each of the per-feature GRNs ends with an unbuilt `Dense` (0 params, "unbuilt"
in the summary) and Keras warns, once per GRN, that `build()` was called on a layer "that looks like
it has unbuilt state". Only the concatenation GRN (input width 4 features x units) builds its
projection. The rest of the layer looks suspicious but is fine on Keras 3: per-feature `Embedding`s
and projection `Dense`s in plain dicts keyed by feature name, GRNs in a plain list, and a
`build(self)` whose only statement is `self.built = True` -- all tracked, built by their first call
and trained.

Porting edits: the census CSV download and `tf.data` pipeline are dropped; the module-level
metadata (`NUMERIC_FEATURE_NAMES`, `CATEGORICAL_FEATURES_WITH_VOCABULARY`) is a hand-made table of
two numeric and two categorical features with 3- and 4-word vocabularies; `encoding_size=4`; only
the TensorFlow branch of the author's backend switch is kept (the jax/torch branches removed).
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/0da607c902e146eeab43f9150fa5d0663963208d/examples/structured_data/classification_with_grn_and_vsn.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/ai_kerasio_grn_vsn_per_feature_grn_project_dense_never_built.py:
warning: `build()` was called on layer 'gated_residual_network', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. [...]
(the same warning for gated_residual_network_1, _2 and _3: the four per-feature GRNs)
as returned: Functional, count_params() = 625, 62 weights, unbuilt: ['Dense:dense_21', 'Dense:dense_16', 'Dense:dense_11', 'Dense:dense_6']
call 1 raised ValueError: Exception encountered when calling Functional.call().
(the measuring script feeds the dict-input model a list of shape-(2,) arrays; not the author's way)
Own probe (/tmp/mine31c/probe_vsn.py, the model called on a dict of 8-row features, as the example's
dataset yields): output (8, 1); count_params() == 625; no None gradient among the 62 trainable
weights; the tape watched no untracked variable; `embeddings` is a TrackedDict, `grns` a TrackedList;
`[g.project.built for g in vs.grns] == [False, False, False, False]` while `grn_concat.project.built`
is True; one fit step changes 62 of 62 weights; save_weights/load_weights round-trip works (the
unbuilt projections hold nothing)."""

import keras
from keras import layers
import tensorflow as tf

NUMERIC_FEATURE_NAMES = ["age", "wage_per_hour"]
CATEGORICAL_FEATURES_WITH_VOCABULARY = {
    "education": ["v=Bachelors", "v=HS-grad", "v=Masters"],
    "marital_stat": ["v=Divorced", "v=Married", "v=Never married", "v=Widowed"],
}
FEATURE_NAMES = NUMERIC_FEATURE_NAMES + list(CATEGORICAL_FEATURES_WITH_VOCABULARY.keys())

dropout_rate = 0.15
encoding_size = 4


def create_model_inputs():
    inputs = {}
    for feature_name in FEATURE_NAMES:
        if feature_name in CATEGORICAL_FEATURES_WITH_VOCABULARY:
            # Make them int64, they are Categorical (whole units)
            inputs[feature_name] = layers.Input(
                name=feature_name, shape=(), dtype="int64"
            )
        else:
            # Make them float32, they are Real numbers
            inputs[feature_name] = layers.Input(
                name=feature_name, shape=(), dtype="float32"
            )
    return inputs


class GatedLinearUnit(layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.linear = layers.Dense(units)
        self.sigmoid = layers.Dense(units, activation="sigmoid")

    def call(self, inputs):
        return self.linear(inputs) * self.sigmoid(inputs)


class GatedResidualNetwork(layers.Layer):
    def __init__(self, units, dropout_rate):
        super().__init__()
        self.units = units
        self.elu_dense = layers.Dense(units, activation="elu")
        self.linear_dense = layers.Dense(units)
        self.dropout = layers.Dropout(dropout_rate)
        self.gated_linear_unit = GatedLinearUnit(units)
        self.layer_norm = layers.LayerNormalization()
        self.project = layers.Dense(units)

    def call(self, inputs):
        x = self.elu_dense(inputs)
        x = self.linear_dense(x)
        x = self.dropout(x)
        if inputs.shape[-1] != self.units:
            inputs = self.project(inputs)
        x = inputs + self.gated_linear_unit(x)
        x = self.layer_norm(x)
        return x


class VariableSelection(layers.Layer):
    def __init__(self, num_features, units, dropout_rate):
        super().__init__()
        self.units = units
        # Create an embedding layers with the specified dimensions
        self.embeddings = dict()
        for input_ in CATEGORICAL_FEATURES_WITH_VOCABULARY:
            vocabulary = CATEGORICAL_FEATURES_WITH_VOCABULARY[input_]
            embedding_encoder = layers.Embedding(
                input_dim=len(vocabulary), output_dim=self.units, name=input_
            )
            self.embeddings[input_] = embedding_encoder

        # Projection layers for numeric features
        self.proj_layer = dict()
        for input_ in NUMERIC_FEATURE_NAMES:
            proj_layer = layers.Dense(units=self.units)
            self.proj_layer[input_] = proj_layer

        self.grns = list()
        # Create a GRN for each feature independently
        for idx in range(num_features):
            grn = GatedResidualNetwork(units, dropout_rate)
            self.grns.append(grn)
        # Create a GRN for the concatenation of all the features
        self.grn_concat = GatedResidualNetwork(units, dropout_rate)
        self.softmax = layers.Dense(units=num_features, activation="softmax")

    def call(self, inputs):
        concat_inputs = []
        for input_ in inputs:
            if input_ in CATEGORICAL_FEATURES_WITH_VOCABULARY:
                max_index = self.embeddings[input_].input_dim - 1  # Clamp the indices
                # torch had some index errors during embedding hence the clip function
                embedded_feature = self.embeddings[input_](
                    keras.ops.clip(inputs[input_], 0, max_index)
                )
                concat_inputs.append(embedded_feature)
            else:
                # Project the numeric feature to encoding_size using linear transformation.
                proj_feature = keras.ops.expand_dims(inputs[input_], -1)
                proj_feature = self.proj_layer[input_](proj_feature)
                concat_inputs.append(proj_feature)

        v = layers.concatenate(concat_inputs)
        v = self.grn_concat(v)
        v = keras.ops.expand_dims(self.softmax(v), axis=-1)
        x = []
        for idx, input in enumerate(concat_inputs):
            x.append(self.grns[idx](input))
        x = keras.ops.stack(x, axis=1)

        # tensorflow backend
        if keras.backend.backend() == "tensorflow":
            result_tf = keras.ops.squeeze(tf.matmul(v, x, transpose_a=True), axis=1)
            return result_tf

    # to remove the build warnings
    def build(self):
        self.built = True


def create_model(encoding_size):
    inputs = create_model_inputs()
    num_features = len(inputs)
    features = VariableSelection(num_features, encoding_size, dropout_rate)(inputs)
    outputs = layers.Dense(units=1, activation="sigmoid")(features)
    # Functional model
    model = keras.Model(inputs=inputs, outputs=outputs)
    return model


def build_model():
    return create_model(encoding_size)
