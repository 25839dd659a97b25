"""keras.io's "MoE for MNIST" keeps the per-expert usage counter of its `LinearMoE` layer in a `tf.Variable`, assigned in `call()` and fed into the load-balancing loss: Keras 3 never tracks it.

The example (written for Keras 3: `import keras`, `keras.Model` subclass with a custom
`train_step`) builds `LinearMoE`: five Dense experts, a Dense gating network, `tf.math.top_k`
over the softmaxed gates, and `self.expert_usage_count = tf.Variable(tf.zeros((num_experts,)))`,
incremented in every `call()` with `tensor_scatter_nd_add` and used by `batch_overflow_sum`, one
of the three load-balancing losses added to the classification loss. The routing itself is fine
(the top-k gate values multiply the gathered expert outputs, so the gate gets its gradient); the
counter is the problem: a raw `tf.Variable` on a Keras 3 layer is not a Keras weight. It is not
in `model.weights` or `non_trainable_weights`, is not saved with the model, and (being created
`trainable=True`) is watched by the tape as a variable the model does not own. In Keras 3 it
belongs in `self.add_weight(..., trainable=False)`.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/master/examples/vision/mnist_moe.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py a_mnist_moe_expert_usage_counter_tf_variable.py:
as returned: MoEModel, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Sequential:sequential', 'Flatten:flatten', 'Conv2D:conv2d_1', 'Conv2D:conv2d', 'LinearMoE:linear_mo_e', 'Dense:dense_6', 'Dense:dense_5', 'Dense:dense_4', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense']
after call: count_params() = 124482, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 1 variables the model does not track: ['Variable:0']
params of the case's own layers: {'linear_mo_e': 105666}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import keras
from keras import layers
import tensorflow as tf
from tensorflow.keras import backend as K

NUM_EXPERTS = 5
TOP_K = 3
BATCH_SIZE = 128


class LinearMoE(layers.Layer):
    def __init__(self, hidden_size, num_experts=NUM_EXPERTS, top_k=TOP_K):
        super(LinearMoE, self).__init__()

        # Initialize experts
        self.experts = [
            layers.Dense(hidden_size,
                         kernel_initializer=tf.keras.initializers.RandomNormal(mean=0.0, stddev=0.001),
                         bias_initializer="zeros")
            for _ in range(num_experts)
        ]
        # Initialize gating network
        self.gating_network = layers.Dense(
            num_experts,
            kernel_initializer=tf.keras.initializers.RandomNormal(mean=0.0, stddev=0.001),
            bias_initializer="zeros",
        )

        self.num_experts = num_experts
        self.top_k = top_k
        # Keep track of how many times each expert is used as a layer weight
        self.expert_usage_count = tf.Variable(tf.zeros((num_experts,), dtype=tf.float32))

        self.batch_capacity = BATCH_SIZE // num_experts

    def _diversity_loss(self, weights):
        entropy = -K.sum(weights * K.log(weights + 1e-10), axis=1)
        self.diversity_loss = -K.mean(entropy)

    def _importance_loss(self, gating_weights):
        batch_importance_sum = K.sum(gating_weights, axis=0)
        mean_importance = K.mean(batch_importance_sum)
        self.importance_loss = K.mean(
            K.square(batch_importance_sum - mean_importance * tf.ones_like(batch_importance_sum)))

    def call(self, x):
        gating_weights = self.gating_network(x)
        gating_weights = K.softmax(gating_weights)  # Ensure weights are probabilities
        self._diversity_loss(gating_weights)
        self._importance_loss(gating_weights)

        top_k_weights, top_k_indices = tf.math.top_k(gating_weights, k=self.top_k)

        # Count usage of each expert symbolically
        updates = tf.ones_like(tf.reshape(top_k_indices, [-1]), dtype=tf.float32)
        self.expert_usage_count.assign(
            tf.tensor_scatter_nd_add(self.expert_usage_count, tf.reshape(top_k_indices, [-1, 1]), updates))

        # Calculate overflow using updated usage count
        self.batch_overflow_sum = K.sum(
            K.relu(tf.convert_to_tensor(self.expert_usage_count) - self.batch_capacity))

        expert_outputs = tf.stack([expert(x) for expert in self.experts], axis=1)

        batch_size = tf.shape(x)[0]
        batch_indices = tf.tile(tf.expand_dims(tf.range(batch_size), 1), [1, self.top_k])
        indices = tf.stack([batch_indices, top_k_indices], axis=2)
        top_k_expert_outputs = tf.gather_nd(expert_outputs, indices)

        combined_output = tf.reduce_sum(top_k_expert_outputs * tf.expand_dims(top_k_weights, axis=-1), axis=1)
        return combined_output

    def compute_total_loss(self, load_balance_coef=0.01):
        return load_balance_coef * (self.diversity_loss + self.batch_overflow_sum + self.importance_loss)


class MoEModel(keras.Model):
    def __init__(self, input_shape, num_classes, num_experts=NUM_EXPERTS, top_k=TOP_K):
        super(MoEModel, self).__init__()
        self.conv_block = keras.Sequential([
            layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Flatten(),
            layers.Dropout(0.5),
        ])
        self.moe_classifier = LinearMoE(hidden_size=num_classes, num_experts=num_experts, top_k=top_k)
        self.softmax = layers.Softmax()

    def call(self, inputs, training=False):
        conv_flatten = self.conv_block(inputs)
        moe_output = self.moe_classifier(conv_flatten)
        return self.softmax(moe_output)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            classification_loss = self.compute_loss(x, y, y_pred)
            moe_loss = self.moe_classifier.compute_total_loss(load_balance_coef=0.01)
            total_loss = classification_loss + moe_loss
        gradients = tape.gradient(total_loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))
        return {"loss": total_loss, "moe_loss": moe_loss}


def build_model():
    model = MoEModel(input_shape=(28, 28, 1), num_classes=10, num_experts=6, top_k=4)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
                  loss=keras.losses.CategoricalCrossentropy(), metrics=["accuracy"])
    return model, np.random.default_rng(0).random((2, 28, 28, 1)).astype("float32")
