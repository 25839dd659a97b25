"""Correct: the A2C policy/value model of the "TensorFlow 2.x Tutorials" A2C chapter - a subclassed
`Model` that owns a weightless `ProbabilityDistribution` sub-model never used in `call()`, samples
actions with `tf.random.categorical` through `predict`, and is trained with `train_on_batch` on two
custom losses whose first target packs the NumPy actions and advantages into one float array.

Looks like several bugs at once: `self.dist` is a sub-model that `call()` never calls (an
"unbuilt sublayer"?), the action reaches the training targets only through a random, non
differentiable `tf.random.categorical` and NumPy, the two heads hang off two separate hidden
layers (`hidden1` feeds only the logits, `hidden2` only the value), and the actions are cast back
to `int32` inside the loss. On Keras 3 it is fine: `ProbabilityDistribution` has no weights, the
actions are only labels, and one `train_on_batch` updates all eight weights (both hidden layers,
both heads).

Porting edits: `super().__init__('mlp_policy')` -> `super().__init__(name='mlp_policy')` and
`RMSprop(lr=...)` -> `RMSprop(learning_rate=...)` (Keras 3 rejects both old spellings);
`tensorflow.keras.losses as kls` -> `keras.losses as kls` (Keras 3's `tf.keras.losses` lacks
`mean_squared_error`); the gym
loop is not run here - `build_model()` returns the model called once on a CartPole-shaped (4,)
observation batch, as `action_value` does first.
"""

SOURCE = "https://github.com/dragen1860/TensorFlow-2.x-Tutorials/blob/3aeeb350c88c22dafe6db1382000166dc92fe5c2/17-A2C/a2c.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/okn_dragen_a2c_probability_distribution_model_outside_call.py:
warning: `build()` was called on layer 'mlp_policy', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, desp
as returned: Model, count_params() = 1667, 8 weights, unbuilt: ['ProbabilityDistribution:probability_distribution']
after call: count_params() = 1667, 8 trainable weights, unbuilt: ['ProbabilityDistribution:probability_distribution']; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'probability_distribution': 'count_params() raised ValueError'}
second call: 0 variables watched that the first call did not use
(the warning and the "unbuilt" entry are about the weightless ProbabilityDistribution, which call() never
uses; it gets built by its first predict() and has 0 weights)
Own script (/tmp/mine16b/a2c_check.py): 8 action_value() calls, A2CAgent._returns_advantages, one
train_on_batch(obs, [acts_and_advs, returns]):
weights 8 params 1667 dist weights 0 dist built True
changed by one train_on_batch: all 8 (hidden1/hidden2 kernel+bias, value kernel+bias, policy_logits kernel+bias)"""

import numpy as np
import tensorflow as tf
import tensorflow.keras.layers as kl
import keras.losses as kls
import tensorflow.keras.optimizers as ko


class ProbabilityDistribution(tf.keras.Model):
    def call(self, logits):
        # sample a random categorical action from given logits
        return tf.squeeze(tf.random.categorical(logits, 1), axis=-1)


class Model(tf.keras.Model):
    def __init__(self, num_actions):
        super().__init__(name='mlp_policy')
        # no tf.get_variable(), just simple Keras API
        self.hidden1 = kl.Dense(128, activation='relu')
        self.hidden2 = kl.Dense(128, activation='relu')
        self.value = kl.Dense(1, name='value')
        # logits are unnormalized log probabilities
        self.logits = kl.Dense(num_actions, name='policy_logits')
        self.dist = ProbabilityDistribution()

    def call(self, inputs):
        # inputs is a numpy array, convert to Tensor
        x = tf.convert_to_tensor(inputs)
        # separate hidden layers from the same input tensor
        hidden_logs = self.hidden1(x)
        hidden_vals = self.hidden2(x)
        return self.logits(hidden_logs), self.value(hidden_vals)

    def action_value(self, obs):
        # executes call() under the hood
        logits, value = self.predict(obs, verbose=0)
        action = self.dist.predict(logits, verbose=0)
        return np.squeeze(action, axis=-1), np.squeeze(value, axis=-1)


class A2CAgent:
    def __init__(self, model):
        # hyperparameters for loss terms, gamma is the discount coefficient
        self.params = {
            'gamma': 0.99,
            'value': 0.5,
            'entropy': 0.0001
        }
        self.model = model
        self.model.compile(
            optimizer=ko.RMSprop(learning_rate=0.0007),
            # define separate losses for policy logits and value estimate
            loss=[self._logits_loss, self._value_loss]
        )

    def _returns_advantages(self, rewards, dones, values, next_value):
        # next_value is the bootstrap value estimate of a future state (the critic)
        returns = np.append(np.zeros_like(rewards), next_value, axis=-1)
        # returns are calculated as discounted sum of future rewards
        for t in reversed(range(rewards.shape[0])):
            returns[t] = rewards[t] + self.params['gamma'] * returns[t + 1] * (1 - dones[t])
        returns = returns[:-1]
        # advantages are returns - baseline, value estimates in our case
        advantages = returns - values
        return returns, advantages

    def _value_loss(self, returns, value):
        # value loss is typically MSE between value estimates and returns
        return self.params['value'] * kls.mean_squared_error(returns, value)

    def _logits_loss(self, acts_and_advs, logits):
        # a trick to input actions and advantages through same API
        actions, advantages = tf.split(acts_and_advs, 2, axis=-1)
        # sparse categorical CE loss obj that supports sample_weight arg on call()
        # from_logits argument ensures transformation into normalized probabilities
        weighted_sparse_ce = kls.SparseCategoricalCrossentropy(from_logits=True)
        # policy loss is defined by policy gradients, weighted by advantages
        # note: we only calculate the loss on the actions we've actually taken
        actions = tf.cast(actions, tf.int32)
        policy_loss = weighted_sparse_ce(actions, logits, sample_weight=advantages)
        # entropy loss can be calculated via CE over itself
        entropy_loss = kls.categorical_crossentropy(logits, logits, from_logits=True)
        # here signs are flipped because optimizer minimizes
        return policy_loss - self.params['entropy'] * entropy_loss


def build_model():
    model = Model(num_actions=2)
    model(np.zeros((1, 4), dtype="float32"))
    return model, np.random.default_rng(0).random((2, 4)).astype("float32")
