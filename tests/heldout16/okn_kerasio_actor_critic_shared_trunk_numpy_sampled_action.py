"""Correct: the keras.io Actor-Critic (CartPole) model - one functional model with a shared `common`
Dense trunk and two heads - trained with a hand-written `GradientTape` loop in which the action is
drawn with `np.random.choice` from the NumPy-squeezed action probabilities.

Looks like the "weights only reach the loss through NumPy / an index" bug: `action` is a Python int
picked by NumPy from `np.squeeze(action_probs)`, and the returns are normalised in NumPy and turned
into a Python list. But the loss uses `tf.math.log(action_probs[0, action])` - the integer only
*indexes* a differentiable tensor - and `critic_value[0, 0]` inside the tape, so the actor head, the
critic head and the shared trunk all receive gradients (the critic through the Huber loss, the actor
through -log_prob * advantage, the trunk through both).

Porting edits: `gym`'s CartPole replaced by a 5-step stand-in environment (random 4-d states, reward
1.0 per step) so that the model and one episode of the training loop can run without gym; the model
code (`num_inputs=4`, `num_actions=2`, `num_hidden=128`) is the example's.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/0df30d775727a6789b7bdb4028561f2026cc4d52/examples/rl/actor_critic_cartpole.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout16/_measure.py tests/heldout16/okn_kerasio_actor_critic_shared_trunk_numpy_sampled_action.py:
as returned: Functional, count_params() = 1027, 6 weights, unbuilt: none
after call: count_params() = 1027, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine16b/ac_check.py): one episode of the example's tape loop (5 steps, np.random.choice action,
NumPy-normalised returns, Adam 0.01):
grad None: [False, False, False, False, False, False]
grad all-zero: [False, False, False, False, False, False]
changed after one episode: [True, True, True, True, True, True]"""

import numpy as np
import tensorflow as tf

import keras
from keras import layers

gamma = 0.99  # Discount factor for past rewards
max_steps_per_episode = 6
eps = np.finfo(np.float32).eps.item()  # Smallest number such that 1.0 + eps != 1.0

num_inputs = 4
num_actions = 2
num_hidden = 128


def create_model():
    inputs = layers.Input(shape=(num_inputs,))
    common = layers.Dense(num_hidden, activation="relu")(inputs)
    action = layers.Dense(num_actions, activation="softmax")(common)
    critic = layers.Dense(1)(common)

    return keras.Model(inputs=inputs, outputs=[action, critic])


def run_episode(model, optimizer, huber_loss, rng):
    """One iteration of the example's `while True` loop, on a stand-in environment."""
    action_probs_history = []
    critic_value_history = []
    rewards_history = []
    state = rng.random(num_inputs).astype("float32")
    with tf.GradientTape() as tape:
        for timestep in range(1, max_steps_per_episode):
            state = tf.convert_to_tensor(state)
            state = tf.expand_dims(state, 0)

            # Predict action probabilities and estimated future rewards
            # from environment state
            action_probs, critic_value = model(state)
            critic_value_history.append(critic_value[0, 0])

            # Sample action from action probability distribution
            action = np.random.choice(num_actions, p=np.squeeze(action_probs))
            action_probs_history.append(tf.math.log(action_probs[0, action]))

            # Apply the sampled action in our (stand-in) environment
            state, reward = rng.random(num_inputs).astype("float32"), 1.0
            rewards_history.append(reward)

        returns = []
        discounted_sum = 0
        for r in rewards_history[::-1]:
            discounted_sum = r + gamma * discounted_sum
            returns.insert(0, discounted_sum)

        # Normalize
        returns = np.array(returns)
        returns = (returns - np.mean(returns)) / (np.std(returns) + eps)
        returns = returns.tolist()

        # Calculating loss values to update our network
        history = zip(action_probs_history, critic_value_history, returns)
        actor_losses = []
        critic_losses = []
        for log_prob, value, ret in history:
            diff = ret - value
            actor_losses.append(-log_prob * diff)  # actor loss
            critic_losses.append(
                huber_loss(tf.expand_dims(value, 0), tf.expand_dims(ret, 0))
            )

        # Backpropagation
        loss_value = sum(actor_losses) + sum(critic_losses)
        grads = tape.gradient(loss_value, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return grads


def build_model():
    return create_model()
