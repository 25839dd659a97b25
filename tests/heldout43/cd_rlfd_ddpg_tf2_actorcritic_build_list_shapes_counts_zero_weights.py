"""cheneyuwu's RL-from-demonstrations DDPG for TF 2 (`yw.ddpg_tf2`, a goal-conditioned DDPG/HER agent) builds its subclassed `Critic` and `Actor` with `model.build([(None, dimo), (None, dimg), (None, dimu)])` and immediately records `len(model.get_weights())`; on Keras 3 `build()` on a Model without its own `build()` does not run `call()`, so the inner `Sequential` of Dense layers stays unbuilt: both counts are 0, the critic/actor variable lists handed to the optimizers are empty, and the target network's `set_weights(main.get_weights())` copies nothing.

From cheneyuwu/rlfd, `Package/yw/yw/ddpg_tf2/actor_critic.py` at commit 836f799 ("tf2 update normalizer", May 2019):
`Actor` and `Critic` are `tf.keras.Model`s whose only sublayer is `self.nn = nn([hidden] * layers + [dimu or 1])`, a
`tf.keras.Sequential` of Dense layers made by `yw/util/tf2_util.py::nn`; `call()` casts and concatenates the input
list and runs `self.nn`. `ActorCritic.__init__` (decorated with `@store_args`) builds each model from a list of input
shapes and stores `critic_num_weights` / `actor_num_weights`, which `set_weights()` uses to split a flat weight list.
`ddpg.py` (same commit) creates `main_tf` and `target_tf`, builds the `MpiAdam` optimizers from
`main_tf.get_critic_vars()` / `get_actor_vars()` and syncs `self.target_tf.set_weights(self.main_tf.get_weights())`,
all before any data goes through the models. tf.keras 2 built subclassed models by tracing `call()` in `build()`;
Keras 3 marks the model built with a warning and leaves the Dense layers unbuilt (LD005).

Porting edits: `store_args` and `nn` are copied from `yw/util/util.py` and `yw/util/tf2_util.py` (same commit);
`Normalizer` (an MPI running-mean helper, `yw/ddpg_tf2/normalizer.py`, which imports mpi4py) is reduced to a stub
that stores its arguments; the `logger` import is dropped. Actor, Critic and ActorCritic are unchanged.
build_model() does what `DDPG.__init__` does with the models before training (two ActorCritic objects for a
FetchReach-sized task: dimo 10, dimg 3, dimu 4, hidden 256, layers 3, max_u 1.0; then the target sync) and returns
the main critic with an (o, g, u) batch of 2.
"""

SOURCE = "https://github.com/cheneyuwu/rlfd/blob/836f7993116589ba3e5f7984cf9ad16880aeb786/Package/yw/yw/ddpg_tf2/actor_critic.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py cd_rlfd_ddpg_tf2_actorcritic_build_list_shapes_counts_zero_weights.py:
warning: `build()` was called on layer 'critic', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite 
warning: `build()` was called on layer 'actor', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite n
warning: `build()` was called on layer 'critic_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despit
warning: `build()` was called on layer 'actor_1', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despite
as returned: Critic, count_params() = 0, 0 weights, unbuilt: ['Sequential:sequential', 'Dense:dense_3', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense']
after call: count_params() = 136449, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probes/probe_rlfd.py (same classes, PARAMS as build_model): right after ActorCritic(...): critic_num_weights 0, actor_num_weights 0, len(get_critic_vars()) 0, len(get_actor_vars()) 0, len(get_weights()) 0 (so MpiAdam would get empty variable lists); target.set_weights(main.get_weights()) runs silently; after the first get_q calls main and target Q differ ([0.003 0.041] vs [-0.073 -0.042]: the sync copied nothing); the next sync (the polyak update's target.set_weights(...), sliced with the stored 0 counts) raises ValueError: You called set_weights(weights) on layer 'critic_1' with a weight list of length 0, but the layer was expecting 8 weights."""

import functools
import inspect

import numpy as np
import tensorflow as tf


# yw/util/util.py
def store_args(method):
    """Stores provided method args as instance attributes.
    """
    argspec = inspect.getfullargspec(method)
    defaults = {}
    if argspec.defaults is not None:
        defaults = dict(zip(argspec.args[-len(argspec.defaults) :], argspec.defaults))
    if argspec.kwonlydefaults is not None:
        defaults.update(argspec.kwonlydefaults)
    arg_names = argspec.args[1:]

    @functools.wraps(method)
    def wrapper(*positional_args, **keyword_args):
        self = positional_args[0]
        # Get default arg values
        args = defaults.copy()
        # Add provided arg values
        for name, value in zip(arg_names, positional_args[1:]):
            args[name] = value
        args.update(keyword_args)
        self.__dict__.update(args)
        return method(*positional_args, **keyword_args)

    return wrapper


# yw/util/tf2_util.py
def nn(layers_sizes):
    """Creates a simple neural network model
    """
    model = tf.keras.Sequential()
    for i, size in enumerate(layers_sizes):
        model.add(tf.keras.layers.Dense(
            units=size,
            activation=tf.keras.layers.ReLU() if i < len(layers_sizes) - 1 else None,
        ))
    return model


class Normalizer:
    """Porting stub for yw/ddpg_tf2/normalizer.py (MPI running mean/std of observations)."""

    def __init__(self, size, eps=1e-2, default_clip_range=np.inf, sess=None):
        self.size = size
        self.eps = eps
        self.default_clip_range = default_clip_range


class Actor(tf.keras.Model):
    def __init__(self, max_u, hidden, layers, dimu, **kwargs):
        super(Actor, self).__init__()
        self.nn = nn([hidden] * layers + [dimu])
        self.max_u = max_u

    def call(self, input):
        input = [tf.cast(i, tf.float32) for i in input] # numpy array should be tf32
        concat_input = tf.concat(axis=1, values=input)
        return self.max_u * tf.tanh(self.nn(concat_input))


class Critic(tf.keras.Model):
    def __init__(self, max_u, hidden, layers, **kwargs):
        super(Critic, self).__init__()
        self.max_u = max_u
        self.nn = nn([hidden] * layers + [1])

    def call(self, input):
        input = [tf.cast(i, tf.float32) for i in input] # numpy array should be tf32
        concat_input = tf.concat(axis=1, values=[input[0], input[1], input[2] / self.max_u])
        return self.nn(concat_input)


class ActorCritic:
    @store_args
    def __init__(self, max_u, hidden, layers, dimo, dimg, dimu, norm_eps, norm_clip, **kwargs):

        self.critic = Critic(**vars(self))
        self.critic.build([(None, dimo), (None, dimg), (None, dimu)])
        self.critic_num_weights = len(self.critic.get_weights())

        self.actor = Actor(**vars(self))
        self.actor.build([(None, dimo), (None, dimg)])
        self.actor_num_weights = len(self.actor.get_weights())

        # Creating a normalizer for goal and observation.
        self.o_stats = Normalizer(self.dimo, self.norm_eps, self.norm_clip)
        self.g_stats = Normalizer(self.dimg, self.norm_eps, self.norm_clip)

    def get_pi(self, input):
        return self.actor([input["o"], input["g"]])

    def get_q(self, input):
        return self.critic([input["o"], input["g"], input["u"]])

    def get_q_pi(self, input):
        u = self.get_pi(input)
        return self.critic([input["o"], input["g"], u])

    def get_actor_vars(self):
        return self.actor.trainable_variables

    def get_critic_vars(self):
        return self.critic.trainable_variables

    def get_weights(self):
        weights = []
        weights += self.actor.get_weights()
        weights += self.critic.get_weights()
        return weights

    def set_weights(self, weights):
        size = 0
        self.actor.set_weights(weights[size : size + self.actor_num_weights])
        size += self.actor_num_weights
        self.critic.set_weights(weights[size : size + self.critic_num_weights])


PARAMS = dict(max_u=1.0, hidden=256, layers=3, dimo=10, dimg=3, dimu=4, norm_eps=0.01, norm_clip=5)


def build_model():
    # ddpg.py: Create actor critic, optimizers over their variables, then sync the target net
    main_tf = ActorCritic(**PARAMS)
    target_tf = ActorCritic(**PARAMS)
    critic_vars_for_optimizer = main_tf.get_critic_vars()  # MpiAdam(self.main_tf.get_critic_vars(), ...)
    target_tf.set_weights(main_tf.get_weights())
    rng = np.random.default_rng(0)
    batch = [rng.random((2, 10)).astype("float32"), rng.random((2, 3)).astype("float32"),
             rng.uniform(-1, 1, (2, 4)).astype("float32")]
    return main_tf.critic, batch
