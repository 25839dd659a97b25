"""A poker actor-critic network that assigns an empty list to `self.hidden_layers` and only then
appends one Dense per hidden size in a loop; `call()` runs the list by index and feeds the last hidden
activation to a value head and a softmax policy head.

From cromicron/PokerAI (`Training/ActorCriticNetwork.py`). Looks like the "layers kept in a plain
Python list" trap, in its most suspicious form: the list object is assigned to `self` while empty and
mutated afterwards, and the heads read a list element by index. On Keras 3 the attribute becomes a
tracked list at assignment, the appended Dense layers are tracked, counted, built by the first call and
trained together with the two heads.

Porting edits: `tensorflow.keras` -> `keras`; `activation='LeakyReLU'` -> `'leaky_relu'` (Keras 3 no
longer resolves the layer-class name as an activation string: "Could not interpret activation function
identifier: LeakyReLU"); hidden sizes (1024, 512) -> (16, 8), 4 actions, a 10-feature state;
`build_model()` calls the network on a batch of two states as the agent does when choosing an action.
"""

SOURCE = "https://github.com/cromicron/PokerAI/blob/c9bb60ed9db096b09bfa318149e329839c5a0968/Training/ActorCriticNetwork.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/okd_pokerai_actor_critic_hidden_dense_list_appended_after_assign.py:
as returned: ActorCriticNetwork, count_params() = 357, 8 weights, unbuilt: none
after call: count_params() = 357, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
357 = 10*16+16 + 16*8+8 + 8+1 + 8*4+4. Own script /tmp/mine21a/acfit.py: net.hidden_layers is a
TrackedList of 2; net.layers lists all four Dense; one Adam step on an actor-critic loss: 0 None
gradients, 8/8 trainable variables change."""

import os
import numpy as np
import keras
from keras.layers import Dense 

class ActorCriticNetwork(keras.Model):
    def __init__(self, n_actions, hidden_layers = (1024,512),
            name='actor_critic'):
        super(ActorCriticNetwork, self).__init__()
        self.n_neurons = []
        for layer in hidden_layers:
            self.n_neurons.append(layer)
        self.n_actions = n_actions
        self.model_name = name
        self.hidden_layers = []
        for layer in self.n_neurons:            
            self.hidden_layers.append(Dense(layer, activation='leaky_relu'))

        self.v = Dense(1, activation=None)
        self.pi = Dense(n_actions, activation='softmax')

    def call(self, state):
        value = self.hidden_layers[0](state)
        for i in range(1,len(self.hidden_layers)):
            value = self.hidden_layers[i](value)

        v = self.v(value)
        pi = self.pi(value)

        return v, pi


def build_model():
    state = np.random.default_rng(0).random((2, 10)).astype("float32")
    network = ActorCriticNetwork(n_actions=4, hidden_layers=(16, 8))
    network(state)
    return network, state
