"""A MoCo training wrapper Model that holds the query `encoder` and a second, trainable
`momentum_encoder` as sub-models; the momentum encoder is only reached through
`tf.keras.backend.stop_gradient`, so all of its weights are counted as trainable and get no gradient.

From michaelaerni/eth-cil-project (`src/road_segmentation/models/moco.py`, `EncoderMoCoTrainingModel`
and `FCHead`). The momentum encoder is meant to be updated only by the `_UpdateMomentumEncoderCallback`
(`m * me + (1 - m) * e`), never by the optimizer. In the project's first MoCo experiment the two heads
are built the same way (`FCHead(momentum_backbone, ..., name='momentum_encoder')`, no
`trainable=False` on it or on its backbone), so `model.trainable_weights` holds the momentum
encoder's kernels next to the encoder's and the optimizer is handed variables whose gradient is
always None; later revisions of the experiment added `momentum_backbone.trainable = False` and
`trainable=False` on the head.

Porting edits: `tf.keras` -> `keras` for the classes (the ops stay `tf.*`); the `typing` annotations
and docstrings shortened; the ResNet backbone replaced by a two-conv functional model that returns
a list of feature maps (as `FCHead.call` expects, it pools `input_features[-1]`); 8x8x3 images,
features 4, queue 4 (a multiple of the batch size 2); `self.queue[p:p + b, :].assign(...)` ->
`self.queue.value[p.value:p.value + b, :].assign(...)` (a Keras 3 variable is not sliceable for
assignment and cannot index a tf slice; `.value` is the backing tf.Variable on the TF backend); the momentum callback class kept as written;
`build_model()` builds the two heads the way the first experiment script does and calls
`model.build(...)` as it does, and returns `(model, stacked query/key batch)`.
"""

SOURCE = "https://github.com/michaelaerni/eth-cil-project/blob/00bb217de629b363f7544d79b6b8ad8e7c6692c1/src/road_segmentation/models/moco.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/ac_ethcil_moco_momentum_encoder_trainable_behind_stop_gradient.py:
as returned: EncoderMoCoTrainingModel, count_params() = 833, 10 weights, unbuilt: ['FCHead:encoder', 'Dense:dense', 'FCHead:momentum_encoder', 'Dense:dense_1']
after call: count_params() = 905, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 5 of 12 trainable weights: ['conv2d_2/kernel', 'conv2d_2/bias', 'conv2d_3/kernel', 'conv2d_3/bias', 'encoder_mo_co_training_model/momentum_encoder/dense_1/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'encoder': 444, 'momentum_encoder': 444}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine29/a_probe4.py): after the call 12 trainable weights, 6 of them the momentum
encoder's (backbone convs + fc); the 6th (momentum fc kernel) is missing from the None list only
because its l2 kernel_regularizer puts it in model.losses -- its sole gradient is weight decay. The
optimizer would be handed 6 variables it must never train. (Also seen: model.build() runs before the
heads' Dense layers exist, so the momentum callback maps only 4 pairs, the conv weights.)"""

import numpy as np
import tensorflow as tf
import keras


class EncoderMoCoTrainingModel(keras.Model):
    """
    Helper model which handles MoCo training of a given encoder model.
    """

    def __init__(
            self,
            encoder,
            momentum_encoder,
            momentum,
            temperature,
            queue_size,
            features
    ):
        super(EncoderMoCoTrainingModel, self).__init__()

        if not (0 <= momentum < 1):
            raise ValueError(f'Momentum must be in [0, 1) but is {momentum}')

        self.encoder = encoder
        self.momentum_encoder = momentum_encoder

        # TODO: [v1] It is not quite clear how batch normalization on the momentum encoder works
        #  and there are three possibilities (frozen, inference, training).
        #  We need to investigate which one is happening.
        self._momentum_update_callback = None

        self.momentum = momentum

        self.temperature = temperature

        queue_shape = (queue_size, features)
        self.queue = self.add_weight(
            name='queue',
            shape=queue_shape,
            dtype=tf.float32,
            initializer=lambda shape, dtype: tf.math.l2_normalize(tf.random.normal(shape, dtype=dtype)),  # Initialize queue with random features
            trainable=False
        )
        self.queue_pointer = self.add_weight(
            name='queue_pointer',
            shape=[],
            dtype=tf.int32,
            initializer=keras.initializers.Zeros(),
            trainable=False
        )

    def build(self, input_shape):
        super(EncoderMoCoTrainingModel, self).build(input_shape)

        # First, match all weights via their order.
        # This is the only reliable way to match weights since the names are always different.
        # That requires temporarily setting the encoder to non-trainable to have the weight order match up.
        self.encoder.trainable = False
        encoder_weights_by_momentum_name_map = {
            momentum_weight.name: encoder_weight
            for (momentum_weight, encoder_weight) in zip(self.momentum_encoder.weights, self.encoder.weights)
        }
        self.encoder.trainable = True

        # Then, match the weights remaining in the momentum encoder to the normal encoder
        weight_mapping = [
            (momentum_weight, encoder_weights_by_momentum_name_map[momentum_weight.name])
            for momentum_weight in self.momentum_encoder.weights
        ]

        # Finally, update the callback which performs the momentum updates
        self._momentum_update_callback = self._UpdateMomentumEncoderCallback(weight_mapping, self.momentum)

    def call(self, inputs, training=None, mask=None):
        query_inputs, key_inputs = tf.unstack(inputs)

        # Calculate features for queries and positive keys
        query_features = self.encoder(query_inputs)
        key_features_positive = self.momentum_encoder(key_inputs)

        # Prevent gradient back to the keys
        key_features_positive = tf.stop_gradient(key_features_positive)

        # Positive logits
        logits_positive = tf.matmul(
            tf.expand_dims(query_features, axis=1),  # => (batch size, 1, MoCo dim)
            tf.expand_dims(key_features_positive, axis=-1)  # => (batch size, MoCo dim, 1)
        )
        logits_positive = tf.squeeze(logits_positive, axis=-1)  # (batch size, 1, 1) => (batch size, 1)

        # Negative logits
        logits_negative = tf.matmul(
            query_features,  # => (batch size, MoCo dim)
            self.queue,  # => (queue size, MoCo dim)^T
            transpose_b=True
        )

        # Combine logits such that index 0 is the positive instance
        logits = tf.concat((logits_positive, logits_negative), axis=-1)  # => (batch size, queue size + 1)

        # Apply temperature
        logits = (1.0 / self.temperature) * logits

        # Update queue values and pointer
        batch_size = tf.shape(key_features_positive)[0]
        queue_size = tf.shape(self.queue)[0]
        with tf.control_dependencies([key_features_positive]):
            with tf.control_dependencies([
                self.queue.value[self.queue_pointer.value:self.queue_pointer.value + batch_size, :].assign(key_features_positive)
            ]):
                # Only update queue pointer *after* updating the queue itself
                with tf.control_dependencies([
                    self.queue_pointer.assign(tf.math.mod(self.queue_pointer + batch_size, queue_size))
                ]):
                    logits = tf.identity(logits)

        return logits

    class _UpdateMomentumEncoderCallback(keras.callbacks.Callback):
        def __init__(self, weight_mapping, momentum):
            super().__init__()

            self.weight_mapping = weight_mapping
            self.momentum = momentum

        def on_train_begin(self, logs=None):
            # Initially set momentum encoder weights to be equal to the encoder weights
            for momentum_weight, encoder_weight in self.weight_mapping:
                momentum_weight.assign(encoder_weight)

        def on_train_batch_end(self, batch, logs=None):
            # Assign weights of encoder with momentum
            for momentum_weight, encoder_weight in self.weight_mapping:
                momentum_weight.assign_add((encoder_weight - momentum_weight) * (1.0 - self.momentum))


class FCHead(keras.layers.Layer):
    """
    MoCo v1 head which transforms the outputs of a backbone model
    into global representations to be used in contrastive learning.
    """

    def __init__(self, backbone, features, dense_initializer='glorot_uniform', weight_decay=1e-4, **kwargs):
        super(FCHead, self).__init__(**kwargs)

        self.backbone = backbone
        self.backbone.trainable = self.trainable

        # Global average pooling
        self.pool = keras.layers.GlobalAveragePooling2D()

        # Output fully connected layer creating the features
        self.fc = keras.layers.Dense(
            features,
            activation=None,
            kernel_initializer=dense_initializer,
            kernel_regularizer=keras.regularizers.l2(weight_decay)
        )

    def call(self, inputs, **kwargs):
        # Generate output features from backbone
        input_features = self.backbone(inputs)
        pooled_features = self.pool(input_features[-1])
        unscaled_output_features = self.fc(pooled_features)

        # Normalize features to have unit norm
        output_features = tf.math.l2_normalize(unscaled_output_features, axis=-1)
        return output_features


def _construct_backbone():
    inputs = keras.Input((8, 8, 3))
    c1 = keras.layers.Conv2D(4, 3, strides=2, padding='same', activation='relu')(inputs)
    c2 = keras.layers.Conv2D(8, 3, strides=2, padding='same', activation='relu')(c1)
    return keras.Model(inputs, [c1, c2])


def build_model():
    backbone = _construct_backbone()
    momentum_backbone = _construct_backbone()
    encoder = FCHead(backbone, 4, name='encoder')
    momentum_encoder = FCHead(momentum_backbone, 4, name='momentum_encoder')
    model = EncoderMoCoTrainingModel(encoder, momentum_encoder, 0.999, 0.07, 4, 4)
    model.build([(2, 8, 8, 3), (2, 8, 8, 3)])
    inputs = np.random.default_rng(0).random((2, 2, 8, 8, 3)).astype("float32")
    return model, inputs
