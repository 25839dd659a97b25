"""A PPO `ActorCritic(tf.keras.Model)` creates `self.dense2` for the value branch but `call()` feeds the value
head from `dense1`'s output, so `dense2` is never called: it stays unbuilt (0 parameters, no weights), and the
critic shares the actor's hidden layer instead of the one the author declared.

From Matt-Rice/HonorsThesisWorkspace_MJR (`ReinforcementLearning/ppo3/actor_critic.py`, with `main.py` of the
same folder; a Keras 3 era project: it saves `ppo_model_episode_N.keras` checkpoints). `__init__` makes `dense1`
(64, relu), `policy_logits`, `dense2` (64, relu) and `value`; `call(state)` computes `x = self.dense1(state)`,
then `logits = self.policy_logits(x)` and `value = self.value(x)`. `dense2` is assigned and tracked but never
used, so it is never built (LD005): `model.summary()` shows it with 0 (unbuilt) parameters, the custom PPO loop
(`tape.gradient(loss, model.trainable_variables)`) has nothing of it to train, and the two-stream design the
layer names describe (compare the A3C `ActorCriticModel` that feeds `dense2(inputs)` to the value head) is lost.

Porting edits: none to the class. `main.py` takes `state_size`/`action_size` from a custom `GridEnvironment`
(`grid_env.py`, not kept); here they are 2 (an (x, y) position) and 4 (moves), an assumption that does not
change the defect. `build_model()` makes `ActorCritic(state_size, action_size)` and calls it on one state as the
rollout loop does (`model(tf.expand_dims(state, 0))`).
"""

SOURCE = "https://github.com/Matt-Rice/HonorsThesisWorkspace_MJR/blob/e40ea86b2e429c0b506fa40d02c95f1d718bd18c/ReinforcementLearning/ppo3/actor_critic.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bh/bh_mattrice_honorsthesis_ppo3_actorcritic_dense2_value_branch_never_called.py:
warning: `build()` was called on layer 'actor_critic', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, de
as returned: ActorCritic, count_params() = 517, 6 weights, unbuilt: ['Dense:dense_2']
after call: count_params() = 517, 6 trainable weights, unbuilt: ['Dense:dense_2']; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_mattrice.py): dense2.built is False with 0 weights; model.trainable_variables holds dense, dense_1, dense_3
(kernel+bias each: what main.py's PPO loop trains); model.summary() lists 'dense_2 (Dense) ? 0 (unbuilt)', total 517
params. model.save('ppo_model_episode_1.keras') raises NotImplementedError from get_config (the class has no
get_config; it raises the same without dense2, so unrelated to this defect)."""

import numpy as np
import tensorflow as tf


# Actor and Critic networks
class ActorCritic(tf.keras.Model):
    def __init__(self, state_size, action_size):
        super(ActorCritic, self).__init__()
        self.dense1 = tf.keras.layers.Dense(64, activation='relu')
        self.policy_logits = tf.keras.layers.Dense(action_size)
        self.dense2 = tf.keras.layers.Dense(64, activation='relu')
        self.value = tf.keras.layers.Dense(1)

    def call(self, state):
        x = self.dense1(state)
        logits = self.policy_logits(x)
        value = self.value(x)
        return logits, value


def build_model():
    state_size, action_size = 2, 4
    model = ActorCritic(state_size, action_size)
    state = np.array([0.0, 0.0], dtype="float32")
    state = tf.expand_dims(tf.convert_to_tensor(state), 0)
    model(state)
    return model, state
