"""rl-toolkit's gSDE `NoisyLayer` creates a trainable `log_std` weight that its `call()` never touches (the output is
`inputs @ exploration_mat`, a non-trainable weight resampled from `log_std` outside the tape): it looks like a weight
that gets no gradient (LD009), but the SAC actor update reads it again through `noisy_l.get_std()` inside its
GradientTape, so the actor loss reaches it and it trains.

From markub3327/rl-toolkit (a SAC/TD3 toolkit with generalized State-Dependent Exploration, gSDE, arXiv 2005.05719),
`policy/sac/noisy_layer.py` and `policy/sac/network.py` at the same commit; `policy/sac/sac.py` holds the training
step (`_update_actor`: `with tf.GradientTape(): y_pred, log_pi = self._actor.predict(obs) ... a_loss`, gradients
over `self._actor.model.trainable_variables`). In gSDE the exploration noise is `latent_sde @ W` with `W` drawn
from N(0, std(log_std)^2) and redrawn every update (`reset_noise()`), and the policy's variance is
`latent_sde^2 @ std^2`: `log_std` is learned only through the log-likelihood term, not through the layer output.
`Actor` is a plain Python class that keeps the functional model and the `NoisyLayer` on itself; the layer is tracked
by the functional model it was called in.

Porting edits: TensorFlow Probability is not installed where this is measured, so its three uses are written out
with the same meaning: `tfp.distributions.MultivariateNormalDiag(loc=0, scale_diag=std).sample()` in
`sample_weights()` is `tf.random.normal(shape) * std`; `tfp.bijectors.Tanh()` is `tf.tanh` plus its log-det-Jacobian;
`TransformedDistribution(MultivariateNormalDiag(mean, sd), Tanh).log_prob(a)` is `_tanh_mvn_diag_log_prob`. The
`load_model` branches and `self.model.summary()` are left out (build_model() must not print much). build_model()
builds the actor for an 8-d observation and a 2-d action and returns `actor.model`; probe_rltoolkit.py builds the
actor and both critics and runs the author's `_update_actor` step.
Doubts kept: inside the model alone `log_std` does get no gradient (the standard measurement shows it), so a
checker that looks only at the layer's `call()` has a point; the claim here is that the author's training step,
which reads the weight through a helper method, trains it.
"""

SOURCE = "https://github.com/markub3327/rl-toolkit/blob/369baeda9c8dfdb46db6ca83c7f1c5d9bd929345/policy/sac/noisy_layer.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 125702, 8 weights, unbuilt: none
after call: count_params() = 125702, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 7 trainable weights: ['noise/log_std']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'noise': 1200}
second call: 0 variables watched that the first call did not use
python probe_rltoolkit.py (actor and two critics, the author's `_update_actor` step on a batch of 4 observations):
actor trainable: ['h1/kernel', 'h1/bias', 'latent_sde/kernel', 'latent_sde/bias', 'mean/kernel', 'mean/bias', 'noise/log_std']
None gradients in the author's actor step: []
|grad log_std| max: 0.034970350563526154
log_std changed after one Adam step: True
reset_noise redraws exploration_mat: True
(The None in the standard measurement is the model's output alone, whose loss never reads `log_std`; the
author's loss does.)"""

import math

import tensorflow as tf
from tensorflow.keras import Model
from tensorflow.keras import initializers
from tensorflow.keras.layers import Concatenate, Dense, Input, Lambda, Layer
from tensorflow.keras.optimizers import Adam


def _tanh_mvn_diag_log_prob(mean, scale_diag, action):
    # stands for TransformedDistribution(MultivariateNormalDiag(mean, scale_diag), Tanh()).log_prob(action)
    u = tf.atanh(tf.clip_by_value(action, -1.0 + 1e-6, 1.0 - 1e-6))
    z = (u - mean) / scale_diag
    normal_lp = tf.reduce_sum(-0.5 * tf.square(z) - tf.math.log(scale_diag) - 0.5 * math.log(2.0 * math.pi), axis=-1)
    log_det = tf.reduce_sum(2.0 * (math.log(2.0) - u - tf.nn.softplus(-2.0 * u)), axis=-1)
    return normal_lp - log_det


class NoisyLayer(Layer):
    """
    Noisy layer (gSDE)
    ===========

    Paper: https://arxiv.org/pdf/2005.05719.pdf

    Attributes:
        units (int): number of noisy neurons
        log_std_init (float): initialization value of standard deviation
    """

    def __init__(self, units, log_std_init: float = -3.0, **kwargs):
        super(NoisyLayer, self).__init__(**kwargs)
        self.units = units
        self.log_std_init = log_std_init

    def build(self, input_shape):
        self.log_std = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer=initializers.Constant(value=self.log_std_init),
            trainable=True,
            name="log_std",
        )
        self.exploration_mat = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer=initializers.Zeros(),
            trainable=False,
            name="exploration_mat",
        )

        self.sample_weights()

    def call(self, inputs):
        return tf.matmul(inputs, self.exploration_mat)

    def get_config(self):
        config = super(NoisyLayer, self).get_config()
        config.update({"units": self.units})
        config.update({"log_std_init": self.log_std_init})
        return config

    def get_std(self):
        # expln
        return tf.where(
            self.log_std <= 0,
            tf.exp(self.log_std),
            tf.math.log1p(self.log_std + 1e-6) + 1.0,
        )

    def sample_weights(self):
        # was: tfp.distributions.MultivariateNormalDiag(loc=tf.zeros_like(self.log_std),
        #      scale_diag=self.get_std()).sample()
        w_sample = tf.random.normal(tf.shape(self.log_std)) * self.get_std()
        self.exploration_mat.assign(w_sample)


class Actor:
    """
    Actor (for SAC)
    ===============
    """

    def __init__(
        self,
        state_shape=None,
        action_shape=None,
        model_path=None,
        learning_rate: float = 3e-4,
        clip_mean: float = 2.0,
    ):

        if model_path == None:
            state_input = Input(shape=state_shape, name="state_input")

            l1 = Dense(
                400, activation="relu", kernel_initializer="he_uniform", name="h1"
            )(state_input)
            latent_sde = Dense(
                300,
                activation="relu",
                kernel_initializer="he_uniform",
                name="latent_sde",
            )(l1)

            # vystupna vrstva   -- 'mean' musi byt v intervale (-∞, ∞)
            mean = Dense(action_shape[0], activation="linear", name="mean")(latent_sde)
            mean = Lambda(
                lambda x: tf.clip_by_value(x, -clip_mean, clip_mean), name="clip_mean"
            )(mean)

            self.noisy_l = NoisyLayer(action_shape[0], name="noise")
            noise = self.noisy_l(latent_sde)

            # Vytvor model
            self.model = Model(inputs=state_input, outputs=[mean, noise, latent_sde])

        # Optimalizator modelu
        self.optimizer = Adam(learning_rate=learning_rate)
        self.bijector = tf.tanh  # was tfp.bijectors.Tanh(); .forward(x) is tanh(x)

    @tf.function
    def reset_noise(self):
        self.noisy_l.sample_weights()

    def predict(self, x, with_logprob=True, deterministic=False):
        mean, noise, latent_sde = self.model(x)

        if deterministic:
            pi_action = self.bijector(mean)
            logp_pi = None
        else:
            pi_action = self.bijector(mean + noise)

            if with_logprob:
                variance = tf.matmul(
                    tf.square(latent_sde), tf.square(self.noisy_l.get_std())
                )
                logp_pi = _tanh_mvn_diag_log_prob(
                    mean, tf.sqrt(variance + 1e-6), pi_action
                )[:, tf.newaxis]
            else:
                logp_pi = None

        return pi_action, logp_pi


class Critic:
    """
    Critic (for SAC)
    ===============
    """

    def __init__(
        self,
        state_shape=None,
        action_shape=None,
        model_path=None,
        learning_rate: float = 3e-4,
    ):

        if model_path == None:
            # vstupna vsrtva
            state_input = Input(shape=state_shape, name="state_input")
            action_input = Input(shape=action_shape, name="action_input")

            merged = Concatenate()([state_input, action_input])
            l1 = Dense(
                400, activation="relu", kernel_initializer="he_uniform", name="h1"
            )(merged)
            l2 = Dense(
                300, activation="relu", kernel_initializer="he_uniform", name="h2"
            )(l1)

            # vystupna vrstva   -- Q hodnoty su v intervale (-∞, ∞)
            output = Dense(1, activation="linear", name="q_val")(l2)

            # Vytvor model
            self.model = Model(inputs=[state_input, action_input], outputs=output)

        # Optimalizator modelu
        self.optimizer = Adam(learning_rate=learning_rate)


def update_actor(actor, critic_1, critic_2, log_alpha, batch):
    # SAC._update_actor, with self._actor / self._critic_1 / self._critic_2 / self._log_alpha passed in
    with tf.GradientTape() as tape:
        # predict action
        y_pred, log_pi = actor.predict(batch["obs"])

        # predict q value
        q_1 = critic_1.model([batch["obs"], y_pred])
        q_2 = critic_2.model([batch["obs"], y_pred])
        q = tf.minimum(q_1, q_2)

        a_losses = tf.exp(log_alpha) * log_pi - q
        a_loss = tf.nn.compute_average_loss(a_losses)

    grads = tape.gradient(a_loss, actor.model.trainable_variables)
    actor.optimizer.apply_gradients(
        zip(grads, actor.model.trainable_variables)
    )

    return a_loss, grads


def build_model():
    actor = Actor(state_shape=(8,), action_shape=(2,))
    return actor.model
