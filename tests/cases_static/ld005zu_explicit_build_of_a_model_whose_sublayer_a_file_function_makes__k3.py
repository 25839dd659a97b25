# LD005 unbuilt-sublayer: model.build(shape) leaves a Sequential a function of the file makes unbuilt; a functional backbone made by a function is built when made
import keras
from keras import layers

CASE, TITLE = "LD005zu", "self.nn = nn(sizes) (a file function returning a Sequential) left unbuilt by build(shape); a functional helper is not"
# Measured on Keras 3.15.1 + TF 2.21 (/tmp/s43/probe/ld005zu.py): mlp_critic() has count_params() 0, no weights and
# its Sequential and both Dense unbuilt after build([(None, 10), (None, 4)]) (rlfd's DDPG `nn()`, held-out 43);
# backbone_critic() has its 120 parameters (the functional backbone was built by keras.Input when made).


def nn(sizes):
    model = keras.Sequential()
    for size in sizes:
        model.add(layers.Dense(size))
    return model


def backbone(width):
    inputs = keras.Input((width,))
    return keras.Model(inputs, layers.Dense(8)(inputs))


class MlpCritic(keras.Model):
    def __init__(self, hidden):
        super().__init__()
        self.nn = nn([hidden, 1])

    def call(self, inputs):
        return self.nn(keras.ops.concatenate(inputs, axis=1))


class BackboneCritic(keras.Model):
    def __init__(self, width):
        super().__init__()
        self.net = backbone(width)

    def call(self, inputs):
        return self.net(keras.ops.concatenate(inputs, axis=1))


def mlp_critic():
    critic = MlpCritic(16)
    critic.build([(None, 10), (None, 4)])  # LD005
    return critic


def backbone_critic():
    critic = BackboneCritic(14)
    critic.build([(None, 10), (None, 4)])
    return critic
