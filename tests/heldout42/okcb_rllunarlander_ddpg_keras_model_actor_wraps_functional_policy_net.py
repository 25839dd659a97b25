"""rl-lunarlander's rewritten DDPG still keeps its networks on a `tf.Module` agent
(`DeepDeterministicPolicyGradient(tf.Module)` holding `pi`, `targ_pi`, `q`, `targ_q`), and each network keeps a
functional `tf.keras.Model` on itself (`self.policy_net`, `self.q_net`): it looks like the same holder pattern as
the author's first version (LD011). It is fine: `Actor` and `Critic` are now `tf.keras.Model` subclasses, which
track the inner functional model, and the update reads `self.pi.trainable_weights` / `self.q.trainable_weights`
(the Keras lists), never the tf.Module's `trainable_variables`; all weights get gradients and change.

From linZHank/rl-lunarlander, `train_ddpg.py` at 49c8ae5 ("upgrade ddpg", July 2020), the author's rewrite of the
version in cb_rllunarlander_ddpg_tf_module_actor_holds_keras_net_no_trainable_variables.py (6fa5e76). The agent's
`train_one_batch` does the critic step, the actor step through the critic, and the polyak update of the target
networks with `get_weights`/`set_weights`.

Porting edits: `tf.keras.optimizers.Adam(lr=...)` is `Adam(learning_rate=...)` (Keras 3 rejects `lr`); the two
`tape.watch(self.q.trainable_weights)` / `tape.watch(self.pi.trainable_weights)` lines are commented out: on
Keras 3 they raise "ValueError: Passed in object <Variable ...> of type 'Variable', not tf.Tensor or tf.Variable"
(a Keras variable is not a tf.Variable), and they are redundant, since the tape watches trainable variables the
forward pass reads anyway; the
module-level `gym` environment, `tfp`, `scipy`, `matplotlib`, the GPU settings and the `__main__` loop are left
out (the replay buffer class is kept). build_model() creates the agent as `__main__` does
(`DeepDeterministicPolicyGradient(obs_dim=8, act_dim=2)`, LunarLanderContinuous-v2's shapes) and returns the actor
with a batch of 4 observations.
Doubt kept: the `__main__` loop saves with `ddpg.pi.policy_net.save(model_path)` to a directory path, which
Keras 3 refuses (it wants a `.keras` file); that is a saving-API change, not a tracking problem, and the loop is
not part of the case.
"""

SOURCE = "https://github.com/linZHank/rl-lunarlander/blob/49c8ae55763b0235094e2997bb6526b5913bb5dc/train_ddpg.py"
CODES = ()
CORRECT = True
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Actor, count_params() = count_params() raised ValueError, 6 weights, unbuilt: none
after call: count_params() = 68610, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(count_params() raises before the first call because the subclassed Actor is not built until called; its inner functional policy_net is built in __init__.)
python probes/probe_lunar_ok.py (agent built as __main__ does, one train_one_batch on a replay batch of 100):
tf.Module agent trainable_variables: 0 (never used by the author); pi.trainable_weights: 6; q.trainable_weights: 6.
pi weights changed: 6 of 6; q weights changed: 6 of 6; targ_pi moved by the polyak update: 6 of 6.
Before the porting edit, the author's tape.watch(self.q.trainable_weights) raised ValueError: Passed in object <Variable path=dense_6/kernel ...> of type 'Variable', not tf.Tensor or tf.Variable or ExtensionType."""

import numpy as np
import tensorflow as tf


################################################################
class Critic(tf.keras.Model):
    def __init__(self, obs_dim, act_dim, hidden_sizes, activation, **kwargs):
        super(Critic, self).__init__(name='critic', **kwargs)
        inputs = tf.keras.Input(shape=(obs_dim+act_dim,))
        x = tf.keras.layers.Dense(hidden_sizes[0], activation=activation)(inputs)
        for i in range(1, len(hidden_sizes)):
            x = tf.keras.layers.Dense(hidden_sizes[i], activation=activation)(x)
        outputs = tf.keras.layers.Dense(1)(x)
        self.q_net = tf.keras.Model(inputs=inputs, outputs=outputs)
        
    def call(self, obs, act):
        qval = self.q_net(tf.concat([obs, act], axis=-1))
        return tf.squeeze(qval, axis=-1)
    
class Actor(tf.keras.Model):
    def __init__(self, obs_dim, act_dim, hidden_sizes, activation, act_lim, **kwargs):
        super(Actor, self).__init__(name='actor', **kwargs)
        inputs = tf.keras.Input(shape=(obs_dim,))
        x = tf.keras.layers.Dense(hidden_sizes[0], activation=activation)(inputs)
        for i in range(1, len(hidden_sizes)):
            x = tf.keras.layers.Dense(hidden_sizes[i], activation=activation)(x)
        outputs = tf.keras.layers.Dense(act_dim)(x) 
        self.policy_net = tf.keras.Model(inputs=inputs, outputs=outputs)
        self.act_lim = act_lim

    def call(self, obs):
        return self.act_lim*self.policy_net(obs)
        
class DeepDeterministicPolicyGradient(tf.Module):
    def __init__(self, obs_dim, act_dim, act_lim=1, hidden_sizes=(256,256), activation='relu', gamma = 0.99,
                 critic_lr=3e-4, actor_lr=3e-4, polyak=0.995, **kwargs):
        super(DeepDeterministicPolicyGradient, self).__init__(name='sac', **kwargs)
        # params
        name = 'sac_agent'
        self.gamma = gamma # discount rate
        self.polyak = polyak
        #
        self.pi = Actor(obs_dim, act_dim, hidden_sizes, activation, act_lim)
        self.targ_pi = Actor(obs_dim, act_dim, hidden_sizes, activation, act_lim)
        self.q = Critic(obs_dim, act_dim, hidden_sizes, activation) 
        self.targ_q = Critic(obs_dim, act_dim, hidden_sizes, activation)
        self.critic_optimizer = tf.keras.optimizers.Adam(learning_rate=critic_lr)  # was Adam(lr=critic_lr)
        self.actor_optimizer = tf.keras.optimizers.Adam(learning_rate=actor_lr)  # was Adam(lr=actor_lr)

    def act(self, obs):
        return self.pi(obs).numpy()

    def train_one_batch(self, data):
        # update critic
        with tf.GradientTape() as tape:
            # tape.watch(self.q.trainable_weights)  # raises on Keras 3, see the docstring
            pred_qval = self.q(data['obs'], data['act'])
            targ_qval = data['rew'] + self.gamma*(1-data['done'])*(self.targ_q(data['nobs'], self.targ_pi(data['nobs'])))
            loss_q = tf.keras.losses.MSE(y_true=targ_qval, y_pred=pred_qval)
        grads_critic = tape.gradient(loss_q, self.q.trainable_weights)
        self.critic_optimizer.apply_gradients(zip(grads_critic, self.q.trainable_weights))
        # update actor
        with tf.GradientTape() as tape:
            # tape.watch(self.pi.trainable_weights)  # raises on Keras 3, see the docstring
            loss_pi = -tf.math.reduce_mean(self.q(data['obs'], self.pi(data['obs'])))
        grads_actor = tape.gradient(loss_pi, self.pi.trainable_weights)
        self.actor_optimizer.apply_gradients(zip(grads_actor, self.pi.trainable_weights))
        # Polyak average update target Q-nets
        q_weights_update = []
        for w_q, w_targ_q in zip(self.q.get_weights(), self.targ_q.get_weights()):
            w_q_upd = self.polyak*w_targ_q
            w_q_upd = w_q_upd + (1 - self.polyak)*w_q
            q_weights_update.append(w_q_upd)
        self.targ_q.set_weights(q_weights_update)
        pi_weights_update = []
        for w_pi, w_targ_pi in zip(self.pi.get_weights(), self.targ_pi.get_weights()):
            w_pi_upd = self.polyak*w_targ_pi
            w_pi_upd = w_pi_upd + (1 - self.polyak)*w_pi
            pi_weights_update.append(w_pi_upd)
        self.targ_pi.set_weights(pi_weights_update)

        return loss_q, loss_pi
################################################################


################################################################
class ReplayBuffer:
    """
    A simple FIFO experience replay buffer for SAC agents.
    """

    def __init__(self, obs_dim, act_dim, size):
        self.obs_buf = np.zeros((size, obs_dim), dtype=np.float32)
        self.nobs_buf = np.zeros((size, obs_dim), dtype=np.float32)
        self.act_buf = np.zeros((size, act_dim), dtype=np.float32)
        self.rew_buf = np.zeros(size, dtype=np.float32)
        self.done_buf = np.zeros(size, dtype=np.float32)
        self.ptr, self.size, self.max_size = 0, 0, size

    def store(self, obs, act, rew, done, nobs):
        self.obs_buf[self.ptr] = obs
        self.nobs_buf[self.ptr] = nobs
        self.act_buf[self.ptr] = act
        self.rew_buf[self.ptr] = rew
        self.done_buf[self.ptr] = done
        self.ptr = (self.ptr+1) % self.max_size
        self.size = min(self.size+1, self.max_size)

    def sample_batch(self, batch_size=32):
        idxs = np.random.randint(0, self.size, size=batch_size)
        batch = dict(obs=tf.convert_to_tensor(self.obs_buf[idxs]),
                     nobs=tf.convert_to_tensor(self.nobs_buf[idxs]),
                     act=tf.convert_to_tensor(self.act_buf[idxs]),
                     rew=tf.convert_to_tensor(self.rew_buf[idxs]),
                     done=tf.convert_to_tensor(self.done_buf[idxs]))
        return batch
################################################################


def build_model():
    ddpg = DeepDeterministicPolicyGradient(obs_dim=8, act_dim=2)
    obs = np.random.default_rng(0).random((4, 8)).astype("float32")
    return ddpg.pi, obs
