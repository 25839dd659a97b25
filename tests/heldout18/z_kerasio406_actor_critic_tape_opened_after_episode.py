"""keras-io's actor-critic CartPole example with the `tf.GradientTape()` block moved from around
the episode loop to just before the gradient computation: the model is called (and the action
probabilities and critic values recorded) outside any tape, so `tape.gradient(loss,
model.trainable_variables)` returns None for every weight of the common, actor and critic layers.

Reported as: "I notice that `tape` defined in L94 is only used in L158 ... So I move the tape
definition to L155 ... after that I'm getting error ValueError: No gradients provided for any
variable: ['dense/kernel:0', ... 'dense_2/bias:0']". The recorded tensors are plain results of
an untaped forward pass; the loss built from them inside the tape does not reach any weight.

Porting edits: Keras 3 imports (`keras.ops` where the example uses `ops`, tensorflow ops
otherwise as in the example); the gym CartPole environment replaced by a seeded random
4-dimensional state and reward of 1 per step, 10 steps per episode, with no early termination;
the running-reward bookkeeping and the outer `while True` loop left out; `train_one_episode`
holds the loop body as the issue author rearranged it.
"""

SOURCE = "https://github.com/keras-team/keras-io/issues/406"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/z_kerasio406_actor_critic_tape_opened_after_episode.py:
as returned: Functional, count_params() = 1027, 6 weights, unbuilt: none
after call: count_params() = 1027, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(the model itself is fine; the defect is in the training loop)
Own script (/tmp/mine18b/m_ac.py: build_model(), Adam 0.01, train_one_episode once):
tape.gradient(loss_value, model.trainable_variables) -> None for all 6 weights;
optimizer.apply_gradients raised ValueError "No gradients provided for any variable."; 0 of 6
weights changed. Moving the `with tf.GradientTape()` back around the episode loop (as in the
example) gives 6 non-None gradients."""

import keras
import numpy as np
import tensorflow as tf
from keras import layers

gamma = 0.99
max_steps_per_episode = 10
eps = np.finfo(np.float32).eps.item()

num_inputs = 4
num_actions = 2
num_hidden = 128


def build_model():
    inputs = layers.Input(shape=(num_inputs,))
    common = layers.Dense(num_hidden, activation="relu")(inputs)
    action = layers.Dense(num_actions, activation="softmax")(common)
    critic = layers.Dense(1)(common)
    model = keras.Model(inputs=inputs, outputs=[action, critic])
    return model


def train_one_episode(model, optimizer, seed=0):
    rng = np.random.default_rng(seed)
    huber_loss = keras.losses.Huber()
    action_probs_history = []
    critic_value_history = []
    rewards_history = []
    state = rng.random(num_inputs).astype("float32")
    episode_reward = 0
    for timestep in range(1, max_steps_per_episode):
        state = tf.convert_to_tensor(state)
        state = tf.expand_dims(state, 0)

        action_probs, critic_value = model(state)
        critic_value_history.append(critic_value[0, 0])

        action = np.random.choice(num_actions, p=np.squeeze(action_probs))
        action_probs_history.append(tf.math.log(action_probs[0, action]))

        state, reward = rng.random(num_inputs).astype("float32"), 1.0
        rewards_history.append(reward)
        episode_reward += reward

    returns = []
    discounted_sum = 0
    for r in rewards_history[::-1]:
        discounted_sum = r + gamma * discounted_sum
        returns.insert(0, discounted_sum)

    returns = np.array(returns)
    returns = (returns - np.mean(returns)) / (np.std(returns) + eps)
    returns = returns.tolist()

    with tf.GradientTape() as tape:
        history = zip(action_probs_history, critic_value_history, returns)
        actor_losses = []
        critic_losses = []
        for log_prob, value, ret in history:
            diff = ret - value
            actor_losses.append(-log_prob * diff)
            critic_losses.append(
                huber_loss(tf.expand_dims(value, 0), tf.expand_dims(ret, 0))
            )

        loss_value = sum(actor_losses) + sum(critic_losses)
    grads = tape.gradient(loss_value, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return grads
