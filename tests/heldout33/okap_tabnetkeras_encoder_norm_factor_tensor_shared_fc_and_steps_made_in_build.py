"""A Keras TabNet encoder keeps `self.norm_factor = tf.math.sqrt(tf.constant(0.5))` on each feature
transformer, hands the same shared `Dense` layers to every step's GLU blocks, and creates its per-step
transformers inside `build()`: all of it is tracked and trained on Keras 3 (the tensor is a constant,
not a weight).

From OKUA1/tabnet-keras (`tabnet_keras/encoder.py`, `feature_transformer.py`, `glu.py`,
`attentive_transformer.py`, `split.py` at the commit cited), a tf.keras TabNet. `TabNetEncoder.__init__`
makes an initial BatchNormalization, a list of `n_shared_glus` bias-free Dense layers, the step-0
`FeatureTransformer` and a `Split` layer; `build(input_shape)` makes one `FeatureTransformer` and one
`AttentiveTransformer` per decision step (appended to lists created there), each feature transformer
receiving the same `shared_glu_fc_layers` list, so the shared Dense layers are reused by n_steps + 1
GLU blocks (TabNet's shared feature-transformer part). `FeatureTransformer.__init__` stores the
residual scale `sqrt(0.5)` as a raw tensor and its `build()` only sets a Python flag.

Why it looks buggy: a raw `tf.constant` tensor on `self` in `__init__` (LD001's pattern), sublayers
made in `build()` and a layer list passed between layers (LD005/LD011-like), one Dense instance used by
several GLU blocks (LD007, info only). Measured: every GLU's Dense and BatchNorm and every step's
attentive Dense/BatchNorm is counted and gets a gradient; the shared Dense layers are counted once.

Porting edits: `mask_type="softmax"` is used (an option the author offers) so the repository's
`sparsemax` helper module is not needed; GhostBatch1DNormalization is not used
(`virtual_batch_splits=None`, the default). `build_model()` wires `TabNetEncoder(decision_dim=4,
attention_dim=4, n_steps=2)` on 10 numeric features, followed by a Dense(1) head, functionally.
"""

SOURCE = "https://github.com/OKUA1/tabnet-keras/blob/87e6fcee04520595546d320787f73954cf50195a/tabnet_keras/encoder.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine33/ap/okap_tabnetkeras_encoder_norm_factor_tensor_shared_fc_and_steps_made_in_build.py:
as returned: Functional, count_params() = 2029, 72 weights, unbuilt: none
after call: count_params() = 2029, 42 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 42 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tab_net_encoder': 2024, 'AttentiveTransformer_Step_2': 80, 'FeatureTransformer_Step_2': 800, 'glu_layer_11': 192, 'glu_layer_10': 192, 'glu_layer_9': 192, 'glu_layer_8': 224, 'AttentiveTransformer_Step_1': 80, 'FeatureTransformer_Step_1': 800, 'glu_layer_7': 192, 'glu_layer_6': 192, 'glu_layer_5': 192, 'glu_layer_4': 224, 'split': 0, 'FeatureTransformer_Step_0': 800, 'glu_layer_3': 192, 'glu_layer_2': 192, 'glu_layer_1': 192, 'glu_layer': 224}
second call: 0 variables watched that the first call did not use
2024 = shared GLU Dense layers 160 + 128 (counted once though used by the GLU blocks of all 3 feature transformers) + 12 GLU BatchNorms 768 + 6 step-dependent Dense 768 + 2 attentive transformers 160 + initial BN 40; norm_factor is a constant scalar, not a weight; no untracked variable, no None gradient."""

from typing import List, Optional

import tensorflow as tf
import keras


class GLULayer(tf.keras.layers.Layer):
    def __init__(self, units: int = 16, fc_layer: Optional[tf.keras.layers.Dense] = None,
                 momentum: float = 0.98, virtual_batch_splits: Optional[int] = None, **kwargs):
        super(GLULayer, self).__init__(**kwargs)
        self.units = units
        self.momentum = momentum

        if fc_layer:
            self.fc = fc_layer
        else:
            self.fc = tf.keras.layers.Dense(self.units*2, use_bias=False)

        self.bn = tf.keras.layers.BatchNormalization(momentum=self.momentum)

    def call(self, inputs, training=None):
        x = self.fc(inputs)
        x = self.bn(x, training=training)
        x = tf.math.multiply(x[:, :self.units], tf.nn.sigmoid(x[:, self.units:]))
        return x


class FeatureTransformer(tf.keras.layers.Layer):
    def __init__(self, n_dependent_glus: int = 2,
                 shared_glu_fc_layers: Optional[List[tf.keras.layers.Dense]] = None,
                 units: int = 16, virtual_batch_splits: Optional[int] = None,
                 momentum: float = 0.98, **kwargs):
        super(FeatureTransformer, self).__init__(**kwargs)
        n_glu_layers = (len(shared_glu_fc_layers) if shared_glu_fc_layers else 0) + n_dependent_glus
        if n_glu_layers <= 0:
            raise ValueError("Invalid Argument: Total number of GLU layers in the feature transformer"
            " should be greater than 0.")

        self.units = units
        self.norm_factor = tf.math.sqrt(tf.constant(0.5))

        self.glu_layers = list()
        for i in range(n_glu_layers):
            fc_layer = None
            if shared_glu_fc_layers:
                if i < len(shared_glu_fc_layers):
                    fc_layer = shared_glu_fc_layers[i]

            glu_layer = GLULayer(
                units=self.units,
                fc_layer=fc_layer,
                virtual_batch_splits=virtual_batch_splits,
                momentum=momentum,
            )
            self.glu_layers.append(glu_layer)

    def build(self, input_shape):
        if input_shape[-1] != self.units:
            self.omit_first_residual = True
        else:
            self.omit_first_residual = False

    def call(self, inputs, training=None):
        for i, glu_layer in enumerate(self.glu_layers):
            x = glu_layer(inputs, training=training)
            if self.omit_first_residual and (i == 0):
                inputs = x
            else:
                x = tf.math.multiply(self.norm_factor, tf.math.add(inputs, x))
                inputs = x
        return x


class AttentiveTransformer(tf.keras.layers.Layer):
    def __init__(self, units: int, n_steps: int = 3, epsilon: float = 1e-15,
                 lambda_sparse: float = 1e-3, virtual_batch_splits: Optional[int] = None,
                 momentum: float = 0.98, mask_type: str = "sparsemax", **kwargs):
        super(AttentiveTransformer, self).__init__(**kwargs)
        self.n_steps = n_steps
        self.epsilon = epsilon
        self.lambda_sparse = lambda_sparse

        self.fc = tf.keras.layers.Dense(units, use_bias=False)
        self.bn = tf.keras.layers.BatchNormalization(momentum=momentum)

        if mask_type == "softmax":
            self.sparse_activation = tf.nn.softmax
        else:
            raise NotImplementedError(
                "Available options for mask_type: {'sparsemax', 'softmax', ...}"
            )

    def call(self, inputs, prior, training=None):
        x = self.fc(inputs)
        x = self.bn(x, training=training)
        x = tf.multiply(prior, x)
        x = self.sparse_activation(x, axis=-1)

        sparsity_reg_loss = tf.reduce_mean(
            tf.reduce_sum(tf.multiply(-x, tf.math.log(x+self.epsilon)), axis=-1)
        )
        sparsity_reg_loss /= self.n_steps
        self.add_loss(self.lambda_sparse*sparsity_reg_loss)
        return x


class Split(tf.keras.layers.Layer):
    def __init__(self, split_dim: int = 8, **kwargs):
        super(Split, self).__init__(**kwargs)
        self.split_dim = split_dim

    def call(self, inputs):
        return inputs[:, :self.split_dim], inputs[:, self.split_dim:]


class TabNetEncoder(tf.keras.layers.Layer):
    def __init__(self, decision_dim: int = 8, attention_dim: int = 8, n_steps: int = 3,
                 n_shared_glus: int = 2, n_dependent_glus: int = 2, relaxation_factor: float = 1.3,
                 epsilon: float = 1e-15, virtual_batch_splits: Optional[int] = None,
                 momentum: float = 0.98, mask_type: str = "sparsemax", lambda_sparse: float = 1e-3,
                 **kwargs):
        super(TabNetEncoder, self).__init__(**kwargs)
        self.decision_dim = decision_dim
        self.n_steps = n_steps
        self.n_dependent_glus = n_dependent_glus
        self.relaxation_factor = relaxation_factor
        self.epsilon = epsilon
        self.virtual_batch_splits = virtual_batch_splits
        self.momentum = momentum
        self.mask_type = mask_type
        self.lambda_sparse = lambda_sparse

        # plain batch normalization
        self.initial_bn = tf.keras.layers.BatchNormalization(momentum=self.momentum)

        # shared glu layers
        self.glu_dim = decision_dim + attention_dim
        self.shared_glu_fc_layers = list()
        for _ in range(n_shared_glus):
            self.shared_glu_fc_layers.append(tf.keras.layers.Dense(units=self.glu_dim*2, use_bias=False))

        # initial feature transformer
        self.initial_feature_transformer = FeatureTransformer(
            n_dependent_glus=self.n_dependent_glus,
            shared_glu_fc_layers=self.shared_glu_fc_layers,
            units=self.glu_dim,
            virtual_batch_splits=self.virtual_batch_splits,
            momentum=self.momentum,
            name="FeatureTransformer_Step_0",
        )

        # split layer
        self.split_layer = Split(split_dim=decision_dim)

    def build(self, input_shape):
        feature_dim = input_shape[-1]

        # feature and attentive transformers for each step
        self.step_feature_transformers = list()
        self.step_attentive_transformers = list()
        for step in range(self.n_steps):
            feature_transformer = FeatureTransformer(
                n_dependent_glus=self.n_dependent_glus,
                shared_glu_fc_layers=self.shared_glu_fc_layers,
                units=self.glu_dim,
                virtual_batch_splits=self.virtual_batch_splits,
                momentum=self.momentum,
                name=f"FeatureTransformer_Step_{(step+1)}",
            )
            attentive_transformer = AttentiveTransformer(
                units=feature_dim,
                n_steps=self.n_steps,
                epsilon=self.epsilon,
                lambda_sparse=self.lambda_sparse,
                virtual_batch_splits=self.virtual_batch_splits,
                momentum=self.momentum,
                mask_type=self.mask_type,
                name=f"AttentiveTransformer_Step_{(step+1)}",
            )
            self.step_feature_transformers.append(feature_transformer)
            self.step_attentive_transformers.append(attentive_transformer)

    def call(self, inputs, prior=None, training=None):
        batch_size = tf.shape(inputs)[0]
        step_output_aggregate = tf.zeros((batch_size, self.decision_dim))

        if prior is None:
            prior = tf.ones_like(inputs)

        x = self.initial_bn(inputs, training=training)
        x_proc = self.initial_feature_transformer(x, training=training)
        _, x_a = self.split_layer(x_proc)

        for step in range(self.n_steps):
            mask = self.step_attentive_transformers[step](x_a, prior=prior, training=training)
            masked_x = tf.multiply(mask, x)
            x_proc = self.step_feature_transformers[step](masked_x, training=training)
            x_d, x_a = self.split_layer(x_proc)
            step_output = tf.keras.activations.relu(x_d)
            step_output_aggregate += step_output
            prior = tf.multiply(self.relaxation_factor - mask, prior)

        return step_output_aggregate


def build_model():
    inputs = keras.Input(shape=(10,), name="features")
    encoded = TabNetEncoder(decision_dim=4, attention_dim=4, n_steps=2, mask_type="softmax")(inputs)
    outputs = keras.layers.Dense(1, name="head")(encoded)
    return keras.Model(inputs, outputs, name="tabnet")
