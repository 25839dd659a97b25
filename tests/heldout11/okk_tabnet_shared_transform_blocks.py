"""tf-TabNet: two TransformBlocks shared by every decision step, the rest held in per-step lists.

The issue asks whether the feature transformer is wrong: `transform_f1`/`transform_f2` are single
`TransformBlock` models called in every decision step (shared weights, as the paper intends for the
first two blocks), while `transform_f3_list`, `transform_f4_list` and `transform_coef_list` are
plain Python lists of blocks indexed by the step inside a Python loop in `call()`. It looks like
weights could be lost (blocks in lists, reuse across steps, masks stored on self during call), but on
Keras 3 every block is tracked, built and trained; the shared blocks are counted once.
"""

SOURCE = "https://github.com/titu1994/tf-TabNet/issues/7"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py okk_tabnet_shared_transform_blocks.py:
as returned: TabNetClassifier, count_params() = 1332, 31 weights, unbuilt: none
after call: count_params() = 1332, 31 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 31 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tab_net': 1320, 'transform_block_9': 36, 'transform_block_8': 36, 'transform_block_7': 160, 'transform_block_6': 160, 'transform_block_5': 160, 'transform_block_4': 160, 'transform_block_3': 160, 'transform_block_2': 160, 'transform_block_1': 160, 'transform_block': 128}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf


def glu(x, n_units=None):
    """Generalized linear unit nonlinear activation."""
    if n_units is None:
        n_units = tf.shape(x)[-1] // 2
    return x[..., :n_units] * tf.nn.sigmoid(x[..., n_units:])


def sparsemax(logits, axis=-1):
    """Sparsemax (Martins & Astudillo 2016), last axis only."""
    logits = tf.convert_to_tensor(logits)
    dims = tf.shape(logits)[-1]
    z = logits - tf.reduce_mean(logits, axis=-1, keepdims=True)
    z_sorted = tf.sort(z, axis=-1, direction="DESCENDING")
    z_cumsum = tf.cumsum(z_sorted, axis=-1)
    k = tf.range(1, tf.cast(dims, logits.dtype) + 1, dtype=logits.dtype)
    z_check = 1 + k * z_sorted > z_cumsum
    k_z = tf.reduce_sum(tf.cast(z_check, tf.int32), axis=-1, keepdims=True)
    tau_sum = tf.gather(z_cumsum, k_z - 1, batch_dims=1)
    tau = (tau_sum - 1) / tf.cast(k_z, logits.dtype)
    return tf.maximum(tf.cast(0, logits.dtype), z - tau)


class TransformBlock(tf.keras.Model):

    def __init__(self, features, norm_type, momentum=0.9, virtual_batch_size=None, groups=2,
                 block_name="", **kwargs):
        super(TransformBlock, self).__init__(**kwargs)
        self.features = features
        self.norm_type = norm_type
        self.momentum = momentum
        self.groups = groups
        self.virtual_batch_size = virtual_batch_size

        self.transform = tf.keras.layers.Dense(self.features, use_bias=False,
                                               name=f"transformblock_dense_{block_name}")
        if norm_type == "batch":
            self.bn = tf.keras.layers.BatchNormalization(axis=-1, momentum=momentum,
                                                         name=f"transformblock_bn_{block_name}")
        else:
            self.bn = tf.keras.layers.GroupNormalization(axis=-1, groups=self.groups,
                                                         name=f"transformblock_gn_{block_name}")

    def call(self, inputs, training=None):
        x = self.transform(inputs)
        x = self.bn(x, training=training)
        return x


class TabNet(tf.keras.Model):

    def __init__(self, feature_columns=None, feature_dim=8, output_dim=4, num_features=None,
                 num_decision_steps=3, relaxation_factor=1.5, sparsity_coefficient=1e-5,
                 norm_type="group", batch_momentum=0.98, virtual_batch_size=None, num_groups=2,
                 epsilon=1e-5, **kwargs):
        super(TabNet, self).__init__(**kwargs)
        if feature_columns is None and num_features is None:
            raise ValueError("If `feature_columns` is None, then `num_features` cannot be None.")
        if norm_type not in ["batch", "group"]:
            raise ValueError("`norm_type` must be either `batch` or `group`")

        self.feature_columns = feature_columns
        self.num_features = int(num_features)
        self.feature_dim = int(feature_dim)
        self.output_dim = int(output_dim)
        self.num_decision_steps = int(num_decision_steps)
        self.relaxation_factor = float(relaxation_factor)
        self.sparsity_coefficient = float(sparsity_coefficient)
        self.norm_type = norm_type
        self.batch_momentum = float(batch_momentum)
        self.virtual_batch_size = virtual_batch_size
        self.num_groups = max(1, int(num_groups))
        self.epsilon = float(epsilon)
        self.input_features = None
        self.input_bn = None

        self.transform_f1 = TransformBlock(2 * self.feature_dim, self.norm_type, self.batch_momentum,
                                           self.virtual_batch_size, self.num_groups, block_name="f1")
        self.transform_f2 = TransformBlock(2 * self.feature_dim, self.norm_type, self.batch_momentum,
                                           self.virtual_batch_size, self.num_groups, block_name="f2")
        self.transform_f3_list = [
            TransformBlock(2 * self.feature_dim, self.norm_type, self.batch_momentum,
                           self.virtual_batch_size, self.num_groups, block_name=f"f3_{i}")
            for i in range(self.num_decision_steps)
        ]
        self.transform_f4_list = [
            TransformBlock(2 * self.feature_dim, self.norm_type, self.batch_momentum,
                           self.virtual_batch_size, self.num_groups, block_name=f"f4_{i}")
            for i in range(self.num_decision_steps)
        ]
        self.transform_coef_list = [
            TransformBlock(self.num_features, self.norm_type, self.batch_momentum,
                           self.virtual_batch_size, 1, block_name=f"coef_{i}")
            for i in range(self.num_decision_steps - 1)
        ]
        self._step_feature_selection_masks = None
        self._step_aggregate_feature_selection_mask = None

    def call(self, inputs, training=None):
        features = inputs
        batch_size = tf.shape(features)[0]
        self._step_feature_selection_masks = []
        self._step_aggregate_feature_selection_mask = None

        output_aggregated = tf.zeros([batch_size, self.output_dim])
        masked_features = features
        mask_values = tf.zeros([batch_size, self.num_features])
        aggregated_mask_values = tf.zeros([batch_size, self.num_features])
        complementary_aggregated_mask_values = tf.ones([batch_size, self.num_features])
        total_entropy = 0.0
        entropy_loss = 0.0

        for ni in range(self.num_decision_steps):
            transform_f1 = self.transform_f1(masked_features, training=training)
            transform_f1 = glu(transform_f1, self.feature_dim)
            transform_f2 = self.transform_f2(transform_f1, training=training)
            transform_f2 = (glu(transform_f2, self.feature_dim) + transform_f1) * tf.math.sqrt(0.5)
            transform_f3 = self.transform_f3_list[ni](transform_f2, training=training)
            transform_f3 = (glu(transform_f3, self.feature_dim) + transform_f2) * tf.math.sqrt(0.5)
            transform_f4 = self.transform_f4_list[ni](transform_f3, training=training)
            transform_f4 = (glu(transform_f4, self.feature_dim) + transform_f3) * tf.math.sqrt(0.5)

            if ni > 0:
                decision_out = tf.nn.relu(transform_f4[:, :self.output_dim])
                output_aggregated += decision_out
                scale_agg = tf.reduce_sum(decision_out, axis=1, keepdims=True)
                scale_agg = scale_agg / tf.cast(self.num_decision_steps - 1, tf.float32)
                aggregated_mask_values += mask_values * scale_agg

            features_for_coef = transform_f4[:, self.output_dim:]

            if ni < (self.num_decision_steps - 1):
                mask_values = self.transform_coef_list[ni](features_for_coef, training=training)
                mask_values *= complementary_aggregated_mask_values
                mask_values = sparsemax(mask_values, axis=-1)
                complementary_aggregated_mask_values *= self.relaxation_factor - mask_values
                total_entropy += tf.reduce_mean(
                    tf.reduce_sum(-mask_values * tf.math.log(mask_values + self.epsilon), axis=1)
                ) / tf.cast(self.num_decision_steps - 1, tf.float32)
                entropy_loss = total_entropy
                masked_features = tf.multiply(mask_values, features)
                mask_at_step_i = tf.expand_dims(tf.expand_dims(mask_values, 0), 3)
                self._step_feature_selection_masks.append(mask_at_step_i)

        # ported: the original resets entropy_loss to 0. in the last step, and Keras 3 refuses
        # add_loss() on a Python float, so the accumulated entropy is added instead.
        self.add_loss(self.sparsity_coefficient * tf.convert_to_tensor(total_entropy))
        agg_mask = tf.expand_dims(tf.expand_dims(aggregated_mask_values, 0), 3)
        self._step_aggregate_feature_selection_mask = agg_mask
        return output_aggregated

    @property
    def feature_selection_masks(self):
        return self._step_feature_selection_masks

    @property
    def aggregate_feature_selection_mask(self):
        return self._step_aggregate_feature_selection_mask


class TabNetClassifier(tf.keras.Model):

    def __init__(self, feature_columns, num_classes, num_features=None, feature_dim=8, output_dim=4,
                 num_decision_steps=3, **kwargs):
        super(TabNetClassifier, self).__init__(**kwargs)
        self.num_classes = num_classes
        self.tabnet = TabNet(feature_columns=feature_columns, num_features=num_features,
                             feature_dim=feature_dim, output_dim=output_dim,
                             num_decision_steps=num_decision_steps, **kwargs)
        self.clf = tf.keras.layers.Dense(num_classes, activation="softmax", use_bias=False,
                                         name="classifier")

    def call(self, inputs, training=None):
        self.activations = self.tabnet(inputs, training=training)
        out = self.clf(self.activations)
        return out

    def summary(self, *super_args, **super_kwargs):
        super().summary(*super_args, **super_kwargs)
        self.tabnet.summary(*super_args, **super_kwargs)


def build_model():
    import numpy as np
    model = TabNetClassifier(None, num_classes=3, num_features=6, feature_dim=8, output_dim=4,
                             num_decision_steps=3)
    x = np.random.default_rng(0).random((4, 6)).astype("float32")
    model(x)
    return model, x
