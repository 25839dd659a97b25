"""A TD3 agent (Pendulum, continuous control) "builds" its subclassed actor networks with `self.actor.build(input_shape=(None, self.state_size))` and `self.target_actor.build(...)`, the Keras 3 LD005 pattern (a subclassed model without its own `build()` stays unbuilt after `build(shape)`), and then immediately copies the online weights into the targets with `set_weights(get_weights())`. Here that copy is not empty: between the two, the agent calls every network (actor, target actor, both critics and both target critics) on symbolic `Input`s, which runs each `call()` and builds every Dense, so `hard_update_target_model()` copies all weights and the targets start equal to the online networks. The `Lambda(lambda x: x*self.action_max)` made inside `Actor.call` only scales by a float attribute (no weights, nothing captured to track).

From Kimbyung-wook/RL_Note: the agent is `pys/agent/td3_agent.py`, `TD3Agent.__init__` (network part) and
`hard_update_target_model`; the networks are `pys/model/actor_critic_deterministic_continuous.py`, classes `Actor` and
`Critic`, both at the commit pinned in SOURCE.

Porting edits: the replay-memory classes, noise and training step are left out of the agent (the network lines of
`__init__` are kept in order); the gym environment is a tiny stand-in with Pendulum-v0's spaces (3 observations, one
action in [-2, 2]); `Adam(lr=...)` is `Adam(learning_rate=...)` (Keras 3 rejects `lr`). build_model() makes the agent
and returns its online actor with a (2, 3) batch of states.
"""

SOURCE = "https://github.com/Kimbyung-wook/RL_Note/blob/8aa564620712564b32be3da1a654e2a84646dc65/pys/agent/td3_agent.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcj_rlnote_td3agent_model_build_then_called_on_inputs_before_hard_target_copy.py:
warning: `build()` was called on layer 'actor', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite n
warning: `build()` was called on layer 'actor_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite
as returned: Actor, count_params() = 4481, 6 weights, unbuilt: none
after call: count_params() = 4481, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probes/probe_rlnote.py (same agent): after TD3Agent(...) returns, hard_update_target_model() has copied everything: actor 6 weights (4481 params), critic1 and critic2 14 weights each (10113 params), and each target network's weights are equal to its online network's. Keras 3 still prints its 'build() was called on layer actor ... looks like it has unbuilt state' warning for the two build() calls; the symbolic calls on Input that follow build every Dense before the copy."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, concatenate, Lambda

class Actor(tf.keras.Model):
    def __init__(self, state_size, action_size, action_min, action_max):
        super(Actor, self).__init__()
        self.action_min = action_min
        self.action_max = action_max

        self.fc1 = Dense(64, activation='relu')
        self.fc2 = Dense(64, activation='relu')
        # self.fc3 = Dense(16, activation='relu')
        self.out = Dense(action_size, activation='tanh',kernel_initializer = tf.random_uniform_initializer(minval=-0.003, maxval=0.003)) # -1 ~ +1

    def call(self, x):
        x       = self.fc1(x)
        x       = self.fc2(x)
        # x       = self.fc3(x)
        action  = self.out(x)
        # return self.projected_to_action_space(action)
        a = Lambda(lambda x: x*self.action_max)(action)
        return a

class Critic(tf.keras.Model):
    def __init__(self, state_size, action_size):
        super(Critic, self).__init__()
        self.s1 = Dense(16, activation='relu')
        self.s2 = Dense(32, activation='relu')
        self.a1 = Dense(32, activation='relu')
        self.a2 = Dense(32, activation='relu')
        self.fc1= Dense(64, activation='relu')
        self.fc2= Dense(64, activation='relu')
        self.out= Dense(1,  activation='linear')

    def call(self,state_action):
        state  = state_action[0]
        action = state_action[1]
        s = self.s1(state)
        s = self.s2(s)
        a = self.a1(action)
        a = self.a2(a)
        c = concatenate([s,a],axis=-1)
        x = self.fc1(c)
        x = self.fc2(x)
        q = self.out(x)
        return q

from tensorflow.keras.layers import Input


class TD3Agent:
    def __init__(self, env:object, cfg:dict):
        self.state_size = env.observation_space.shape[0]
        self.action_size= env.action_space.shape[0]
        self.action_min = env.action_space.low[0]
        self.action_max = env.action_space.high[0]

        # Hyper params for learning
        self.discount_factor = 0.99
        self.actor_learning_rate  = 0.001
        self.critic_learning_rate = 0.002
        self.tau = 0.005

        # Networks
        self.critic1        = Critic(self.state_size, self.action_size)
        self.critic2        = Critic(self.state_size, self.action_size)
        self.target_critic1 = Critic(self.state_size, self.action_size)
        self.target_critic2 = Critic(self.state_size, self.action_size)
        self.actor          = Actor(self.state_size, self.action_size, self.action_min, self.action_max)
        self.target_actor   = Actor(self.state_size, self.action_size, self.action_min, self.action_max)
        self.critic1_optimizer   = tf.keras.optimizers.Adam(learning_rate=self.critic_learning_rate)
        self.critic2_optimizer   = tf.keras.optimizers.Adam(learning_rate=self.critic_learning_rate)
        self.actor_optimizer    = tf.keras.optimizers.Adam(learning_rate=self.actor_learning_rate)

        self.actor.build(input_shape=(None, self.state_size))
        self.target_actor.build(input_shape=(None, self.state_size))
        state_in = Input(shape=(self.state_size,),dtype=tf.float32)
        action_in = Input(shape=(self.action_size,),dtype=tf.float32)
        self.actor(state_in)
        self.target_actor(state_in)
        self.critic1([state_in, action_in])
        self.critic2([state_in, action_in])
        self.target_critic1([state_in, action_in])
        self.target_critic2([state_in, action_in])
        # self.actor.summary()
        # self.critic1.summary()
        # self.critic2.summary()
        self.hard_update_target_model()

        # Noise
        self.noise_std_dev = 0.2
        self.noise_mean = 0.0

    def hard_update_target_model(self):
        self.target_actor.set_weights(self.actor.get_weights())
        self.target_critic1.set_weights(self.critic1.get_weights())
        self.target_critic2.set_weights(self.critic2.get_weights())


class _Box:
    def __init__(self, low, high):
        self.low = np.array(low, dtype=np.float32)
        self.high = np.array(high, dtype=np.float32)
        self.shape = self.low.shape


class _PendulumStandIn:
    """Porting stand-in for gym's Pendulum-v0 spaces."""
    observation_space = _Box([-1.0, -1.0, -8.0], [1.0, 1.0, 8.0])
    action_space = _Box([-2.0], [2.0])


def build_model():
    agent = TD3Agent(_PendulumStandIn(), {"ENV": "Pendulum-v0", "RL": "TD3", "ER": "ER", "BATCH_SIZE": 64})
    states = np.random.default_rng(0).random((2, agent.state_size)).astype("float32")
    return agent.actor, states
