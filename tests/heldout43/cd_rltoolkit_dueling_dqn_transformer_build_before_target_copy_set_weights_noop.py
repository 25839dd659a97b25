"""markub3327's rl-toolkit (distributed RL with Reverb; its 2025 code pins TensorFlow 2.19, i.e. Keras 3) builds its transformer `DuelingDQN` (positional embedding, encoder blocks, value/advantage heads) with `model.build((None,) + observation_shape)`; the class has no `build()` of its own, so on Keras 3 nothing inside is built: the learner's "copy original model to target model" step, `target_dqn_model.set_weights(self.model.get_weights())`, copies an empty list, the summaries print 0 params, and the agent registers `self.model.variables` (empty) as its `policy_variables` in the Reverb variable table.

From markub3327/rl-toolkit at commit 1d36914 (July 2025): `rl_toolkit/networks/models/dueling.py` (`PositionalEmbedding`,
`Encoder`, `TargetModelWrapper`, `DuelingDQN`) and `rl_toolkit/agents/dueling_dqn/learner.py` (`Learner.__init__`:
builds the target and the online `DuelingDQN` with `.build(...)`, compiles with AdamW, `target_dqn_model.set_weights(
self.model.get_weights())`, prints both summaries). The models are first called on data only inside `fit()`, where
each gets its own random initialisation, so the target network starts unrelated to the online one (LD005: every
sublayer unbuilt after `build()`; `PositionalEmbedding` has a `build()` but is never reached).

Porting edits: the four classes are copied unchanged (train_step kept, not run); the learner's constructor is reduced to
its model part in build_model() (Reverb dataset, wandb and the environment are left out; the observation shape is a
frame stack of 8 steps x 10 features, action_space 4, two encoder layers, embed_dim 32, ff_mult 2, 2 heads,
dropout 0.1). build_model() returns the online model with a (2, 8, 10) batch.
"""

SOURCE = "https://github.com/markub3327/rl-toolkit/blob/1d3691497fbf1b15d4a8a23180c861b39d7baf39/rl_toolkit/networks/models/dueling.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cd_rltoolkit_dueling_dqn_transformer_build_before_target_copy_set_weights_noop.py:
warning: `build()` was called on layer 'dueling_dqn', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, des
warning: `build()` was called on layer 'dueling_dqn_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, d
as returned: DuelingDQN, count_params() = 0, 0 weights, unbuilt: ['PositionalEmbedding:positional_embedding_1', 'Dense:dense_7', 'Encoder:encoder_2', 'Add:add_5', 'Add:add_4', 'LayerNormalization:layer_normalization_5', 'LayerNormalization:layer_normalization_4', 'Dense:dense_9', 'Dense:dense_8', 'MultiHeadAttention:multi_head_attention_2', 'Encoder:encoder_3', 'Add:add_7', 'Add:add_6', 'LayerNormalization:layer_normalization_7', 'LayerNormalization:layer_normalization_6', 'Dense:dense_11', 'Dense:dense_10', 'MultiHeadAttention:multi_head_attention_3', 'Dense:dense_12', 'Dense:dense_13']
after call: count_params() = 26245, 39 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 39 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'positional_embedding_1': 608, 'encoder_2': 12736, 'encoder_3': 12736}
second call: 0 variables watched that the first call did not use
probes/probe_rltk.py (same classes and flow): after build_model() len(model.get_weights()) 0 and len(target.get_weights()) 0, so target_dqn_model.set_weights(model.get_weights()) ran silently on empty lists; model.variables holds only the 5 Dropout seed_generator_state variables (what the agent would register as 'policy_variables'); after the first calls online Q[0] [-0.0002 -0.0003 -0.0001 0.0005] vs target Q[0] [0.0002 0.0003 -0.0001 -0.0003]: the 39 weights of the two networks differ (identical after the 'copy': False).
probes/probe_rltk_summary.py: model.summary() right after build_model() shows every row '0 (unbuilt)' (positional_embedding_1, encoder_2, encoder_3, dense_12 ...) and ' Total params: 0 (0.00 B)'."""

import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras.initializers import Orthogonal, TruncatedNormal
from tensorflow.keras.layers import (  # GlobalMaxPooling1D,; Lambda,
    Add,
    Dense,
    Dropout,
    GlobalAveragePooling1D,
    Layer,
    LayerNormalization,
    MultiHeadAttention,
)


class PositionalEmbedding(Layer):
    def __init__(self, units, dropout_rate, **kwargs):
        super(PositionalEmbedding, self).__init__(**kwargs)

        self.units = units
        self.projection = Dense(units, kernel_initializer=TruncatedNormal(stddev=0.02))
        self.dropout = Dropout(rate=dropout_rate)

    def build(self, input_shape):
        super(PositionalEmbedding, self).build(input_shape)

        self.position = self.add_weight(
            name="position",
            shape=(1, input_shape[1], self.units),
            initializer=TruncatedNormal(stddev=0.02),
            trainable=True,
        )

    def call(self, inputs, training):
        x = self.projection(inputs)
        x = x + self.position

        return self.dropout(x, training=training)


class Encoder(Layer):
    def __init__(
        self,
        embed_dim,
        ff_mult,
        num_heads,
        dropout_rate,
        attention_dropout_rate,
        **kwargs
    ):
        super(Encoder, self).__init__(**kwargs)

        self.mha = MultiHeadAttention(
            num_heads=num_heads,
            key_dim=embed_dim,
            dropout=attention_dropout_rate,
            kernel_initializer=TruncatedNormal(stddev=0.02),
        )

        self.dense_0 = Dense(
            units=embed_dim * ff_mult,
            activation="gelu",
            kernel_initializer=TruncatedNormal(stddev=0.02),
        )
        self.dense_1 = Dense(
            units=embed_dim, kernel_initializer=TruncatedNormal(stddev=0.02)
        )

        self.dropout_0 = Dropout(rate=dropout_rate)
        self.dropout_1 = Dropout(rate=dropout_rate)

        self.norm_0 = LayerNormalization(epsilon=1e-6)
        self.norm_1 = LayerNormalization(epsilon=1e-6)

        self.add_0 = Add()
        self.add_1 = Add()

    def call(self, inputs, training):
        # Attention block
        x = self.norm_0(inputs)
        x = self.mha(
            query=x,
            value=x,
            key=x,
            training=training,
        )
        x = self.dropout_0(x, training=training)
        x = self.add_0([x, inputs])

        # MLP block
        y = self.norm_1(x)
        y = self.dense_0(y)
        y = self.dense_1(y)
        y = self.dropout_1(y, training=training)

        return self.add_1([x, y])


class TargetModelWrapper:
    def __init__(self, target_dqn_model):
        self._target_dqn_model = target_dqn_model

    def __call__(self, inputs, training):
        return self._target_dqn_model(inputs, training=training)

    @property
    def variables(self):
        return self._target_dqn_model.variables


class DuelingDQN(Model):
    def __init__(
        self,
        action_space,
        num_layers,
        embed_dim,
        ff_mult,
        num_heads,
        dropout_rate,
        attention_dropout_rate,
        gamma,
        tau,
        target_dqn_model=None,
        **kwargs
    ):
        super(DuelingDQN, self).__init__(**kwargs)
        self._target_dqn_model_wrapper = (
            TargetModelWrapper(target_dqn_model)
            if target_dqn_model is not None
            else None
        )
        self.gamma = gamma
        self.tau = tau

        # Input
        self.pos_embs = PositionalEmbedding(embed_dim, dropout_rate)

        # Encoder
        self.e_layers = [
            Encoder(embed_dim, ff_mult, num_heads, dropout_rate, attention_dropout_rate)
            for _ in range(num_layers)
        ]

        # Reduce
        # self.flatten = Lambda(lambda x: x[:, -1])
        # self.flatten = GlobalMaxPooling1D()
        self.flatten = GlobalAveragePooling1D()

        # Output
        self.V = Dense(
            1,
            activation=None,
            kernel_initializer=Orthogonal(0.01),
        )
        self.A = Dense(
            action_space,
            activation=None,
            kernel_initializer=Orthogonal(0.01),
        )

    def call(self, inputs, training=None):
        x = self.pos_embs(inputs, training=training)

        for layer in self.e_layers:
            x = layer(x, training=training)

        # Reduce block
        x = self.flatten(x, training=training)
        # x = self.drop_out(x, training=training)

        # compute value & advantage
        V = self.V(x, training=training)
        A = self.A(x, training=training)

        # advantages have zero mean
        A -= tf.reduce_mean(A, axis=-1, keepdims=True)  # [B, A]

        return V + A  # [B, A]

    def get_action(self, state, temperature):
        return tf.random.categorical(self(state, training=False) / temperature, 1)[0, 0]

    def _update_target(self):
        for source_weight, target_weight in zip(
            self.variables, self._target_dqn_model_wrapper.variables
        ):
            target_weight.assign(
                self.tau * source_weight + (1.0 - self.tau) * target_weight
            )

    def train_step(self, sample):
        # Set dtype
        ext_reward = tf.cast(sample.data["ext_reward"], dtype=self.dtype)
        terminal = tf.cast(sample.data["terminal"], dtype=self.dtype)

        # predict next Q
        next_Q = self._target_dqn_model_wrapper(
            sample.data["next_observation"], training=False
        )
        next_Q = tf.reduce_max(next_Q, axis=-1)

        # get targets
        targets = self(sample.data["observation"])
        indices = tf.range(tf.shape(targets)[0], dtype=sample.data["action"].dtype)
        indices = tf.transpose([indices, sample.data["action"]])
        updates = ext_reward[:, -1] + (1.0 - terminal[:, -1]) * self.gamma * next_Q
        targets = tf.stop_gradient(
            tf.tensor_scatter_nd_update(targets, indices, updates)
        )

        #              update DQN              #
        with tf.GradientTape() as tape:
            y_pred = self(sample.data["observation"], training=True)
            dqn_loss = tf.nn.compute_average_loss(
                tf.keras.losses.log_cosh(targets, y_pred)
            )

        # check exploiding loss
        tf.debugging.Assert(
            tf.math.less(dqn_loss, 100.0), ["The loss is exploding!!! Value:", dqn_loss]
        )

        # compute gradients
        trainable_vars = self.trainable_variables
        gradients = tape.gradient(dqn_loss, trainable_vars)

        # Update weights
        self.optimizer.apply_gradients(zip(gradients, trainable_vars))

        # -------------------- Soft update target networks -------------------- #
        self._update_target()

        return {
            "dqn_loss": dqn_loss,
        }


def build_model():
    import numpy as np

    # rl_toolkit/agents/dueling_dqn/learner.py, Learner.__init__ (model part)
    observation_shape = (8, 10)
    action_space = 4
    target_dqn_model = DuelingDQN(
        action_space,
        num_layers=2,
        embed_dim=32,
        ff_mult=2,
        num_heads=2,
        dropout_rate=0.1,
        attention_dropout_rate=0.1,
        gamma=0.99,
        tau=0.01,
    )
    target_dqn_model.build((None,) + observation_shape)

    model = DuelingDQN(
        action_space,
        num_layers=2,
        embed_dim=32,
        ff_mult=2,
        num_heads=2,
        dropout_rate=0.1,
        attention_dropout_rate=0.1,
        target_dqn_model=target_dqn_model,
        gamma=0.99,
        tau=0.01,
    )
    model.build((None,) + observation_shape)

    dqn_optimizer = tf.keras.optimizers.AdamW(
        global_clipnorm=1.0,
        weight_decay=1e-4,
    )
    dqn_optimizer.exclude_from_weight_decay(
        var_names=["bias", "layer_normalization", "position"]
    )
    model.compile(optimizer=dqn_optimizer)

    # copy original model to target model
    target_dqn_model.set_weights(model.get_weights())

    batch = np.random.default_rng(0).random((2,) + observation_shape).astype("float32")
    return model, batch
