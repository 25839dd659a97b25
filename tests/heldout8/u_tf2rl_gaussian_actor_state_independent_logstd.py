"""tf2rl GaussianActor: with state_independent_std=True the log-std is a bare tf.Variable on a tf.keras.Model.

The actor keeps `out_log_std` either as a Dense head or, for PPO-style state-independent noise,
as `tf.Variable(np.zeros(action_dim))` assigned to the same attribute in `__init__`, and calls
itself on a dummy state at the end of `__init__` to build. Under tf.keras 2 the variable was
tracked and trained. On Keras 3 a tf.Variable is not a Keras weight: `actor.trainable_variables`
(what the PPO update differentiates and applies gradients to) does not contain the log-std,
so exploration noise never adapts, and it is not saved with the policy.
(`tf2rl.distributions.DiagonalGaussian` is inlined below.)
"""

SOURCE = "https://github.com/keiohta/tf2rl/blob/02be820f978b8e5daed1cfbd8de88c33002ec530/tf2rl/policies/gaussian_actor.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py u_tf2rl_gaussian_actor_state_independent_logstd.py:
as returned: GaussianActor, count_params() = 353, 6 weights, unbuilt: none
after call: count_params() = 353, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 1 variables the model does not track: ['logstd:0']
second call: 0 variables watched that the first call did not use
353 = Dense weights only; the 'logstd' tf.Variable (1 value) is read in call but is not in actor.trainable_variables."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense


# --- tf2rl/distributions/diagonal_gaussian.py -------------------------------------------------
class DiagonalGaussian(object):
    def __init__(self, dim):
        self._dim = dim

    @property
    def dim(self):
        return self._dim

    def log_likelihood(self, x, param):
        means = param["mean"]
        log_stds = param["log_std"]
        assert means.shape == log_stds.shape
        zs = (x - means) / tf.exp(log_stds)
        return - tf.reduce_sum(log_stds, axis=-1) \
               - 0.5 * tf.reduce_sum(tf.square(zs), axis=-1) \
               - 0.5 * self.dim * tf.math.log(2 * np.pi)

    def sample(self, param):
        means = param["mean"]
        log_stds = param["log_std"]
        return means + tf.random.normal(shape=means.shape) * tf.math.exp(log_stds)

    def entropy(self, param):
        log_stds = param["log_std"]
        return tf.reduce_sum(log_stds + tf.math.log(tf.math.sqrt(2 * np.pi * np.e)), axis=-1)


# --- tf2rl/policies/gaussian_actor.py -------------------------------------------------------
class GaussianActor(tf.keras.Model):
    LOG_SIG_CAP_MAX = 2  # np.e**2 = 7.389
    LOG_SIG_CAP_MIN = -20  # np.e**-10 = 4.540e-05
    EPS = 1e-6

    def __init__(self, state_shape, action_dim, max_action,
                 units=[256, 256], hidden_activation="relu",
                 tanh_mean=True, tanh_std=True,
                 fix_std=False, const_std=0.1,
                 state_independent_std=False,
                 squash=False, name='GaussianPolicy'):
        super().__init__(name=name)
        self.dist = DiagonalGaussian(dim=action_dim)
        self.fix_std = fix_std
        self._tanh_std = tanh_std
        self.const_std = const_std
        self._max_action = max_action
        self._squash = squash
        self._state_independent_std = state_independent_std

        self.l1 = Dense(units[0], name="L1", activation=hidden_activation)
        self.l2 = Dense(units[1], name="L2", activation=hidden_activation)
        self.out_mean = Dense(action_dim, name="L_mean",
                              activation='tanh' if tanh_mean else None)
        if not self.fix_std:
            if self._state_independent_std:
                self.out_log_std = tf.Variable(
                    initial_value=np.zeros(action_dim),
                    dtype=tf.float32, name="logstd")
            else:
                activation = 'tanh' if tanh_std else None
                self.out_log_std = Dense(
                    action_dim, name="L_sigma", activation=activation)

        self(tf.constant(
            np.zeros(shape=(1,)+state_shape, dtype=np.float32)))

    def _compute_dist(self, states):
        features = self.l1(states)
        features = self.l2(features)
        mean = self.out_mean(features)
        if self.fix_std:
            log_std = tf.ones_like(mean) * tf.math.log(self.const_std)
        else:
            if self._state_independent_std:
                log_std = tf.tile(
                    input=tf.expand_dims(self.out_log_std, axis=0),
                    multiples=[mean.shape[0], 1])
            else:
                log_std = self.out_log_std(features)
                if self._tanh_std:
                    log_std = self.LOG_SIG_CAP_MIN + 0.5 * \
                        (self.LOG_SIG_CAP_MAX - self.LOG_SIG_CAP_MIN) * (log_std + 1)
                else:
                    log_std = tf.clip_by_value(
                        log_std, self.LOG_SIG_CAP_MIN, self.LOG_SIG_CAP_MAX)

        return {"mean": mean, "log_std": log_std}

    def call(self, states, test=False):
        param = self._compute_dist(states)
        if test:
            raw_actions = param["mean"]
        else:
            raw_actions = self.dist.sample(param)
        logp_pis = self.dist.log_likelihood(raw_actions, param)

        actions = tf.tanh(raw_actions)

        if self._squash:
            logp_pis = self._squash_correction(logp_pis, actions)

        return actions * self._max_action, logp_pis

    def compute_log_probs(self, states, actions):
        actions /= self._max_action
        param = self._compute_dist(states)
        logp_pis = self.dist.log_likelihood(actions, param)
        if self._squash:
            logp_pis = self._squash_correction(logp_pis, actions)
        return logp_pis

    def compute_entropy(self, states):
        param = self._compute_dist(states)
        return self.dist.entropy(param)

    def _squash_correction(self, logp_pis, actions):
        assert_op = tf.Assert(tf.less_equal(tf.reduce_max(actions), 1.), [actions])
        with tf.control_dependencies([assert_op]):
            diff = tf.reduce_sum(
                tf.math.log(1. - actions ** 2 + self.EPS), axis=1)
        return logp_pis - diff


def build_model():
    # PPO on a continuous-control task: state-independent exploration noise
    actor = GaussianActor(state_shape=(3,), action_dim=1, max_action=2.0,
                          units=[16, 16], state_independent_std=True)
    states = np.random.default_rng(0).random((4, 3)).astype("float32")
    return actor, states
