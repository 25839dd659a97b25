"""A PPO `ActorCritic(tf.keras.Model)` keeps the Gaussian policy's learnable `log_std` as a raw TF
variable (`tf.get_variable`) on the model: Keras 3 does not track it, so it is missing from
`trainable_variables`/`count_params()` and `save_weights`/`load_weights` silently drop it.

From Baichenjia/PPO (`ppo/core_tf.py`, a TF 2.0-eager port of OpenAI Spinning Up's PPO). The model
holds two `MlpNetwork` sub-models (actor, critic) and, for a Box action space,
`self.log_std = tf.get_variable(name='log_std', initializer=-0.5 * np.ones(act_dim))`. The author's
trainer (`ppo_tf.py`) adds `[actor_critic.log_std]` to the gradient list by hand, so the std does train;
but the parameter count it prints uses `actor_critic.trainable_variables`, and the best policy is saved
with `actor_critic.save_weights("actor_critic.h5")` and reloaded for testing, which on Keras 3 loses the
learned std (on tf.keras 2 the `tf.Variable` attribute was tracked and saved).

Porting edits: `tf.get_variable` -> `tf.compat.v1.get_variable` (same call, TF1 API namespace),
`tf.random_normal` -> `tf.random.normal`, `tf.multinomial` -> `tf.random.categorical`,
`tf.enable_eager_execution()` dropped (TF 2 is eager); gym's `Box`/`Discrete` (gym not installed) replaced
by two minimal stand-in classes, scipy's `discount_cumsum` helper left out. build_model(): the
HalfCheetah-sized model of the repository's commented `__main__` (hidden [64, 64], 17 observations,
6 actions), built the way `ppo()` does, by one `choose_action_prob` call on random inputs; the model has
no `call()`, so nothing else is run.
"""

SOURCE = "https://github.com/Baichenjia/PPO/blob/a0bef1723d154b9b61956e2fe4a0ff1bfc4dea7e/ppo/core_tf.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py an_baichenjiappo_actorcritic_log_std_tf_variable_not_saved.py:
as returned: ActorCritic, count_params() = count_params() raised ValueError, 12 weights, unbuilt: none
no inputs known: not called
python _probe_baichenjia_log_std.py:
type(log_std): ResourceVariable
len(weights): 12 | parameter count as ppo_tf.py prints it (sum over trainable_variables): 11079
log_std in trainable_variables: False
gradient for log_std when listed by hand (as ppo_tf.py does): True
save_weights as the author calls it: ValueError You are saving a model that has not yet been built. Try building the model first by calling it on some data or by using `build()`.
after save_weights/load_weights: log_std of reloaded model = [-0.5, -0.5, -0.5, -0.5, -0.5, -0.5] (saved value 1.25)
(12 weights = the two MLPs' kernels and biases; 11079 excludes the 6 log_std values. The probe sets
`built = True` by hand before saving, since this call()-less model is never built; count_params()
raises for the same reason. Doubt kept as decided: the save refusal is a second Keras 3 difference,
not the catalog defect; the learned std being dropped from the weights file is the LD003 symptom.)"""

import numpy as np
import tensorflow as tf

EPS = 1e-8
layers = tf.keras.layers


class Box:  # stand-in for gym.spaces.Box
    def __init__(self, shape):
        self.shape = shape


class Discrete:  # stand-in for gym.spaces.Discrete
    def __init__(self, n):
        self.n = n
        self.shape = ()


def gaussian_likelihood(x, mu, log_std):
    pre_sum = -0.5 * (((x - mu) / (tf.exp(log_std) + EPS)) ** 2 + 2 * log_std + np.log(2 * np.pi))
    return tf.reduce_sum(pre_sum, axis=1)


class MlpNetwork(tf.keras.Model):
    def __init__(self, hidden_sizes, activation=tf.nn.tanh, output_activation=None):
        super(MlpNetwork, self).__init__()
        model = []
        for size in hidden_sizes[:-1]:
            model.append(layers.Dense(size, activation=activation))
        model.append(layers.Dense(hidden_sizes[-1], activation=output_activation))
        self.model = tf.keras.Sequential(model)

    def call(self, x):
        return self.model(x)


class ActorCritic(tf.keras.Model):
    def __init__(self, hidden_sizes, activation=tf.nn.tanh, output_activation=None, action_space=None):
        super(ActorCritic, self).__init__()
        self.action_space = action_space
        self.act_dim = action_space.shape[-1]
        # Init network
        self.actor_network = MlpNetwork(hidden_sizes=list(hidden_sizes)+[self.act_dim],
                                        activation=activation,
                                        output_activation=output_activation)
        self.critic_network = MlpNetwork(hidden_sizes=list(hidden_sizes)+[1],
                                         activation=activation,
                                         output_activation=output_activation)
        if isinstance(self.action_space, Box):
            self.log_std = tf.compat.v1.get_variable(name='log_std', initializer=-0.5 * np.ones(self.act_dim, dtype=np.float32))

    def gaussian_policy(self, s, a=None):
        mu = self.actor_network(s)           # (b, act_dim)
        std = tf.exp(self.log_std)           # (b, act_dim)
        pi = mu + tf.random.normal(tf.shape(mu)) * std
        logp_pi = gaussian_likelihood(pi, mu, self.log_std)
        if a is None:
            return pi, None, logp_pi
        logp = gaussian_likelihood(a, mu, self.log_std)
        return pi, logp, logp_pi

    def categorical_policy(self, s, a=None):
        logits = self.actor_network(s)
        logp_all = tf.nn.log_softmax(logits)
        pi = tf.squeeze(tf.random.categorical(logits, 1), axis=1)
        logp_pi = tf.reduce_sum(tf.one_hot(pi, depth=self.act_dim) * logp_all, axis=1)
        if a is None:
            return pi, None, logp_pi
        logp = tf.reduce_sum(tf.one_hot(a, depth=self.act_dim) * logp_all, axis=1)
        return pi, logp, logp_pi

    def get_critic_output(self, s):
        return tf.squeeze(self.critic_network(s), axis=1)

    def choose_action_prob(self, s, a):
        pi, logp, logp_pi = None, None, None
        if isinstance(self.action_space, Box):
            pi, logp, logp_pi = self.gaussian_policy(s, a)
        elif None and isinstance(self.action_space, Discrete):
            pi, logp, logp_pi = self.categorical_policy(s, a)
        else:
            print("ERROR in ActorCritic")
        v = tf.squeeze(self.critic_network(s), axis=1)
        return pi, logp, logp_pi, v


def build_model():
    obs_dim, act_dim = 17, 6
    actor_critic = ActorCritic([64, 64], activation=tf.nn.tanh,
                               output_activation=None, action_space=Box((act_dim,)))
    actor_critic.choose_action_prob(
        s=tf.convert_to_tensor(np.random.random((1, obs_dim)), dtype=tf.float32),
        a=tf.convert_to_tensor(np.random.random((1, act_dim)), dtype=tf.float32))
    return actor_critic
