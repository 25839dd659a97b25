"""rl-lunarlander's first DDPG keeps each Keras network inside a `tf.Module` holder (`MLPActor(tf.Module)` with
`self.actor_net = mlp(...)`, `MLPCritic(tf.Module)` with `self.critic_net`) and trains through the holder:
`tape.gradient(loss_actor, ac.pi.trainable_variables)`. On Keras 3 a `tf.Module` does not see the variables of a
Keras model stored on it, so `ac.pi.trainable_variables` and `ac.q.trainable_variables` are empty: the update
functions take gradients with respect to nothing, and Keras 3's `apply_gradients(zip([], []))` raises a bare
"ValueError: not enough values to unpack", far from the cause; neither network can be trained or saved through
the holders (LD011, Keras networks held in tf.Module holders that the calling code uses).

From linZHank/rl-lunarlander (DQN/VPG/PPO/DDPG/TD3/SAC agents for LunarLander in TF 2), `train_ddpg.py` at
6fa5e76 ("move models to new location", May 2020). `MLPActorCritic(tf.Module)` holds `pi` and `q`; the actor and
critic updates are the module-level functions `compute_actor_gradients` / `compute_critic_gradients`, called in the
script's main loop on replay batches; the script also `tf.saved_model.save(ac, ...)`s the holder. With TF 2.2's
`tf.keras` (a `tf.Module` subclass) the holder found the Keras variables; with Keras 3 it does not. The author's
later rewrite of the same file (49c8ae5, "upgrade ddpg") makes `Actor` and `Critic` `tf.keras.Model` subclasses and
trains on `self.pi.trainable_weights`: see okcb_rllunarlander_ddpg_keras_model_actor_wraps_functional_policy_net.py.

Porting edits: the script's module level runs the environment and training, so the environment part is
replaced by LunarLanderContinuous-v2's shapes (8-d observation, 2-d action, `action_space.high == [1., 1.]`,
float32) and the main loop is left out; `gym`, `tfp` (imported, unused), `scipy`, `matplotlib` and the GPU
settings are dropped; `gamma` (a module-level setting the critic update reads) is kept. `mlp`, the three holders
and both update functions are as written. build_model() instantiates `ac` and returns the Keras network the actor
holder wraps (`ac.pi.actor_net`); the defect is in the holder, shown by the probe.
"""

SOURCE = "https://github.com/linZHank/rl-lunarlander/blob/6fa5e761b626cbcc08527edd8882e322a9f5b145/train_ddpg.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 68610, 6 weights, unbuilt: none
after call: count_params() = 68610, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
python probes/probe_lunar_bug.py (ac and ac_targ built as the script does, one replay batch of 100):
len(ac.pi.trainable_variables) = 0, len(ac.q.trainable_variables) = 0, ac.variables: 0, while ac.pi.actor_net and ac.q.critic_net have 6 trainable weights each.
compute_actor_gradients raised ValueError: not enough values to unpack (expected 2, got 0) (in actor_optimizer.apply_gradients(zip([], []))); compute_critic_gradients raised the same.
actor weights changed: 0 of 6; critic weights changed: 0 of 6.
(The standard measurement sees only the wrapped functional network, which is fine by itself.)"""

import numpy as np
import tensorflow as tf

################################################################
"""
instantiate env
"""
# env = gym.make('LunarLanderContinuous-v2')
obs_dim = 8  # env.observation_space.shape[0]
act_dim = 2  # env.action_space.shape[0]
act_limit = np.array([1., 1.], dtype=np.float32)  # env.action_space.high
gamma = 0.99
################################################################


################################################################
"""
Build actor_net, critic_net
"""
def mlp(sizes, activation, output_activation=None):
    inputs = tf.keras.Input(shape=(sizes[0],))
    x = tf.keras.layers.Dense(sizes[1], activation=activation)(inputs)
    for i in range(2,len(sizes)-1):
        x = tf.keras.layers.Dense(sizes[i], activation=activation)(x)
    outputs = tf.keras.layers.Dense(sizes[-1], activation=output_activation)(x)

    return tf.keras.Model(inputs=inputs, outputs=outputs)

class MLPActor(tf.Module):
    def __init__(self, obs_dim, act_dim, hidden_sizes, activation, act_limit):
        super().__init__()
        self.actor_net = mlp([obs_dim] + list(hidden_sizes) + [act_dim], activation='tanh')
        self.act_limit = act_limit

    def __call__(self, obs):
        return self.act_limit*self.actor_net(obs)

class MLPCritic(tf.Module):
    def __init__(self, obs_dim, act_dim, hidden_sizes, activation):
        super().__init__()
        self.critic_net = mlp([obs_dim+act_dim] + list(hidden_sizes) + [1], activation)

    # @tf.function
    def __call__(self, obs, act):
        q_val = self.critic_net(tf.concat([obs, act], axis=-1))
        return tf.squeeze(q_val, axis=-1)

class MLPActorCritic(tf.Module):
    def __init__(self, obs_dim, act_dim, act_limit, hidden_sizes=(256,256), activation='tanh'):
        super().__init__()
        # obs_dim = observation_space.shape[0]
        # act_dim = action_space.shape[0]
        # act_limit = action_space.high
        self.pi = MLPActor(obs_dim=obs_dim, act_dim=act_dim, hidden_sizes=hidden_sizes, activation=activation, act_limit=act_limit)
        self.q = MLPCritic(obs_dim=obs_dim, act_dim=act_dim, hidden_sizes=hidden_sizes, activation=activation)

    def act(self, obs):
        return self.pi(obs).numpy()[0]
################################################################


################################################################
"""
Compute losses and gradients
"""
def compute_actor_gradients(ac, actor_optimizer, data):
    with tf.GradientTape() as tape:
        tape.watch(ac.pi.trainable_variables)
        obs_batch = data['obs']
        q_pi = ac.q(obs_batch, ac.pi(obs_batch))
        loss_actor = -tf.math.reduce_mean(q_pi)
    grads_actor = tape.gradient(loss_actor, ac.pi.trainable_variables)
    actor_optimizer.apply_gradients(zip(grads_actor, ac.pi.trainable_variables))

    return loss_actor

def compute_critic_gradients(ac, ac_targ, critic_optimizer, data):
    with tf.GradientTape() as tape:
        tape.watch(ac.q.trainable_variables)
        obs_batch, act_batch, rew_batch, done_batch, next_obs_batch = data['obs'], data['act'], data['rew'], data['done'], data['next_obs']
        q_pred = ac.q(obs_batch, act_batch)
        # q_pi_targ = ac_targ.q(next_obs_batch, ac_targ.pi(obs_batch))
        q_targ = rew_batch + gamma*(1 - done_batch)*(ac_targ.q(next_obs_batch, ac_targ.pi(obs_batch)))
        loss_critic = tf.keras.losses.MSE(q_targ, q_pred)
    grads_critic = tape.gradient(loss_critic, ac.q.trainable_variables)
    critic_optimizer.apply_gradients(zip(grads_critic, ac.q.trainable_variables))

    return loss_critic
################################################################


def build_model():
    # instantiate actor-critic (as the script does at module level)
    ac = MLPActorCritic(obs_dim=obs_dim, act_dim=act_dim, act_limit=act_limit)
    return ac.pi.actor_net
